import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { signedInUser as signInAs } from "../support/sessions";
import { startApp, type RunningApp } from "../support/start-app";

/** What a [scenario:fake-text] completion of openai/gpt-4o-mini costs (see chat-completions.test.ts). */
const FAKE_TEXT_COST = 0.000221;

let upstream: FakeOpenAIUpstream;
let app: RunningApp;

beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
  app = await startApp({ env: { OPENAI_API_KEY: "sk-upstream-test", OPENAI_BASE_URL: upstream.url, SIMULATED_PROVIDER: "on" } });
});

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

interface OpenRouterKeyBody {
  data: {
    label: string;
    limit: number | null;
    limit_remaining: number | null;
    limit_reset: string | null;
    usage: number;
    usage_daily: number;
    usage_weekly: number;
    usage_monthly: number;
    is_free_tier: boolean;
    is_provisioning_key: boolean;
    rate_limit: { requests: number; interval: string };
  };
}

interface KeyJson {
  id: string;
  name: string;
  prefix: string;
  disabled: boolean;
  limit: number | null;
  limitMicros: string | null;
  limitReset: string | null;
  usage: number;
  remaining: number | null;
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function getKey(key: string) {
  const response = await fetch(`${app.baseUrl}/key`, { headers: bearer(key) });
  return { status: response.status, body: (await response.json()) as OpenRouterKeyBody };
}

async function getCredits(key: string) {
  const response = await fetch(`${app.baseUrl}/credits`, { headers: bearer(key) });
  return { status: response.status, body: (await response.json()) as { data: { total_credits: number; total_usage: number } } };
}

async function completeFakeText(key: string): Promise<void> {
  const response = await fetch(`${app.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { ...bearer(key), "Content-Type": "application/json" },
    body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "[scenario:fake-text] Say something." }] }),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { usage: { cost: number } }).usage.cost).toBe(FAKE_TEXT_COST);
}

async function signedInUser(email: string): Promise<string> {
  return (await signInAs(app, email)).cookie;
}

function dashboard(cookie: string) {
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.origin}/api/keys${path}`, {
      method,
      headers: { Cookie: cookie, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { data?: unknown } };
  };
  return {
    list: () => send("GET", ""),
    create: (body: unknown) => send("POST", "", body),
    get: (id: string) => send("GET", `/${id}`),
    update: (id: string, body: unknown) => send("PATCH", `/${id}`, body),
    remove: (id: string) => send("DELETE", `/${id}`),
  };
}

describe("GET /api/v1/key", () => {
  it("describes a fresh key in OpenRouter's shape: no limit, nothing spent, free tier while credits were only granted", async () => {
    const key = app.createKey({ email: "fresh@example.com", credits: "10" });
    const { status, body } = await getKey(key);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        label: `${key.slice(0, "sk-sy-v1-".length + 6)}...`,
        limit: null,
        limit_remaining: null,
        limit_reset: null,
        usage: 0,
        usage_daily: 0,
        usage_weekly: 0,
        usage_monthly: 0,
        is_free_tier: true,
        is_provisioning_key: false,
        rate_limit: { requests: expect.any(Number), interval: "1m" },
      },
    });
    expect(JSON.stringify(body)).not.toContain(key);
  });

  it("counts what the key spent, and only that key's spending", async () => {
    const spender = app.createKey({ email: "spender@example.com", credits: "10" });
    const otherKeyOfSameUser = app.createKey({ email: "spender@example.com" });
    await completeFakeText(spender);

    // The generation is recorded before the response ends; the poll only covers a slow disk.
    await expect.poll(async () => (await getKey(spender)).body.data.usage, { timeout: 5_000 }).toBe(FAKE_TEXT_COST);
    expect((await getKey(spender)).body.data).toMatchObject({
      usage: FAKE_TEXT_COST,
      usage_daily: FAKE_TEXT_COST,
      usage_weekly: FAKE_TEXT_COST,
      usage_monthly: FAKE_TEXT_COST,
      limit: null,
      limit_remaining: null,
    });
    expect((await getKey(otherKeyOfSameUser)).body.data).toMatchObject({ usage: 0, usage_daily: 0, usage_weekly: 0, usage_monthly: 0 });
  });

  it("401s in OpenAI's error shape without a key or with an unknown one", async () => {
    const anonymous = await fetch(`${app.baseUrl}/key`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });

    const unknown = await getKey("sk-sy-v1-nope");
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });
  });
});

describe("GET /api/v1/credits", () => {
  it("reports the account's credits and what its generations used, in dollars, across all its keys", async () => {
    const key = app.createKey({ email: "credits@example.com", credits: "10" });
    const secondKey = app.createKey({ email: "credits@example.com", credits: "2.5" });
    expect(await getCredits(key)).toEqual({ status: 200, body: { data: { total_credits: 12.5, total_usage: 0 } } });

    await completeFakeText(secondKey);
    await expect.poll(async () => (await getCredits(key)).body.data.total_usage, { timeout: 5_000 }).toBe(FAKE_TEXT_COST);
    expect((await getCredits(key)).body.data.total_credits).toBe(12.5);
  });

  it("401s in OpenAI's error shape without a key or with an unknown one", async () => {
    const anonymous = await fetch(`${app.baseUrl}/credits`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });

    const unknown = await fetch(`${app.baseUrl}/credits`, { headers: bearer("sk-sy-v1-nope") });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: { type: "authentication_error" } });
  });
});

