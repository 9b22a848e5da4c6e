import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { signedInUser } from "../support/sessions";
import { fakeDnsEnvironment, startApp, type RunningApp } from "../support/start-app";

/**
 * A base URL an admin sets in the app is vetted when saved (https, a public
 * host) and again on every connection: a public name that resolves to an
 * internal address is refused then, so the admin page cannot reach services
 * inside the network. The operator's own `<PROVIDER>_BASE_URL` is trusted.
 */
let upstream: FakeOpenAIUpstream;
let app: RunningApp;

/** Looks public, so it passes the check on save; inside the server it resolves to 127.0.0.1, where the fake upstream listens. */
const REBOUND_NAME = "openai-proxy.rebound.test";

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream({ forceScenario: "fake-text" });
  app = await startApp({
    env: {
      OPENAI_API_KEY: "sk-instance-key",
      OPENAI_BASE_URL: upstream.url,
      SIMULATED_PROVIDER: "off",
      ...fakeDnsEnvironment({ [REBOUND_NAME]: "127.0.0.1" }),
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

async function complete(key: string) {
  const response = await fetch(`${app.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }),
  });
  return { status: response.status, id: response.headers.get("x-generation-id"), text: await response.text() };
}

describe("provider base URLs set by an admin", () => {
  it("refuses to connect when the name resolves to an internal address, says so in OpenAI's error shape and records the attempt", async () => {
    const apiKey = app.createKey({ email: "guard-user@example.com", credits: "1" });
    // The operator's address, on loopback, is served: it is not checked.
    expect((await complete(apiKey)).status).toBe(200);
    const servedBefore = upstream.requestCount;

    const { cookie } = await signedInUser(app, "guard-admin@example.com", { admin: true });
    const port = new URL(upstream.url).port;
    const saved = await fetch(`${app.origin}/api/admin/providers/openai`, {
      method: "PATCH",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ baseUrl: `https://${REBOUND_NAME}:${port}/v1` }),
    });
    expect(saved.status).toBe(200);

    const refused = await complete(apiKey);
    expect(refused.status).toBe(502);
    expect(JSON.parse(refused.text)).toEqual({
      error: {
        message:
          "Connecting to OpenAI was refused: its base URL points at an internal address (loopback), which is not allowed unless ALLOW_PRIVATE_PROVIDER_URLS is set.",
        type: "upstream_error",
        param: null,
        code: "provider_address_not_allowed",
      },
    });
    // Nothing reached the address behind the name, and the client learnt neither it nor a stack.
    expect(upstream.requestCount).toBe(servedBefore);
    expect(refused.text).not.toContain("127.0.0.1");
    expect(refused.text).not.toMatch(/\bat .+\(.*:\d+:\d+\)/);

    const record = (await (await fetch(`${app.baseUrl}/generation?id=${refused.id}`, { headers: { Authorization: `Bearer ${apiKey}` } })).json()) as {
      data: { status: string; error_message: string };
    };
    expect(record.data).toMatchObject({ status: "error", error_message: expect.stringContaining("not allowed") });
    // The operator's log says which address was refused.
    expect(app.output()).toContain(`refused to connect to a provider: ${REBOUND_NAME} (127.0.0.1) is a loopback address`);
  });

  it("refuses internal addresses written as such when saved", async () => {
    const { cookie } = await signedInUser(app, "guard-admin-2@example.com", { admin: true });
    for (const baseUrl of ["https://127.0.0.1/v1", "https://[::ffff:169.254.169.254]/latest", "http://localhost:11434"]) {
      const saved = await fetch(`${app.origin}/api/admin/providers/groq`, {
        method: "PATCH",
        headers: { Cookie: cookie, "Content-Type": "application/json" },
        body: JSON.stringify({ baseUrl }),
      });
      expect(saved.status, baseUrl).toBe(400);
      expect(((await saved.json()) as { error: { code: string } }).error.code).toBe("invalid_base_url");
    }
  });
});
