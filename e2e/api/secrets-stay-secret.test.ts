import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { openAICompatibleProviders } from "@/lib/gateway/providers/openai-compatible/providers-config";
import { signedInUser } from "../support/sessions";
import { findFreePort, startApp, type RunningApp } from "../support/start-app";

/**
 * Provider keys reach the providers and nobody else: not API clients (in a
 * body or a header, however the provider fails, even when it quotes the key
 * back), not the server's log, not the database in the clear. Gateway API
 * keys are stored as hashes only.
 *
 * The keys are shaped unlike any real provider's, so only redacting the
 * configured key itself (not a pattern for known key formats) keeps them out.
 */
const SECRETS = {
  openai: "oai-env-7Q2mX9pL4vR8sK1wZ3",
  anthropic: "ant-env-Hq8Vb2Nc6Xz1Lp5Rt9",
  gemini: "gem-env-Ue4Wk7Jd3Fs9Gy2Mb6",
  groq: "grq-env-Pz5Tn8Cv1Bx4Qw7Ks3",
  mistralByAdmin: "mis-admin-Yr6Dk2Hs9Lq3Vn8Wc",
  openaiOwnKey: "oai-own-Zm3Rb7Xt1Kp5Gd9Nf",
};
const secretValues = Object.values(SECRETS);

/** How the fake provider fails, picked by a `[fail:<mode>]` marker in the prompt. */
const MODES = ["auth", "plain-text-500", "error-in-200", "not-json", "error-event", "redirect", "reset"] as const;

let upstream: { origin: string; received: number; close(): Promise<void> };
let app: RunningApp;
let apiKey: string;
let ownKeyApiKey: string;
/** Every response the clients got: status line, headers and body, as text. */
const seen: string[] = [];

