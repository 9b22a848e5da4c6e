import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UpstreamError, toErrorBody } from "../../errors";
import type { ResolveAll } from "../../../security/guard-provider-lookup";
import { fetchFromProvider } from "./fetch-from-provider";
import { createGuardedProviderDispatcher, dispatcherForAdminBaseUrl, trustedProviderDispatcher } from "./provider-dispatchers";
import type { Dispatcher } from "undici";

/** A local "provider" that counts what reaches it; /redirect answers 307 to /target. */
let server: Server;
let port: number;
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    paths.push(request.url ?? "");
    request.resume();
    if (request.url === "/redirect") {
      response.writeHead(307, { location: `http://127.0.0.1:${port}/target` }).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The rebinding attack: a name that looked public when saved, resolving to this machine now. */
const rebinding: ResolveAll = async (hostname) => (hostname === "api.rebound.test" ? [{ address: "127.0.0.1", family: 4 }] : []);

function post(url: string, dispatcher: Dispatcher) {
  return fetchFromProvider({
    url,
    headers: { "content-type": "application/json", authorization: "Bearer sk-admin-set" },
    body: {},
    signal: new AbortController().signal,
    context: { providerId: "openai", providerName: "OpenAI" },
    dispatcher,
    createHttpError: async (response) => new UpstreamError(`OpenAI returned ${response.status}.`, { providerId: "openai", upstreamStatus: response.status }),
  });
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe("the guarded provider dispatcher", () => {
  const guarded = createGuardedProviderDispatcher({ resolve: rebinding });

  it("refuses a name that resolves to loopback, before a byte reaches it, with a 502 saying why", async () => {
    const before = paths.length;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = await failure(post(`http://api.rebound.test:${port}/v1/chat/completions`, guarded));
    expect(paths.length).toBe(before);
    // The operator's log names the host and the address; the client's message names neither.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("api.rebound.test (127.0.0.1) is a loopback address"));
    warn.mockRestore();
    expect(error.status).toBe(502);
    expect(error.isRetryable).toBe(true);
    expect(toErrorBody(error)).toEqual({
      error: {
        message:
          "Connecting to OpenAI was refused: its base URL points at an internal address (loopback), which is not allowed unless ALLOW_PRIVATE_PROVIDER_URLS is set.",
        type: "upstream_error",
        param: null,
        code: "provider_address_not_allowed",
      },
    });
  });

  it("refuses internal IP addresses written into the URL, which are connected to without a lookup", async () => {
    const before = paths.length;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const host of ["127.0.0.1", "[::ffff:127.0.0.1]", "[::1]"]) {
      const error = await failure(post(`http://${host}:${port}/v1/chat/completions`, guarded));
      expect(error.code, host).toBe("provider_address_not_allowed");
    }
    expect(paths.length).toBe(before);
    warn.mockRestore();
  });

  it("leaves the operator's trusted pool alone: the same address is served there", async () => {
    const response = await post(`http://127.0.0.1:${port}/v1/chat/completions`, trustedProviderDispatcher);
    expect(response.status).toBe(200);
    await response.text();
  });
});

describe("redirects", () => {
  it("are not followed: a 3xx is the provider's error, and its target sees nothing", async () => {
    const before = paths.length;
    const error = await failure(post(`http://127.0.0.1:${port}/redirect`, trustedProviderDispatcher));
    expect(error.upstreamStatus).toBe(307);
    expect(paths.slice(before)).toEqual(["/redirect"]);
  });
});

describe("dispatcherForAdminBaseUrl", () => {
  it("guards admin-set base URLs, unless ALLOW_PRIVATE_PROVIDER_URLS lets them reach internal addresses", () => {
    const guardedPool = dispatcherForAdminBaseUrl({ allowPrivate: false });
    expect(guardedPool).not.toBe(trustedProviderDispatcher);
    // One pool for every admin-set provider, not one per settings reload.
    expect(dispatcherForAdminBaseUrl({ allowPrivate: false })).toBe(guardedPool);
    expect(dispatcherForAdminBaseUrl({ allowPrivate: true })).toBe(trustedProviderDispatcher);
  });
});
