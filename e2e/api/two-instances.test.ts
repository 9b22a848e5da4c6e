import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "@/lib/testing/fake-openai-upstream";
import { signedInUser } from "../support/sessions";
import { startApp, type RunningApp } from "../support/start-app";

/**
 * Two app instances on one PostgreSQL database, as behind a load balancer:
 * many parallel requests against a small balance must not overspend, the
 * ledger must equal the recorded costs, and the free-model limit must hold
 * across both. Only meaningful on PostgreSQL (SQLite serves one instance),
 * so it runs in CI's PostgreSQL pass.
 */
const onPostgres = process.env.SWITCHYARD_TEST_DATABASE === "postgres";
const FREE_PER_MINUTE = 5;

let upstream: FakeOpenAIUpstream;
let first: RunningApp;
let second: RunningApp;
let database: pg.Client;

describe.runIf(onPostgres)("two instances sharing one PostgreSQL database", () => {
  beforeAll(async () => {
    upstream = await startFakeOpenAIUpstream({ forceScenario: "fake-text" });
    const env = {
      OPENAI_API_KEY: "sk-upstream",
      OPENAI_BASE_URL: upstream.url,
      OPENROUTER_API_KEY: "sk-upstream",
      OPENROUTER_BASE_URL: upstream.url,
      SIMULATED_PROVIDER: "off",
      FREE_REQUESTS_PER_MINUTE: String(FREE_PER_MINUTE),
    };
    first = await startApp({ env });
    // The same database: startApp only makes a fresh one when DATABASE_URL is not given.
    second = await startApp({ env: { ...env, DATABASE_URL: first.databaseUrl } });
    database = new pg.Client({ connectionString: first.databaseUrl });
    await database.connect();
  }, 120_000);

  afterAll(async () => {
    await database?.end();
    await second?.stop();
    await first?.stop();
    await upstream?.close();
  });

  const chat = (app: RunningApp, key: string, model: string) =>
    fetch(`${app.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "Hi" }], max_tokens: 400 }),
    });

  it("never spends more than the balance when 60 requests race on both instances, and the ledger equals the recorded costs", async () => {
    // $0.005: room for about twenty of these requests (221 µ$ each, a hold of about 250 µ$).
    const key = first.createKey({ email: "racer@example.com", credits: "0.005" });
    const responses = await Promise.all(Array.from({ length: 60 }, (_, index) => chat(index % 2 ? first : second, key, "openai/gpt-4o-mini")));
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.text()));
    const served = statuses.filter((status) => status === 200).length;
    expect(served).toBeGreaterThan(5);
    expect(statuses.filter((status) => status !== 200 && status !== 402)).toEqual([]);
    expect(statuses.filter((status) => status === 402).length).toBe(60 - served);

    // Settlements are written within the flush interval (100 ms) and idle credit leases go back after about 2 s.
    const readBooks = () => database.query<{ balance: string; held: string; ledger: string; costs: string; generations: string; debits: string }>(`
      SELECT
        (SELECT "balanceMicros" FROM "CreditAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = 'racer@example.com')::text AS balance,
        (SELECT "heldMicros" FROM "CreditAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = 'racer@example.com')::text AS held,
        (SELECT SUM("amountMicros") FROM "CreditLedgerEntry" l JOIN "User" u ON u.id = l."userId" WHERE u.email = 'racer@example.com')::text AS ledger,
        (SELECT SUM("costMicros") FROM "Generation" g JOIN "User" u ON u.id = g."userId" WHERE u.email = 'racer@example.com')::text AS costs,
        (SELECT COUNT(*) FROM "Generation" g JOIN "User" u ON u.id = g."userId" WHERE u.email = 'racer@example.com' AND g.status = 'success')::text AS generations,
        (SELECT -SUM("amountMicros") FROM "CreditLedgerEntry" l JOIN "User" u ON u.id = l."userId" WHERE u.email = 'racer@example.com' AND l.kind = 'generation')::text AS debits
    `);
    let books = (await readBooks()).rows[0]!;
    for (let waited = 0; (books.held !== "0" || Number(books.generations) < served) && waited < 10_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      books = (await readBooks()).rows[0]!;
    }
    // The documented bound: only a request that ran alone on less than its maximum can go past zero, by at most its own cost.
    expect(BigInt(books.balance)).toBeGreaterThanOrEqual(-221n);
    expect(books.held).toBe("0");
    expect(books.balance).toBe(books.ledger);
    expect(books.debits).toBe(books.costs);
    expect(Number(books.generations)).toBe(served);
    expect(BigInt(books.costs)).toBe(BigInt(served) * 221n);
  });

  it("holds a key's spending limit across both instances when 60 requests race on them", async () => {
    const { cookie } = await signedInUser(first, "limited@example.com");
    // Plenty of credits on the account; the key's own limit ($0.002, about nine requests) is what must hold.
    first.createKey({ email: "limited@example.com", credits: "5" });
    const created = await fetch(`${first.origin}/api/keys`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "limited", limit: 0.002 }),
    });
    const { key } = (await created.json()) as { key: string };
    const responses = await Promise.all(Array.from({ length: 60 }, (_, index) => chat(index % 2 ? first : second, key, "openai/gpt-4o-mini")));
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.text()));
    const served = statuses.filter((status) => status === 200).length;
    expect(served).toBeGreaterThan(3);
    expect(statuses.filter((status) => status !== 200 && status !== 402 && status !== 403)).toEqual([]);
    const usage = async () =>
      (
        await database.query<{ usage: string | null; generations: string }>(`
          SELECT (SELECT SUM(g."costMicros") FROM "Generation" g JOIN "ApiKey" k ON k.id = g."apiKeyId" WHERE k.name = 'limited')::text AS usage,
                 (SELECT COUNT(*) FROM "Generation" g JOIN "ApiKey" k ON k.id = g."apiKeyId" WHERE k.name = 'limited' AND g.status = 'success')::text AS generations
        `)
      ).rows[0]!;
    await expect.poll(async () => Number((await usage()).generations), { timeout: 10_000 }).toBe(served);
    // The documented bound: a request is held against the limit before it is sent, so the key spends at most its limit.
    expect(BigInt((await usage()).usage ?? "0")).toBeLessThanOrEqual(2_000n);
  });

  it("stops a key on the other instance within seconds of its owner disabling it, though that instance had it cached", async () => {
    const { cookie } = await signedInUser(first, "switch@example.com");
    const keys = (method: string, path: string, body?: unknown) =>
      fetch(`${first.origin}/api/keys${path}`, { method, headers: { Cookie: cookie, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const created = (await (await keys("POST", "", { name: "switch" })).json()) as { data: { id: string }; key: string };
    // No credits: the key authenticates (402), and the second instance now has it cached.
    expect((await chat(second, created.key, "openai/gpt-4o-mini")).status).toBe(402);
    expect((await keys("PATCH", `/${created.data.id}`, { disabled: true })).status).toBe(200);
    const startedAt = Date.now();
    await expect.poll(async () => (await chat(second, created.key, "openai/gpt-4o-mini")).status, { timeout: 5_000, interval: 100 }).toBe(401);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it("holds the free-model limit across both instances", async () => {
    // The limit counts per UTC minute: start early in one, so the burst does not straddle two.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    const key = first.createKey({ email: "freeloader@example.com" });
    const responses = await Promise.all(Array.from({ length: 12 }, (_, index) => chat(index % 2 ? first : second, key, "meta-llama/llama-3.3-70b-instruct:free")));
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.text()));
    expect(statuses.filter((status) => status === 200)).toHaveLength(FREE_PER_MINUTE);
    expect(statuses.filter((status) => status === 429)).toHaveLength(12 - FREE_PER_MINUTE);
    const refused = responses.find((response) => response.status === 429);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
  }, 90_000);
});