beforeAll(async () => {
  upstream = await startKeyEchoingUpstream();
  const unreachable = `http://127.0.0.1:${await findFreePort()}/v1`;
  app = await startApp({
    env: {
      OPENAI_API_KEY: SECRETS.openai,
      OPENAI_BASE_URL: `${upstream.origin}/v1`,
      ANTHROPIC_API_KEY: SECRETS.anthropic,
      ANTHROPIC_BASE_URL: upstream.origin,
      GEMINI_API_KEY: SECRETS.gemini,
      GEMINI_BASE_URL: upstream.origin,
      GROQ_API_KEY: SECRETS.groq,
      GROQ_BASE_URL: unreachable,
      // Mistral's address is the operator's; its key an admin sets in the app.
      MISTRAL_BASE_URL: `${upstream.origin}/v1`,
      SIMULATED_PROVIDER: "off",
    },
  });
  // Plenty: a request holds its most expensive outcome until it settles.
  apiKey = app.createKey({ email: "client@example.com", credits: "1000" });

  const admin = await signedInUser(app, "admin@example.com", { admin: true });
  seen.push(await readResponse(await fetch(`${app.origin}/api/admin/providers/mistral`, jsonRequest(admin.cookie, "PATCH", { apiKey: SECRETS.mistralByAdmin, enabled: true }))));
  seen.push(await readResponse(await fetch(`${app.origin}/api/admin/providers`, { headers: { Cookie: admin.cookie } })));

  const owner = await signedInUser(app, "own-key@example.com");
  seen.push(await readResponse(await fetch(`${app.origin}/api/settings/provider-keys/openai`, jsonRequest(owner.cookie, "PUT", { apiKey: SECRETS.openaiOwnKey }))));
  seen.push(await readResponse(await fetch(`${app.origin}/api/settings/provider-keys`, { headers: { Cookie: owner.cookie } })));
  ownKeyApiKey = app.createKey({ email: "own-key@example.com", credits: "1000" });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

function jsonRequest(cookie: string, method: string, body: unknown): RequestInit {
  return { method, headers: { Cookie: cookie, "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

/** A response as one string: status, every header, the body. */
async function readResponse(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

/**
 * One of a provider's models. Each request takes another, so no endpoint
 * fails often enough to open its circuit breaker and stop reaching the provider.
 */
function nthModel(providerId: string, index: number): string {
  const models = openAICompatibleProviders.find((provider) => provider.id === providerId)?.models ?? [];
  const model = models[index % models.length]?.id;
  if (!model) throw new Error(`no model for ${providerId}`);
  return model;
}

/** Any ten characters in a row of a secret: a key cut short is still a leak. */
function findLeak(text: string): string | undefined {
  for (const secret of secretValues) {
    for (let start = 0; start + 10 <= secret.length; start++) {
      if (text.includes(secret.slice(start, start + 10))) return secret;
    }
  }
  return undefined;
}

describe("provider keys", () => {
  it("never reach an API client, however the provider fails", async () => {
    const routes = [
      { providerId: "openai", key: apiKey, firstModel: 0 },
      { providerId: "anthropic", key: apiKey, firstModel: 0 },
      { providerId: "google-ai-studio", key: apiKey, firstModel: 0 },
      { providerId: "groq", key: apiKey, firstModel: 0 },
      { providerId: "mistral", key: apiKey, firstModel: 0 },
      // The caller's own OpenAI key is tried first, then the instance's.
      { providerId: "openai", key: ownKeyApiKey, firstModel: MODES.length * 2 },
    ];
    const received = upstream.received;
    for (const route of routes) {
      let modelIndex = route.firstModel;
      for (const mode of MODES) {
        for (const stream of [false, true]) {
          const response = await fetch(`${app.baseUrl}/chat/completions`, {
            method: "POST",
            headers: { Authorization: `Bearer ${route.key}`, "Content-Type": "application/json" },
            body: JSON.stringify({
              model: nthModel(route.providerId, modelIndex++),
              provider: { only: [route.providerId] },
              stream,
              max_tokens: 16,
              messages: [{ role: "user", content: `[fail:${mode}] Hi` }],
            }),
          });
          const text = await readResponse(response);
          seen.push(text);
          expect(findLeak(text), `${route.providerId} ${mode} stream=${stream}:\n${text}`).toBeUndefined();
          // Every request got as far as a provider (no credit or routing refusal stood in for the failure under test).
          expect(text, `${route.providerId} ${mode} stream=${stream}`).toMatch(/^(200|429|502)\n/);
        }
      }
    }
    // The Anthropic-shaped endpoint has error bodies of its own.
    for (const [index, mode] of MODES.entries()) {
      const response = await fetch(`${app.baseUrl}/messages`, {
        method: "POST",
        headers: { "x-api-key": apiKey, "Content-Type": "application/json", "anthropic-version": "2023-06-01" },
        body: JSON.stringify({ model: nthModel("anthropic", index), max_tokens: 16, messages: [{ role: "user", content: `[fail:${mode}] Hi` }] }),
      });
      const text = await readResponse(response);
      seen.push(text);
      expect(findLeak(text), `messages ${mode}:\n${text}`).toBeUndefined();
    }
    // The keys did go out: the fake provider was asked, and quoted them back.
    // Groq is unreachable; everything else reached the fake (twice per request with an own key and a fallback).
    expect(upstream.received - received).toBeGreaterThanOrEqual(MODES.length * 2 * 5);
    expect(seen.length).toBeGreaterThan(90);
    expect(seen.every((text) => findLeak(text) === undefined)).toBe(true);
  }, 120_000);

  it("never appear in the server's output", () => {
    const output = app.output();
    expect(output).toContain("[switchyard] ready");
    expect(findLeak(output), output).toBeUndefined();
  });

  it("are stored encrypted: the database holds no key in the clear", async () => {
    const prisma = createPrismaClient({ databaseUrl: app.databaseUrl });
    try {
      const setting = await prisma.providerSetting.findUniqueOrThrow({ where: { providerId: "mistral" } });
      expect(setting.encryptedApiKey).toBeTruthy();
      expect(findLeak(JSON.stringify(setting))).toBeUndefined();
      const ownKeys = await prisma.userProviderKey.findMany();
      expect(ownKeys).toHaveLength(1);
      expect(findLeak(JSON.stringify(ownKeys))).toBeUndefined();
    } finally {
      await prisma.$disconnect();
    }
    // Every byte SQLite wrote (the write-ahead log too), not only the columns this test thought of.
    if (app.databaseUrl.startsWith("file:")) {
      const file = app.databaseUrl.slice("file:".length);
      const files = readdirSync(path.dirname(file)).filter((name) => name.startsWith(path.basename(file)));
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) {
        const bytes = readFileSync(path.join(path.dirname(file), name)).toString("latin1");
        expect(findLeak(bytes), name).toBeUndefined();
        expect(bytes.includes(apiKey), name).toBe(false);
      }
    }
  });
});

describe("gateway API keys", () => {
  it("are stored as their SHA-256 only, and looked up by it", async () => {
    const prisma = createPrismaClient({ databaseUrl: app.databaseUrl });
    try {
      const rows = await prisma.apiKey.findMany();
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const secret of [apiKey, ownKeyApiKey]) {
        const row = rows.find((candidate) => candidate.keyHash === createHash("sha256").update(secret).digest("hex"));
        expect(row).toBeDefined();
        expect(Object.values(row ?? {}).map(String).join(" ")).not.toContain(secret);
        // Only the start is kept in the clear, to tell keys apart in lists.
        expect(secret.startsWith(row?.prefix ?? "-")).toBe(true);
        expect(row?.prefix.length).toBeLessThan(secret.length / 3);
      }
    } finally {
      await prisma.$disconnect();
    }
    expect(app.output()).not.toContain(apiKey);
    expect(seen.some((text) => text.includes(apiKey) || text.includes(ownKeyApiKey))).toBe(false);
  });
});

/**
 * A provider that fails in every way there is, quoting the key it was sent
 * (Authorization, x-api-key or x-goog-api-key) in what it answers.
 */
async function startKeyEchoingUpstream(): Promise<{ origin: string; received: number; close(): Promise<void> }> {
  const state = { received: 0 };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      state.received++;
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(",") : (value ?? "");
      };
      const key = header("x-api-key") || header("x-goog-api-key") || header("authorization").replace(/^Bearer\s+/i, "");
      const mode = /\[fail:([a-z0-9-]+)\]/.exec(body)?.[1] ?? "auth";
      const url = request.url ?? "";
      const kind = url.includes("/v1/messages") ? "anthropic" : url.includes("/v1beta/") ? "google" : "openai";
      const echo = { "x-echo-key": key, "set-cookie": `key=${key}` };
      switch (mode) {
        case "auth":
          response.writeHead(401, { "content-type": "application/json", ...echo });
          response.end(
            JSON.stringify({
              type: "error",
              error: { message: `Incorrect API key provided: ${key}. You passed ${key}.`, type: "authentication_error", code: 401, status: "UNAUTHENTICATED" },
            }),
          );
          return;
        case "plain-text-500":
          response.writeHead(500, { "content-type": "text/plain", ...echo });
          response.end(`upstream proxy failed while forwarding with key ${key}`);
          return;
        case "error-in-200":
          response.writeHead(200, { "content-type": "application/json", ...echo });
          response.end(JSON.stringify({ error: { message: `quota exceeded for ${key}`, code: 429, type: "rate_limit_error" } }));
          return;
        case "not-json":
          response.writeHead(200, { "content-type": "text/event-stream", ...echo });
          response.end(`data: ${key} is not JSON, and neither is this\n\n`);
          return;
        case "error-event": {
          response.writeHead(200, { "content-type": "text/event-stream", ...echo });
          const event =
            kind === "anthropic"
              ? `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "api_error", message: `broke for ${key}` } })}\n\n`
              : kind === "google"
                ? `data: ${JSON.stringify({ error: { code: 500, message: `broke for ${key}`, status: "INTERNAL" } })}\n\n`
                : `data: ${JSON.stringify({ error: { message: `broke for ${key}`, code: 502 } })}\n\n`;
          response.end(event);
          return;
        }
        case "redirect":
          response.writeHead(307, { location: `http://127.0.0.1:9/steal?key=${encodeURIComponent(key)}`, ...echo });
          response.end(`Moved: ${key}`);
          return;
        case "reset":
          response.writeHead(200, { "content-type": "text/event-stream", ...echo });
          response.write(`data: {"partial": "${key}`);
          setTimeout(() => response.socket?.destroy(), 10);
          return;
        default:
          response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    get received() {
      return state.received;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