describe("/api/keys for the dashboard", () => {
  it("401s without a session", async () => {
    const anonymous = dashboard("");
    for (const response of [
      await anonymous.list(),
      await anonymous.create({ name: "x" }),
      await anonymous.get("some-id"),
      await anonymous.update("some-id", { name: "x" }),
      await anonymous.remove("some-id"),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: { type: "authentication_error" } });
    }
  });

  it("creates a key with a limit, shows its secret once, and the key works with /api/v1/key", async () => {
    const owner = dashboard(await signedInUser("dashboard@example.com"));
    const created = await owner.create({ name: "  ci  ", limit: 2.5, limitReset: "daily" });
    expect(created.status).toBe(201);
    const secret = created.body.key as string;
    expect(secret).toMatch(/^sk-sy-v1-[0-9A-Za-z]{48}$/);
    const key = created.body.data as KeyJson;
    expect(key).toMatchObject({
      name: "ci",
      prefix: secret.slice(0, 15),
      disabled: false,
      limit: 2.5,
      limitMicros: "2500000",
      limitReset: "daily",
      usage: 0,
      remaining: 2.5,
    });

    const listed = await owner.list();
    expect(listed.status).toBe(200);
    expect((listed.body.data as KeyJson[]).map((each) => each.id)).toEqual([key.id]);
    expect(listed.text).not.toContain(secret);
    expect(Object.keys((listed.body.data as KeyJson[])[0] ?? {})).not.toContain("keyHash");

    const described = await getKey(secret);
    expect(described.status).toBe(200);
    expect(described.body.data).toMatchObject({ limit: 2.5, limit_remaining: 2.5, limit_reset: "daily", usage: 0 });

    const detail = await owner.get(key.id);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({ id: key.id, usageTotal: 0, usageDaily: 0, usageWeekly: 0, usageMonthly: 0 });
  });

  it("rejects bad input with a 400 that names the field", async () => {
    const cookie = await signedInUser("careless@example.com");
    const owner = dashboard(cookie);
    const cases: Array<[unknown, string, RegExp]> = [
      [{ name: "" }, "name", /empty/],
      [{ name: "x", limit: 1.0000001 }, "limit", /6 decimal places/],
      [{ name: "x", limit: -1 }, "limit", /negative/],
      [{ name: "x", limit: "5" }, "limit", /number of dollars/],
      [{ name: "x", limitReset: "yearly" }, "limitReset", /daily/],
    ];
    for (const [body, param, message] of cases) {
      const response = await owner.create(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body).toMatchObject({ error: { type: "invalid_request_error", param } });
      expect((response.body.error as { message: string }).message).toMatch(message);
    }
    const extra = await owner.create({ name: "x", colour: "blue" });
    expect(extra.status).toBe(400);

    const { body } = await owner.create({ name: "real" });
    const id = (body.data as KeyJson).id;
    expect((await owner.update(id, {})).status).toBe(400);
    expect((await owner.update(id, { limit: 0.1234567 })).status).toBe(400);
    expect((await owner.update(id, { disabled: "yes" })).status).toBe(400);
    const malformed = await fetch(`${app.origin}/api/keys/${id}`, { method: "PATCH", headers: { Cookie: cookie, "Content-Type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringMatching(/not valid JSON/) } });
  });

  it("renames, sets and clears the limit, disables (which stops the key) and deletes", async () => {
    const owner = dashboard(await signedInUser("tidy@example.com"));
    const created = await owner.create({ name: "temporary" });
    const secret = created.body.key as string;
    const id = (created.body.data as KeyJson).id;

    const limited = await owner.update(id, { name: "renamed", limit: 0.000001, limitReset: "monthly" });
    expect(limited.status).toBe(200);
    expect(limited.body.data).toMatchObject({ name: "renamed", limit: 0.000001, limitMicros: "1", limitReset: "monthly", remaining: 0.000001 });

    const cleared = await owner.update(id, { limit: null, limitReset: null });
    expect(cleared.body.data).toMatchObject({ name: "renamed", limit: null, limitMicros: null, limitReset: null, remaining: null });

    expect((await getKey(secret)).status).toBe(200);
    const disabled = await owner.update(id, { disabled: true });
    expect(disabled.body.data).toMatchObject({ disabled: true });
    expect((await getKey(secret)).status).toBe(401);
    const enabled = await owner.update(id, { disabled: false });
    expect(enabled.body.data).toMatchObject({ disabled: false });
    // Key lookups are cached for a few seconds, so the key may answer 401 a moment longer.
    await expect.poll(async () => (await getKey(secret)).status, { timeout: 10_000 }).toBe(200);

    const deleted = await owner.remove(id);
    expect(deleted.status).toBe(204);
    expect((await owner.list()).body.data).toEqual([]);
    expect((await owner.remove(id)).status).toBe(404);
    expect((await getKey(secret)).status).toBe(401);
  });

  it("treats another user's key as not found and leaves it alone", async () => {
    const alice = dashboard(await signedInUser("alice-keys@example.com"));
    const mallory = dashboard(await signedInUser("mallory-keys@example.com"));
    const created = await alice.create({ name: "alice's", limit: 1 });
    const id = (created.body.data as KeyJson).id;

    expect((await mallory.list()).body.data).toEqual([]);
    for (const response of [await mallory.get(id), await mallory.update(id, { name: "mine", disabled: true, limit: null }), await mallory.remove(id)]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { type: "not_found_error" } });
    }
    expect((await alice.get(id)).body.data).toMatchObject({ name: "alice's", disabled: false, limit: 1 });
  });
});
