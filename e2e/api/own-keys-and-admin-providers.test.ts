import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { signedInUser } from "../support/sessions";
import { startApp, type RunningApp } from "../support/start-app";

/**
 * Keys that live in the database rather than the environment: a user's own
 * provider key (bring your own key) and a provider an admin switched on in
 * the app. Both are stored encrypted and must reach the upstream as sent.
 */
let openai: FakeOpenAIUpstream;
let groq: FakeOpenAIUpstream;
let app: RunningApp;

beforeAll(async () => {
  [openai, groq] = await Promise.all([startFakeOpenAIUpstream({ forceScenario: "fake-text" }), startFakeOpenAIUpstream({ forceScenario: "fake-text" })]);
  app = await startApp({
    env: {
      OPENAI_API_KEY: "sk-instance-key",
      OPENAI_BASE_URL: openai.url,
      // Groq's address is known, but it has no key in the environment: an admin adds one in the app.
      GROQ_BASE_URL: groq.url,
      SIMULATED_PROVIDER: "off",
      BYOK_FEE_PERCENT: "5",
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([openai?.close(), groq?.close()]);
});

const json = (cookie: string, method: string, body?: unknown) => ({
  method,
  headers: { Cookie: cookie, "Content-Type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});

async function complete(key: string, model: string) {
  const response = await fetch(`${app.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "Hi" }] }),
  });
  return { status: response.status, id: response.headers.get("x-generation-id"), body: (await response.json()) as { usage?: { cost: number }; error?: { message: string } } };
}

describe("keys kept in the database", () => {
  it("calls the provider with the user's own key and bills the 5% fee instead of the price", async () => {
    const { cookie } = await signedInUser(app, "byok@example.com");
    const saved = await fetch(`${app.origin}/api/settings/provider-keys/openai`, json(cookie, "PUT", { apiKey: "sk-my-own-openai-key-1234" }));
    expect(saved.status).toBe(200);
    expect(await saved.text()).not.toContain("sk-my-own-openai-key-1234");
    const apiKey = app.createKey({ email: "byok@example.com", credits: "1" });

    const result = await complete(apiKey, "openai/gpt-4o-mini");
    expect(result.status).toBe(200);
    expect(openai.requests.at(-1)?.headers.authorization).toBe("Bearer sk-my-own-openai-key-1234");
    // The list price is 221 µ$; 5% of it, rounded up, is 12 µ$.
    expect(result.body.usage?.cost).toBe(0.000012);
    const record = (await (await fetch(`${app.baseUrl}/generation?id=${result.id}`, { headers: { Authorization: `Bearer ${apiKey}` } })).json()) as { data: { is_byok: boolean } };
    expect(record.data.is_byok).toBe(true);

    // Removed, the instance's key serves again, at the full price.
    expect((await fetch(`${app.origin}/api/settings/provider-keys/openai`, json(cookie, "DELETE"))).status).toBe(204);
    const after = await complete(apiKey, "openai/gpt-4o-mini");
    expect(openai.requests.at(-1)?.headers.authorization).toBe("Bearer sk-instance-key");
    expect(after.body.usage?.cost).toBe(0.000221);
  });

  it("routes to a provider an admin configured in the app, and stops when the admin switches it off", async () => {
    const apiKey = app.createKey({ email: "groq-user@example.com", credits: "1" });
    const model = "meta-llama/llama-3.3-70b-instruct";
    expect((await complete(apiKey, model)).status).toBe(404);

    const { cookie } = await signedInUser(app, "admin@example.com", { admin: true });
    const configured = await fetch(`${app.origin}/api/admin/providers/groq`, json(cookie, "PATCH", { apiKey: "gsk-admin-set-key-5678", enabled: true }));
    expect(configured.status).toBe(200);
    const served = await complete(apiKey, model);
    expect(served.status).toBe(200);
    expect(groq.requests.at(-1)?.headers.authorization).toBe("Bearer gsk-admin-set-key-5678");

    expect((await fetch(`${app.origin}/api/admin/providers/groq`, json(cookie, "PATCH", { enabled: false }))).status).toBe(200);
    expect((await complete(apiKey, model)).status).toBe(404);
  });
});
