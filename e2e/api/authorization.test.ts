import { randomBytes } from "node:crypto";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { listFilesSayingUseServer, listPages, listRouteHandlers, listServerActions } from "../support/app-routes";
import { hiddenFieldsOfForm } from "../support/html-forms";
import { cookiesFrom, postCredentials, signedInUser, TEST_PASSWORD } from "../support/sessions";
import { startApp, type RunningApp } from "../support/start-app";

/**
 * The authorization matrix. Every route handler under app/ with every method
 * it exports, every page and every server action is classified below, and
 * asked by every principal: nobody, user A (who owns one of everything),
 * user B, and the admin (who, outside the admin routes, is just another
 * user). A route the matrix does not classify fails the first test, so a new
 * one cannot slip in unexamined.
 *
 * What each cell holds:
 * - nobody: 401 in the API's error shape, a redirect to sign-in for a page,
 *   or the documented public answer;
 * - B and the admin, given A's ids: 404 as if the thing did not exist, lists
 *   of their own things only, and never one of A's ids, names or texts;
 * - B and the admin changing A's things: refused, and A's state read back
 *   afterwards is exactly what it was;
 * - admin routes and pages: 403 (a 404 page) for A and B, working for the admin;
 * - A: works, and shows A's things (so the "never shows" checks are not vacuous).
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const METRICS_TOKEN = "metrics-token-for-the-authorization-test";
const STRIPE_WEBHOOK_SECRET = "whsec_authorization_test_secret";
const MODEL = "simulated/swift-mini";

let app: RunningApp;

/* ----------------------------------------------------------------------------
 * Requests
 * ------------------------------------------------------------------------- */

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The path and body that were sent: an id the caller sent and sees echoed back is not a leak. */
  sent: string;
  json<T>(): T;
}

interface RequestOptions {
  cookie?: string;
  apiKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

async function call(method: string, target: string, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["Content-Type"] ??= "application/json";
  }
  const response = await fetch(`${app.origin}${target}`, { method, headers, body, redirect: "manual" });
  return toReply(response, `${target} ${body ?? ""}`);
}

async function toReply(response: Response, sent: string): Promise<Reply> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    sent,
    json<T>() {
      return JSON.parse(text) as T;
    },
  };
}

/** A signed-in user's request; `null` asks as nobody. */
function as(who: Account | null, method: string, target: string, body?: unknown): Promise<Reply> {
  return call(method, target, { cookie: who?.cookie, body });
}

function withKey(apiKey: string | undefined, method: string, target: string, body?: unknown): Promise<Reply> {
  return call(method, target, { apiKey, body });
}

/* ----------------------------------------------------------------------------
 * The principals and what they own
 * ------------------------------------------------------------------------- */

interface Account {
  label: string;
  email: string;
  userId: string;
  cookie: string;
  /** The secret of `keyId`. */
  apiKey: string;
  keyId: string;
  keyName: string;
  limitedKeyId: string;
  limitedKeyName: string;
  generationId: string;
  prompt: string;
  conversationId: string;
  conversationTitle: string;
  slotId: string;
  messageId: string;
  chatText: string;
  grantNote: string;
  grantedMicros: bigint;
  providerId: string;
  providerKey: string;
  providerKeyMask: string;
  ledgerEntryIds: string[];
}

interface World {
  owner: Account;
  other: Account;
  admin: Account;
  /** A redeem code A already redeemed. */
  redeemedCode: { id: string; code: string };
  /** One nobody redeemed, for the admin to disable. */
  unusedCode: { id: string; code: string };
}

let world: World;

/** What only this account's own answers may contain. */
function markersOf(account: Account): string[] {
  return [
    account.email,
    account.userId,
    account.apiKey,
    account.apiKey.slice(0, 15),
    account.keyId,
    account.keyName,
    account.limitedKeyId,
    account.limitedKeyName,
    account.generationId,
    account.prompt,
    account.conversationId,
    account.conversationTitle,
    account.messageId,
    account.chatText,
    account.grantNote,
    account.providerKey,
    account.providerKeyMask,
    ...account.ledgerEntryIds,
  ];
}

function accounts(): Account[] {
  return [world.owner, world.other, world.admin];
}

/** The answer to `who` holds nothing of anyone else's, apart from what `who` sent. */
function expectOnlyOwnData(who: Account | null, reply: Reply): void {
  for (const account of accounts()) {
    if (account === who) continue;
    for (const marker of markersOf(account)) {
      if (reply.sent.includes(marker)) continue;
      expect(reply.text, `${account.label}'s ${JSON.stringify(marker)} in an answer to ${who?.label ?? "nobody"}`).not.toContain(marker);
    }
  }
}

function expectTraceOf(account: Account, reply: Reply, markers: string[]): void {
  for (const marker of markers) expect(reply.text, `${account.label}'s own answer lacks ${JSON.stringify(marker)}`).toContain(marker);
}

function expectError(reply: Reply, status: number, type: string): void {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
  expect(reply.json<{ error: { type: string; message: string } }>().error).toMatchObject({ type, message: expect.any(String) });
}

const expectUnauthenticated = (reply: Reply) => expectError(reply, 401, "authentication_error");
const expectForbidden = (reply: Reply) => expectError(reply, 403, "permission_error");
const expectNotFound = (reply: Reply) => expectError(reply, 404, "not_found_error");

function expectStatus(reply: Reply, status: number): void {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
}

function expectRedirectTo(reply: Reply, pathname: string, search?: Record<string, string>): void {
  expect([302, 303, 307, 308], `status ${reply.status}`).toContain(reply.status);
  const location = new URL(reply.headers.get("location") ?? "", app.origin);
  expect(location.pathname).toBe(pathname);
  for (const [name, value] of Object.entries(search ?? {})) expect(location.searchParams.get(name)).toBe(value);
}

/**
 * Everything of A's that another user could try to change, read back as A.
 * Counters that move on their own (usage, holds, settled spending) are left
 * out: they are not something B could change.
 */
async function ownerState(): Promise<unknown> {
  const owner = world.owner;
  const [keys, conversations, conversation, settings, providerKeys, ledger] = await Promise.all([
    as(owner, "GET", "/api/keys"),
    as(owner, "GET", "/api/conversations"),
    as(owner, "GET", `/api/conversations/${owner.conversationId}`),
    as(owner, "GET", "/api/settings"),
    as(owner, "GET", "/api/settings/provider-keys"),
    as(owner, "GET", "/api/credits/ledger?limit=100"),
  ]);
  for (const reply of [keys, conversations, conversation, settings, providerKeys, ledger]) expectStatus(reply, 200);
  type Key = { id: string; name: string; disabled: boolean; limitMicros: string | null; limitReset: string | null };
  type Entry = { id: string; kind: string; amountMicros: string; note: string | null };
  return {
    keys: keys.json<{ data: Key[] }>().data.map(({ id, name, disabled, limitMicros, limitReset }) => ({ id, name, disabled, limitMicros, limitReset })),
    conversations: conversations.json<{ data: Array<{ id: string; title: string }> }>().data.map(({ id, title }) => ({ id, title })),
    conversation: (({ updatedAt: _updatedAt, ...rest }) => rest)(conversation.json<{ data: Record<string, unknown> }>().data),
    settings: settings.json<{ data: unknown }>().data,
    providerKeys: providerKeys.json<{ data: { keys: unknown } }>().data.keys,
    ledger: ledger
      .json<{ data: Entry[] }>()
      .data.filter((entry) => entry.kind !== "generation")
      .map(({ id, kind, amountMicros, note }) => ({ id, kind, amountMicros, note })),
  };
}

/** B's (or the admin's) attempt left A's state as it was, and A's API key still works. */
async function expectOwnerUnchanged(before: unknown): Promise<void> {
  expect(await ownerState()).toEqual(before);
  expectStatus(await withKey(world.owner.apiKey, "GET", "/api/v1/key"), 200);
}

/** Credits added to an account other than by spending: grants, redeemed codes, purchases. */
async function nonUsageLedger(who: Account): Promise<string[]> {
  const reply = await as(who, "GET", "/api/credits/ledger?limit=100");
  expectStatus(reply, 200);
  return reply
    .json<{ data: Array<{ id: string; kind: string }> }>()
    .data.filter((entry) => entry.kind !== "generation")
    .map((entry) => entry.id);
}

async function ledgerKinds(who: Account): Promise<string[]> {
  return list<{ kind: string }>(await as(who, "GET", "/api/credits/ledger?limit=100")).map((entry) => entry.kind);
}

/* ----------------------------------------------------------------------------
 * Setting the world up: each account gets one of everything, through the app
 * ------------------------------------------------------------------------- */

function canary(label: string, what: string): string {
  return `${label}-${what}-${randomBytes(5).toString("hex")}`;
}

async function createdJson<T>(reply: Reply, status = 201): Promise<T> {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
  return reply.json<T>();
}

async function seedAccount(input: {
  label: string;
  email: string;
  cookie: string;
  userId: string;
  adminCookie: string;
  providerId: string;
  promptLogging: boolean;
  grantDollars: string;
}): Promise<Account> {
  const { label, cookie } = input;
  const session = { cookie } as Account;
  if (input.promptLogging) expectStatus(await as(session, "PATCH", "/api/settings", { promptLogging: true, promptRetentionDays: 30 }), 200);

  const keyName = canary(label, "key");
  const limitedKeyName = canary(label, "limited-key");
  const key = await createdJson<{ data: { id: string }; key: string }>(await as(session, "POST", "/api/keys", { name: keyName }));
  const limited = await createdJson<{ data: { id: string } }>(await as(session, "POST", "/api/keys", { name: limitedKeyName, limit: 3.5, limitReset: "monthly" }));

  const grantNote = canary(label, "grant");
  const grant = await createdJson<{ data: { entryId: string } }>(
    await call("POST", "/api/admin/grants", { cookie: input.adminCookie, body: { email: input.email, amount: input.grantDollars, note: grantNote } }),
  );

  const prompt = canary(label, "prompt");
  const completion = await withKey(key.key, "POST", "/api/v1/chat/completions", { model: MODEL, messages: [{ role: "user", content: prompt }] });
  expectStatus(completion, 200);
  const generationId = completion.headers.get("x-generation-id") ?? "";
  expect(generationId).not.toBe("");

  const conversationTitle = canary(label, "room");
  const slotId = canary(label, "slot");
  const conversation = await createdJson<{ data: { id: string } }>(
    await as(session, "POST", "/api/conversations", { title: conversationTitle, slots: [{ id: slotId, model: MODEL }] }),
  );
  const messageId = canary(label, "message");
  const chatText = canary(label, "chat");
  const chat = await as(session, "POST", "/api/chat", {
    conversationId: conversation.data.id,
    slotId,
    model: MODEL,
    messages: [{ id: messageId, role: "user", parts: [{ type: "text", text: chatText }] }],
  });
  expectStatus(chat, 200);
  await untilReplySaved(session, conversation.data.id, slotId, 2);

  const providerKey = `sk-${canary(label, "own")}`;
  const saved = await createdJson<{ data: { prefix: string } }>(await as(session, "PUT", `/api/settings/provider-keys/${input.providerId}`, { apiKey: providerKey }), 200);

  return {
    label,
    email: input.email,
    userId: input.userId,
    cookie,
    apiKey: key.key,
    keyId: key.data.id,
    keyName,
    limitedKeyId: limited.data.id,
    limitedKeyName,
    generationId,
    prompt,
    conversationId: conversation.data.id,
    conversationTitle,
    slotId,
    messageId,
    chatText,
    grantNote,
    grantedMicros: BigInt(Math.round(Number(input.grantDollars) * 1_000_000)),
    providerId: input.providerId,
    providerKey,
    providerKeyMask: saved.data.prefix,
    ledgerEntryIds: [grant.data.entryId],
  };
}

/** The room saves a reply as its stream ends; wait for it, so no later snapshot of the room sees it arrive. */
async function untilReplySaved(who: Account, conversationId: string, slotId: string, messages: number): Promise<void> {
  // A loop rather than expect.poll, which the set-up (outside a test) cannot use.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reply = await as(who, "GET", `/api/conversations/${conversationId}`);
    const saved = reply.json<{ data: { threads: Record<string, unknown[]> } }>().data.threads[slotId]?.length;
    if (saved === messages) return;
    if (Date.now() > deadline) throw new Error(`the room holds ${saved} messages, not ${messages}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function createRedeemCode(dollars: string, admin: Account = world.admin): Promise<{ id: string; code: string }> {
  const created = await createdJson<{ data: { codes: Array<{ id: string; code: string }> } }>(
    await as(admin, "POST", "/api/admin/redeem-codes", { amount: dollars, note: "authorization test" }),
  );
  const code = created.data.codes[0];
  if (!code) throw new Error("no redeem code was created");
  return code;
}

beforeAll(async () => {
  app = await startApp({ env: { SIMULATED_PROVIDER: "on", METRICS_TOKEN, STRIPE_WEBHOOK_SECRET } });
  const stamp = Date.now().toString(36);
  // The first account to sign up becomes the admin; A and B come after.
  const admin = await signedInUser(app, `charlie-${stamp}@example.com`);
  const owner = await signedInUser(app, `alpha-${stamp}@example.com`);
  const other = await signedInUser(app, `bravo-${stamp}@example.com`);
  const seed = (label: string, signedIn: { cookie: string; userId: string }, email: string, providerId: string, grantDollars: string, promptLogging: boolean) =>
    seedAccount({ label, email, ...signedIn, adminCookie: admin.cookie, providerId, grantDollars, promptLogging });
  const [adminAccount, ownerAccount, otherAccount] = await Promise.all([
    seed("charlie", admin, `charlie-${stamp}@example.com`, "mistral", "4", false),
    seed("alpha", owner, `alpha-${stamp}@example.com`, "openai", "7.5", true),
    seed("bravo", other, `bravo-${stamp}@example.com`, "groq", "2.25", false),
  ]);
  const account = (await as(adminAccount, "GET", "/api/account")).json<{ data: { isAdmin: boolean } }>().data;
  if (!account.isAdmin) throw new Error("the first account to sign up is not the admin");

  // A redeems a code, so A's ledger has an entry of each kind a user can cause.
  const redeemedCode = await createRedeemCode("1.25", adminAccount);
  expectStatus(await as(ownerAccount, "POST", "/api/credits/redeem", { code: redeemedCode.code }), 200);
  ownerAccount.ledgerEntryIds = await nonUsageLedger(ownerAccount);
  world = { owner: ownerAccount, other: otherAccount, admin: adminAccount, redeemedCode, unusedCode: await createRedeemCode("0.5", adminAccount) };
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/* ----------------------------------------------------------------------------
 * Cells
 * ------------------------------------------------------------------------- */

interface Cell {
  principal: string;
  run(): Promise<void>;
}

type Access =
  | "public"
  | "own data (session)"
  | "admin (session)"
  | "own data (API key)"
  | "Auth.js"
  | "Stripe signature"
  | "metrics token"
  | "unknown API path"
  | "method not allowed";

interface MatrixEntry {
  access: Access;
  cells(): Cell[];
}

const PRINCIPALS = { anonymous: "nobody", owner: "A (owner)", other: "B (another user)", admin: "the admin" } as const;

/**
 * A route that reads or changes the signed-in user's own data. `send` aims at
 * A's things; `asOther` judges the answer B and the admin get (each is just
 * another user here); `asOwner` is A's own turn, last, so a destructive one
 * cannot spoil the others (it may aim at a throwaway of A's instead).
 * A route that changes something has `changes`: A's state is read back after
 * each other user's attempt and must be what it was.
 */
function ownData(spec: {
  send(who: Account | null): Promise<Reply>;
  asOther(reply: Reply, who: Account): void | Promise<void>;
  asOwner(): Promise<void>;
  changes?: boolean;
}): Cell[] {
  const otherUser = (who: () => Account, principal: string): Cell => ({
    principal,
    async run() {
      const before = spec.changes ? await ownerState() : undefined;
      const reply = await spec.send(who());
      expectOnlyOwnData(who(), reply);
      await spec.asOther(reply, who());
      if (spec.changes) await expectOwnerUnchanged(before);
    },
  });
  return [
    {
      principal: PRINCIPALS.anonymous,
      async run() {
        const before = spec.changes ? await ownerState() : undefined;
        const reply = await spec.send(null);
        expectUnauthenticated(reply);
        expectOnlyOwnData(null, reply);
        if (spec.changes) await expectOwnerUnchanged(before);
      },
    },
    otherUser(() => world.other, PRINCIPALS.other),
    otherUser(() => world.admin, PRINCIPALS.admin),
    { principal: PRINCIPALS.owner, run: spec.asOwner },
  ];
}

/** An admin route: 401 for nobody, 403 for A and B (and nothing changed), `asAdmin` for the admin. */
function adminOnly(spec: { send(who: Account | null): Promise<Reply>; asAdmin(reply: Reply): void | Promise<void>; state?(): Promise<unknown> }): Cell[] {
  const refused = (who: () => Account | null, principal: string, expectRefusal: (reply: Reply) => void): Cell => ({
    principal,
    async run() {
      const before = await spec.state?.();
      const reply = await spec.send(who());
      expectRefusal(reply);
      expectOnlyOwnData(who(), reply);
      if (spec.state) expect(await spec.state()).toEqual(before);
    },
  });
  return [
    refused(() => null, PRINCIPALS.anonymous, expectUnauthenticated),
    refused(() => world.owner, PRINCIPALS.owner, expectForbidden),
    refused(() => world.other, PRINCIPALS.other, expectForbidden),
    { principal: PRINCIPALS.admin, run: async () => spec.asAdmin(await spec.send(world.admin)) },
  ];
}

/** The same answer for everyone, signed in or not, holding nobody's data but the caller's. */
function everyone(spec: { send(who: Account | null): Promise<Reply>; expect(reply: Reply, who: Account | null): void }): Cell[] {
  const ask = (who: () => Account | null, principal: string): Cell => ({
    principal,
    async run() {
      const reply = await spec.send(who());
      spec.expect(reply, who());
      expectOnlyOwnData(who(), reply);
    },
  });
  return [
    ask(() => null, PRINCIPALS.anonymous),
    ask(() => world.owner, PRINCIPALS.owner),
    ask(() => world.other, PRINCIPALS.other),
    ask(() => world.admin, PRINCIPALS.admin),
  ];
}

/**
 * An OpenAI/OpenRouter-style route authenticated by API key. A session cookie
 * is no credential here. `asKeyHolder` judges each key's answer for A's ids.
 */
function apiKeyRoute(spec: {
  send(credential: { apiKey?: string; cookie?: string }): Promise<Reply>;
  unauthenticated?(reply: Reply): void;
  asKeyHolder(reply: Reply, who: Account): void;
}): Cell[] {
  const unauthenticated = spec.unauthenticated ?? expectUnauthenticated;
  const keyHolder = (who: () => Account, principal: string): Cell => ({
    principal: `${principal}'s API key`,
    async run() {
      const reply = await spec.send({ apiKey: who().apiKey });
      spec.asKeyHolder(reply, who());
      expectOnlyOwnData(who(), reply);
    },
  });
  return [
    {
      principal: `${PRINCIPALS.anonymous} (no key)`,
      async run() {
        const reply = await spec.send({});
        unauthenticated(reply);
        expectOnlyOwnData(null, reply);
      },
    },
    {
      principal: `${PRINCIPALS.other}'s session cookie, no key`,
      async run() {
        const reply = await spec.send({ cookie: world.other.cookie });
        unauthenticated(reply);
        expectOnlyOwnData(world.other, reply);
      },
    },
    keyHolder(() => world.other, PRINCIPALS.other),
    keyHolder(() => world.admin, PRINCIPALS.admin),
    keyHolder(() => world.owner, PRINCIPALS.owner),
  ];
}

/** A page behind sign-in: nobody is sent to sign in and back; `asOther` for B and the admin, `asOwner` for A. */
function signedInPage(spec: { path: string; asOther(reply: Reply, who: Account): void; asOwner(reply: Reply): void }): Cell[] {
  const visit = (who: Account | null) => as(who, "GET", spec.path);
  const otherUser = (who: () => Account, principal: string): Cell => ({
    principal,
    async run() {
      const reply = await visit(who());
      spec.asOther(reply, who());
      expectOnlyOwnData(who(), reply);
    },
  });
  return [
    {
      principal: PRINCIPALS.anonymous,
      async run() {
        const reply = await visit(null);
        expectRedirectTo(reply, "/sign-in", { callbackUrl: spec.path });
        expectOnlyOwnData(null, reply);
      },
    },
    otherUser(() => world.other, PRINCIPALS.other),
    otherUser(() => world.admin, PRINCIPALS.admin),
    {
      principal: PRINCIPALS.owner,
      async run() {
        const reply = await visit(world.owner);
        spec.asOwner(reply);
        expectOnlyOwnData(world.owner, reply);
      },
    },
  ];
}

/** A page whose data the browser fetches from routes checked above: the HTML is the caller's shell (with `testId` in it). */
function dashboardShell(pagePath: string, testId?: string): Cell[] {
  const rendered = (reply: Reply, who: Account) => {
    expectStatus(reply, 200);
    // The header names the signed-in user, and only them.
    expect(reply.text).toContain(who.email);
    if (testId) expect(reply.text).toContain(`data-testid="${testId}"`);
  };
  return signedInPage({ path: pagePath, asOther: rendered, asOwner: (reply) => rendered(reply, world.owner) });
}

function expectNotFoundPage(reply: Reply): void {
  expectStatus(reply, 404);
  expect(reply.headers.get("content-type")).toMatch(/text\/html/);
}

function list<T>(reply: Reply): T[] {
  expectStatus(reply, 200);
  return reply.json<{ data: T[] }>().data;
}

const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

function activityQuery(): string {
  const to = new Date(Date.now() + 3_600_000);
  const from = new Date(Date.now() - 86_400_000);
  return new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), granularity: "hour" }).toString();
}

/* ----------------------------------------------------------------------------
 * The matrix of route handlers: "METHOD /path" as the file system spells it
 * ------------------------------------------------------------------------- */

const routeMatrix: Record<string, MatrixEntry> = {
  "GET /api/account": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", "/api/account"),
        asOther(reply, who) {
          expectStatus(reply, 200);
          expect(reply.json<{ data: { email: string } }>().data.email).toBe(who.email);
        },
        async asOwner() {
          const reply = await as(world.owner, "GET", "/api/account");
          expectStatus(reply, 200);
          expect(reply.json<{ data: unknown }>().data).toMatchObject({ email: world.owner.email, isAdmin: false });
        },
      }),
  },

  "GET /api/activity": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", `/api/activity?${activityQuery()}`),
        asOther(reply, who) {
          expectStatus(reply, 200);
          expectTraceOf(who, reply, [who.keyName]);
        },
        async asOwner() {
          const reply = await as(world.owner, "GET", `/api/activity?${activityQuery()}`);
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.keyName]);
        },
      }),
  },

  "DELETE /api/admin/free-limits": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "DELETE", "/api/admin/free-limits"),
        state: freeLimits,
        asAdmin: (reply) => expectStatus(reply, 200),
      }),
  },
  "GET /api/admin/free-limits": {
    access: "admin (session)",
    cells: () => adminOnly({ send: (who) => as(who, "GET", "/api/admin/free-limits"), asAdmin: (reply) => expectStatus(reply, 200) }),
  },
  "PUT /api/admin/free-limits": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "PUT", "/api/admin/free-limits", { perMinute: 999, perDay: 99_999, perDayPurchased: 999_999 }),
        state: freeLimits,
        async asAdmin(reply) {
          expectStatus(reply, 200);
          expect(reply.json<{ data: unknown }>().data).toMatchObject({ perMinute: 999 });
          expectStatus(await as(world.admin, "DELETE", "/api/admin/free-limits"), 200);
        },
      }),
  },

  "POST /api/admin/grants": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        // Each non-admin tries to give themselves a fortune.
        send: (who) => as(who, "POST", "/api/admin/grants", { email: who?.email ?? world.other.email, amount: "1000", note: "a present to myself" }),
        state: async () => ({ owner: await nonUsageLedger(world.owner), other: await nonUsageLedger(world.other) }),
        asAdmin: (reply) => expectStatus(reply, 201),
      }),
  },

  "GET /api/admin/providers": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "GET", "/api/admin/providers"),
        asAdmin(reply) {
          expect(ids(list(reply))).toContain("groq");
        },
      }),
  },
  "DELETE /api/admin/providers/[providerId]": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "DELETE", "/api/admin/providers/together"),
        state: () => providerConfiguration("together"),
        asAdmin: (reply) => expectStatus(reply, 200),
      }),
  },
  "PATCH /api/admin/providers/[providerId]": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "PATCH", "/api/admin/providers/together", { apiKey: "tgp-someone-elses-key-1234", enabled: true }),
        state: () => providerConfiguration("together"),
        async asAdmin(reply) {
          expectStatus(reply, 200);
          expect(reply.text).not.toContain("tgp-someone-elses-key-1234");
          expectStatus(await as(world.admin, "DELETE", "/api/admin/providers/together"), 200);
        },
      }),
  },

  "GET /api/admin/redeem-codes": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "GET", "/api/admin/redeem-codes"),
        asAdmin(reply) {
          expect(ids(list(reply))).toContain(world.redeemedCode.id);
          expect(reply.text).not.toContain(world.redeemedCode.code);
        },
      }),
  },
  "POST /api/admin/redeem-codes": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "POST", "/api/admin/redeem-codes", { amount: "500", count: 1 }),
        state: redeemCodeIds,
        asAdmin: (reply) => expectStatus(reply, 201),
      }),
  },
  "PATCH /api/admin/redeem-codes/[id]": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "PATCH", `/api/admin/redeem-codes/${world.unusedCode.id}`, { disabled: true }),
        state: async () => list<{ id: string }>(await as(world.admin, "GET", "/api/admin/redeem-codes?limit=200")).find((code) => code.id === world.unusedCode.id),
        asAdmin: (reply) => expectStatus(reply, 200),
      }),
  },

  "GET /api/admin/users": {
    access: "admin (session)",
    cells: () =>
      adminOnly({
        send: (who) => as(who, "GET", "/api/admin/users"),
        asAdmin(reply) {
          expectStatus(reply, 200);
          for (const account of accounts()) expect(reply.text).toContain(account.email);
        },
      }),
  },

  "GET /api/auth/[...nextauth]": {
    access: "Auth.js",
    cells: () =>
      everyone({
        send: (who) => as(who, "GET", "/api/auth/session"),
        expect(reply, who) {
          expectStatus(reply, 200);
          const session = reply.json<{ user?: { email: string; id: string } } | null>();
          if (who) expect(session?.user).toMatchObject({ email: who.email, id: who.userId });
          else expect(session).toBeNull();
        },
      }),
  },
  "POST /api/auth/[...nextauth]": {
    access: "Auth.js",
    cells: () => [
      {
        principal: `${PRINCIPALS.anonymous}, without the CSRF token`,
        async run() {
          const reply = await call("POST", "/api/auth/callback/credentials", {
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ email: world.owner.email, password: TEST_PASSWORD }).toString(),
          });
          expect(reply.headers.getSetCookie().join("\n")).not.toMatch(/authjs\.session-token=[^;]/);
          expectRedirectTo(reply, "/sign-in", { error: "MissingCSRF" });
        },
      },
      {
        principal: `${PRINCIPALS.other}, with A's email and a wrong password`,
        async run() {
          const { signedIn } = await postCredentials(app, world.owner.email, "not the password at all");
          expect(signedIn).toBe(false);
        },
      },
      {
        principal: `${PRINCIPALS.other}, rewriting their session to be A's, as an admin`,
        async run() {
          const csrf = await call("GET", "/api/auth/csrf", { cookie: world.other.cookie });
          const { csrfToken } = csrf.json<{ csrfToken: string }>();
          const cookie = cookiesFrom(csrf, world.other.cookie);
          const reply = await call("POST", "/api/auth/session", {
            cookie,
            body: { csrfToken, data: { user: { id: world.owner.userId, email: world.owner.email, isAdmin: true } } },
          });
          const after = cookiesFrom(reply, cookie);
          const account = await call("GET", "/api/account", { cookie: after });
          expectStatus(account, 200);
          expect(account.json<{ data: unknown }>().data).toMatchObject({ email: world.other.email, isAdmin: false });
          expectForbidden(await call("GET", "/api/admin/users", { cookie: after }));
        },
      },
      {
        principal: `${PRINCIPALS.admin}, rewriting their session to be A's`,
        async run() {
          const csrf = await call("GET", "/api/auth/csrf", { cookie: world.admin.cookie });
          const { csrfToken } = csrf.json<{ csrfToken: string }>();
          const cookie = cookiesFrom(csrf, world.admin.cookie);
          const reply = await call("POST", "/api/auth/session", { cookie, body: { csrfToken, data: { user: { id: world.owner.userId } } } });
          const after = cookiesFrom(reply, cookie);
          expect((await call("GET", "/api/account", { cookie: after })).json<{ data: unknown }>().data).toMatchObject({ email: world.admin.email });
        },
      },
      {
        principal: `${PRINCIPALS.owner}, with the CSRF token and the password`,
        async run() {
          const { response, signedIn } = await postCredentials(app, world.owner.email, TEST_PASSWORD);
          expect(signedIn).toBe(true);
          const sessionCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith("authjs.session-token="));
          expect(sessionCookie).toMatch(/;\s*HttpOnly/i);
          expect(sessionCookie).toMatch(/;\s*SameSite=Lax/i);
          expect(sessionCookie).toMatch(/;\s*Path=\/(;|$)/i);
        },
      },
    ],
  },

  "POST /api/chat": {
    access: "own data (session)",
    cells: () => [
      ...ownData({
        changes: true,
        send: (who) =>
          as(who, "POST", "/api/chat", {
            conversationId: world.owner.conversationId,
            slotId: world.owner.slotId,
            model: MODEL,
            messages: [{ id: canary("intruder", "message"), role: "user", parts: [{ type: "text", text: "let me in" }] }],
          }),
        asOther: expectNotFound,
        async asOwner() {
          const reply = await as(world.owner, "POST", "/api/chat", {
            conversationId: world.owner.conversationId,
            slotId: world.owner.slotId,
            model: MODEL,
            messages: [{ id: world.owner.messageId, role: "user", parts: [{ type: "text", text: world.owner.chatText }] }],
          });
          expectStatus(reply, 200);
          // A regenerate: the thread is cut back to A's message and answered again.
          await untilReplySaved(world.owner, world.owner.conversationId, world.owner.slotId, 2);
        },
      }),
      {
        // Message ids come from the browser; one of A's, sent into B's own room, must not touch A's message.
        principal: `${PRINCIPALS.other}, in their own room, reusing A's message id`,
        async run() {
          const before = await ownerState();
          const reply = await as(world.other, "POST", "/api/chat", {
            conversationId: world.other.conversationId,
            slotId: world.other.slotId,
            model: MODEL,
            messages: [{ id: world.owner.messageId, role: "user", parts: [{ type: "text", text: "overwrite" }] }],
          });
          // Refused (it was a 500 once), in words that say nothing of whose message it is.
          expectError(reply, 400, "invalid_request_error");
          expect(reply.json<{ error: { code: string } }>().error.code).toBe("message_id_taken");
          expectOnlyOwnData(world.other, reply);
          await expectOwnerUnchanged(before);
        },
      },
    ],
  },

  "GET /api/conversations": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", "/api/conversations"),
        asOther: (reply, who) => expect(ids(list(reply))).toContain(who.conversationId),
        asOwner: async () => expect(ids(list(await as(world.owner, "GET", "/api/conversations")))).toContain(world.owner.conversationId),
      }),
  },
  "POST /api/conversations": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        send: (who) => as(who, "POST", "/api/conversations", { title: "mine now", slots: [{ id: "x", model: MODEL }] }),
        asOther: (reply) => expectStatus(reply, 201),
        asOwner: async () => expectStatus(await as(world.owner, "POST", "/api/conversations", { title: "A's second", slots: [{ id: "x", model: MODEL }] }), 201),
      }),
  },
  "DELETE /api/conversations/[id]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        send: (who) => as(who, "DELETE", `/api/conversations/${world.owner.conversationId}`),
        asOther: expectNotFound,
        async asOwner() {
          const throwaway = await createdJson<{ data: { id: string } }>(await as(world.owner, "POST", "/api/conversations", { slots: [{ id: "x", model: MODEL }] }));
          expectStatus(await as(world.owner, "DELETE", `/api/conversations/${throwaway.data.id}`), 204);
        },
      }),
  },
  "GET /api/conversations/[id]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", `/api/conversations/${world.owner.conversationId}`),
        asOther: expectNotFound,
        async asOwner() {
          const reply = await as(world.owner, "GET", `/api/conversations/${world.owner.conversationId}`);
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.conversationTitle, world.owner.chatText, world.owner.messageId]);
        },
      }),
  },
  "PATCH /api/conversations/[id]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        send: (who) =>
          as(who, "PATCH", `/api/conversations/${world.owner.conversationId}`, { title: "renamed by someone else", systemPrompt: "obey me", slots: [{ id: "x", model: MODEL }] }),
        asOther: expectNotFound,
        async asOwner() {
          const throwaway = await createdJson<{ data: { id: string } }>(await as(world.owner, "POST", "/api/conversations", { slots: [{ id: "x", model: MODEL }] }));
          const renamed = await as(world.owner, "PATCH", `/api/conversations/${throwaway.data.id}`, { title: "renamed by A" });
          expectStatus(renamed, 200);
          expect(renamed.json<{ data: { title: string } }>().data.title).toBe("renamed by A");
        },
      }),
  },
  "GET /api/conversations/[id]/export": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", `/api/conversations/${world.owner.conversationId}/export?format=markdown`),
        asOther: expectNotFound,
        async asOwner() {
          const reply = await as(world.owner, "GET", `/api/conversations/${world.owner.conversationId}/export?format=markdown`);
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.chatText]);
        },
      }),
  },

  "POST /api/credits/checkout": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        send: (who) => as(who, "POST", "/api/credits/checkout", { amount: 10 }),
        // Card payments are off on this server (no STRIPE_SECRET_KEY): signed in, everyone gets the same 501.
        asOther: (reply) => expectError(reply, 501, "service_unavailable"),
        asOwner: async () => expectError(await as(world.owner, "POST", "/api/credits/checkout", { amount: 10 }), 501, "service_unavailable"),
      }),
  },
  "GET /api/credits/ledger": {
    access: "own data (session)",
    cells: () => [
      ...ownData({
        send: (who) => as(who, "GET", "/api/credits/ledger"),
        asOther: (reply, who) => expectTraceOf(who, reply, [who.grantNote]),
        async asOwner() {
          const reply = await as(world.owner, "GET", "/api/credits/ledger");
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.grantNote, ...world.owner.ledgerEntryIds]);
        },
      }),
      {
        principal: `${PRINCIPALS.other}, paging from one of A's entries`,
        async run() {
          for (const entryId of world.owner.ledgerEntryIds) {
            const reply = await as(world.other, "GET", `/api/credits/ledger?cursor=${entryId}`);
            expect(list(reply)).toEqual([]);
            expectOnlyOwnData(world.other, reply);
          }
        },
      },
    ],
  },
  "POST /api/credits/redeem": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        // The code A already redeemed: single-use, so nobody else gets its credits.
        send: (who) => as(who, "POST", "/api/credits/redeem", { code: world.redeemedCode.code }),
        async asOther(reply, who) {
          expect(reply.status).toBeGreaterThanOrEqual(400);
          expect(reply.status).toBeLessThan(500);
          expect(await ledgerKinds(who)).not.toContain("redeem");
        },
        async asOwner() {
          const fresh = await createRedeemCode("0.75");
          expectStatus(await as(world.owner, "POST", "/api/credits/redeem", { code: fresh.code }), 200);
          world.owner.ledgerEntryIds = await nonUsageLedger(world.owner);
        },
      }),
  },

  "GET /api/generations": {
    access: "own data (session)",
    cells: () => [
      ...ownData({
        send: (who) => as(who, "GET", "/api/generations"),
        asOther: (reply, who) => expect(ids(list(reply))).toContain(who.generationId),
        asOwner: async () => expect(ids(list(await as(world.owner, "GET", "/api/generations")))).toContain(world.owner.generationId),
      }),
      {
        principal: `${PRINCIPALS.other}, filtering by A's key and paging from A's generation`,
        async run() {
          const byKey = await as(world.other, "GET", `/api/generations?key=${world.owner.keyId}`);
          expect(list(byKey)).toEqual([]);
          expectOnlyOwnData(world.other, byKey);
          const fromCursor = await as(world.other, "GET", `/api/generations?cursor=${world.owner.generationId}`);
          expect(ids(list(fromCursor))).toContain(world.other.generationId);
          expectOnlyOwnData(world.other, fromCursor);
        },
      },
    ],
  },
  "GET /api/generations/[id]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", `/api/generations/${world.owner.generationId}`),
        asOther: expectNotFound,
        async asOwner() {
          const reply = await as(world.owner, "GET", `/api/generations/${world.owner.generationId}`);
          expectStatus(reply, 200);
          // A logs prompts, so A's own detail shows the prompt: the check on B above is not vacuous.
          expectTraceOf(world.owner, reply, [world.owner.generationId, world.owner.prompt]);
        },
      }),
  },
  "GET /api/generations/filter-options": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", "/api/generations/filter-options"),
        asOther(reply, who) {
          expectStatus(reply, 200);
          expectTraceOf(who, reply, [who.keyId, who.keyName]);
        },
        async asOwner() {
          const reply = await as(world.owner, "GET", "/api/generations/filter-options");
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.keyId, world.owner.limitedKeyName]);
        },
      }),
  },

  "GET /api/health": {
    access: "public",
    cells: () => everyone({ send: (who) => as(who, "GET", "/api/health"), expect: (reply) => expect(reply.json()).toEqual({ status: "ok" }) }),
  },

  "GET /api/keys": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", "/api/keys"),
        asOther: (reply, who) => expect(ids(list(reply)).sort()).toEqual(expect.arrayContaining([who.keyId, who.limitedKeyId])),
        asOwner: async () => expect(ids(list(await as(world.owner, "GET", "/api/keys")))).toEqual(expect.arrayContaining([world.owner.keyId, world.owner.limitedKeyId])),
      }),
  },
  "POST /api/keys": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        send: (who) => as(who, "POST", "/api/keys", { name: "someone's new key" }),
        asOther: (reply) => expectStatus(reply, 201),
        async asOwner() {
          const created = await createdJson<{ data: { id: string } }>(await as(world.owner, "POST", "/api/keys", { name: "A's spare" }));
          expectStatus(await as(world.owner, "DELETE", `/api/keys/${created.data.id}`), 204);
        },
      }),
  },
  "DELETE /api/keys/[id]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        send: (who) => as(who, "DELETE", `/api/keys/${world.owner.limitedKeyId}`),
        asOther: expectNotFound,
        async asOwner() {
          const created = await createdJson<{ data: { id: string } }>(await as(world.owner, "POST", "/api/keys", { name: "A's throwaway" }));
          expectStatus(await as(world.owner, "DELETE", `/api/keys/${created.data.id}`), 204);
        },
      }),
  },
  "GET /api/keys/[id]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", `/api/keys/${world.owner.limitedKeyId}`),
        asOther: expectNotFound,
        async asOwner() {
          const reply = await as(world.owner, "GET", `/api/keys/${world.owner.limitedKeyId}`);
          expectStatus(reply, 200);
          expect(reply.json<{ data: unknown }>().data).toMatchObject({ name: world.owner.limitedKeyName, limit: 3.5, disabled: false });
        },
      }),
  },
  "PATCH /api/keys/[id]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        send: (who) => as(who, "PATCH", `/api/keys/${world.owner.limitedKeyId}`, { name: "taken over", disabled: true, limit: null, limitReset: null }),
        asOther: expectNotFound,
        async asOwner() {
          const created = await createdJson<{ data: { id: string } }>(await as(world.owner, "POST", "/api/keys", { name: "A's to rename" }));
          const renamed = await as(world.owner, "PATCH", `/api/keys/${created.data.id}`, { name: "A's renamed", limit: 1 });
          expectStatus(renamed, 200);
          expect(renamed.json<{ data: unknown }>().data).toMatchObject({ name: "A's renamed", limit: 1 });
          expectStatus(await as(world.owner, "DELETE", `/api/keys/${created.data.id}`), 204);
        },
      }),
  },

  "GET /api/ready": {
    access: "public",
    cells: () => everyone({ send: (who) => as(who, "GET", "/api/ready"), expect: (reply) => expect(reply.json()).toEqual({ status: "ready" }) }),
  },

  "GET /api/settings": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", "/api/settings"),
        asOther: (reply) => expect(reply.json<{ data: unknown }>().data).toMatchObject({ promptLogging: false }),
        asOwner: async () => expect((await as(world.owner, "GET", "/api/settings")).json<{ data: unknown }>().data).toEqual({ promptLogging: true, promptRetentionDays: 30 }),
      }),
  },
  "PATCH /api/settings": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        // Changes only the caller's own settings: A keeps logging prompts, for 30 days.
        send: (who) => as(who, "PATCH", "/api/settings", { promptLogging: false, promptRetentionDays: 2 }),
        asOther: (reply) => expect(reply.json<{ data: unknown }>().data).toEqual({ promptLogging: false, promptRetentionDays: 2 }),
        async asOwner() {
          const reply = await as(world.owner, "PATCH", "/api/settings", { promptRetentionDays: 30 });
          expect(reply.json<{ data: unknown }>().data).toEqual({ promptLogging: true, promptRetentionDays: 30 });
        },
      }),
  },
  "GET /api/settings/provider-keys": {
    access: "own data (session)",
    cells: () =>
      ownData({
        send: (who) => as(who, "GET", "/api/settings/provider-keys"),
        asOther: (reply, who) => expectTraceOf(who, reply, [who.providerKeyMask]),
        async asOwner() {
          const reply = await as(world.owner, "GET", "/api/settings/provider-keys");
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.providerKeyMask]);
          expect(reply.text).not.toContain(world.owner.providerKey);
        },
      }),
  },
  "DELETE /api/settings/provider-keys/[providerId]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        // A has a key for this provider; B and the admin have none, so there is nothing of theirs to delete.
        send: (who) => as(who, "DELETE", `/api/settings/provider-keys/${world.owner.providerId}`),
        asOther: expectNotFound,
        async asOwner() {
          expectStatus(await as(world.owner, "PUT", "/api/settings/provider-keys/deepseek", { apiKey: "sk-a-throwaway-deepseek-key" }), 200);
          expectStatus(await as(world.owner, "DELETE", "/api/settings/provider-keys/deepseek"), 204);
        },
      }),
  },
  "PUT /api/settings/provider-keys/[providerId]": {
    access: "own data (session)",
    cells: () =>
      ownData({
        changes: true,
        // The same provider as A's key: it becomes the caller's own key and leaves A's alone.
        send: (who) => as(who, "PUT", `/api/settings/provider-keys/${world.owner.providerId}`, { apiKey: "sk-someone-elses-openai-key" }),
        async asOther(reply, who) {
          expectStatus(reply, 200);
          expect(reply.text).not.toContain("sk-someone-elses-openai-key");
          expectStatus(await as(who, "DELETE", `/api/settings/provider-keys/${world.owner.providerId}`), 204);
        },
        async asOwner() {
          expectStatus(await as(world.owner, "PUT", "/api/settings/provider-keys/xai", { apiKey: "sk-a-throwaway-xai-key" }), 200);
          expectStatus(await as(world.owner, "DELETE", "/api/settings/provider-keys/xai"), 204);
        },
      }),
  },

  "POST /api/stripe/webhook": {
    access: "Stripe signature",
    cells: () => {
      // A paid checkout that would credit B with $1,000 if anyone could post it.
      const forged = JSON.stringify({
        id: "evt_forged",
        object: "event",
        type: "checkout.session.completed",
        data: {
          object: { id: "cs_forged", payment_status: "paid", currency: "usd", payment_intent: "pi_forged", metadata: { userId: world.other.userId, micros: "1000000000" } },
        },
      });
      const post = (options: RequestOptions) => call("POST", "/api/stripe/webhook", { ...options, body: forged });
      const refused = (principal: string, options: () => RequestOptions): Cell => ({
        principal,
        async run() {
          const before = await nonUsageLedger(world.other);
          const reply = await post(options());
          expectError(reply, 400, "invalid_request_error");
          expect(await nonUsageLedger(world.other)).toEqual(before);
        },
      });
      return [
        refused(`${PRINCIPALS.anonymous}, unsigned`, () => ({})),
        refused(`${PRINCIPALS.anonymous}, with a made-up signature`, () => ({ headers: { "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=${"ab".repeat(32)}` } })),
        refused(`${PRINCIPALS.other}'s session`, () => ({ cookie: world.other.cookie })),
        refused(`${PRINCIPALS.admin}'s session`, () => ({ cookie: world.admin.cookie })),
        refused(`${PRINCIPALS.other}'s API key`, () => ({ apiKey: world.other.apiKey })),
        {
          principal: "Stripe (signed with the webhook secret)",
          async run() {
            const payload = JSON.stringify({ id: "evt_signed", object: "event", type: "customer.created", data: { object: { id: "cus_1" } } });
            const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET });
            const reply = await call("POST", "/api/stripe/webhook", { body: payload, headers: { "Stripe-Signature": signature } });
            expectStatus(reply, 200);
            expect(reply.json()).toMatchObject({ received: true, outcome: "ignored" });
          },
        },
      ];
    },
  },

  ...Object.fromEntries(
    ["DELETE", "GET", "PATCH", "POST", "PUT"].map((method): [string, MatrixEntry] => [
      `${method} /api/[...path]`,
      {
        access: "unknown API path",
        // There is no key management over the API: /api/v1/keys is an unknown path for every key, with nothing of A's behind it.
        cells: () =>
          apiKeyRoute({
            send: (credential) => call(method, `/api/v1/keys/${world.owner.keyId}`, { ...credential, body: method === "GET" || method === "DELETE" ? undefined : { name: "x" } }),
            unauthenticated: expectNotFound,
            asKeyHolder: expectNotFound,
          }),
      },
    ]),
  ),

  // The methods an /api/v1 route does not serve: 405 with Allow, in the API's error shape, whoever asks.
  ...Object.fromEntries(
    (
      [
        ["/api/v1/chat/completions", "POST"],
        ["/api/v1/messages", "POST"],
        ["/api/v1/models", "GET"],
        ["/api/v1/models/[author]/[slug]/endpoints", "GET"],
        ["/api/v1/generation", "GET"],
        ["/api/v1/key", "GET"],
        ["/api/v1/credits", "GET"],
      ] as const
    ).flatMap(([route, allowed]) =>
      ["DELETE", "GET", "PATCH", "POST", "PUT"]
        .filter((method) => method !== allowed)
        .map((method): [string, MatrixEntry] => [
          `${method} ${route}`,
          {
            access: "method not allowed",
            cells: () =>
              everyone({
                send: (who) => call(method, route.replace("[author]/[slug]", "simulated/swift-mini"), { apiKey: who?.apiKey, body: method === "GET" || method === "DELETE" ? undefined : {} }),
                expect(reply) {
                  expectStatus(reply, 405);
                  expect(reply.headers.get("allow")).toBe(allowed);
                },
              }),
          },
        ]),
    ),
  ),

  "POST /api/v1/chat/completions": {
    access: "own data (API key)",
    cells: () =>
      apiKeyRoute({
        send: (credential) => call("POST", "/api/v1/chat/completions", { ...credential, body: { model: MODEL, messages: [{ role: "user", content: "Hello" }] } }),
        asKeyHolder(reply) {
          expectStatus(reply, 200);
          expect(reply.headers.get("x-generation-id")).toMatch(/\S/);
        },
      }),
  },
  "GET /api/v1/credits": {
    access: "own data (API key)",
    cells: () =>
      apiKeyRoute({
        send: (credential) => call("GET", "/api/v1/credits", credential),
        asKeyHolder(reply, who) {
          expectStatus(reply, 200);
          const granted = Number(who.grantedMicros) / 1_000_000;
          // A also redeemed codes; the others have only their grant (and whatever the admin grant cells added to the admin).
          if (who === world.other) expect(reply.json<{ data: { total_credits: number } }>().data.total_credits).toBe(granted);
          else expect(reply.json<{ data: { total_credits: number } }>().data.total_credits).toBeGreaterThanOrEqual(granted);
        },
      }),
  },
  "GET /api/v1/generation": {
    access: "own data (API key)",
    cells: () =>
      apiKeyRoute({
        send: (credential) => call("GET", `/api/v1/generation?id=${world.owner.generationId}`, credential),
        asKeyHolder(reply, who) {
          if (who !== world.owner) return expectNotFound(reply);
          expectStatus(reply, 200);
          expect(reply.json<{ data: { id: string } }>().data.id).toBe(world.owner.generationId);
        },
      }),
  },
  "GET /api/v1/key": {
    access: "own data (API key)",
    cells: () =>
      apiKeyRoute({
        send: (credential) => call("GET", "/api/v1/key", credential),
        asKeyHolder(reply, who) {
          expectStatus(reply, 200);
          expect(reply.json<{ data: { label: string } }>().data.label).toBe(`${who.apiKey.slice(0, 15)}...`);
        },
      }),
  },
  "POST /api/v1/messages": {
    access: "own data (API key)",
    cells: () =>
      apiKeyRoute({
        send: (credential) => call("POST", "/api/v1/messages", { ...credential, body: { model: MODEL, max_tokens: 64, messages: [{ role: "user", content: "Hello" }] } }),
        unauthenticated(reply) {
          // Anthropic's error shape on its route.
          expectStatus(reply, 401);
          expect(reply.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
        },
        asKeyHolder(reply) {
          expectStatus(reply, 200);
          expect(reply.json()).toMatchObject({ type: "message", role: "assistant" });
        },
      }),
  },
  "GET /api/v1/models": {
    access: "public",
    cells: () => everyone({ send: (who) => as(who, "GET", "/api/v1/models"), expect: (reply) => expect(ids(list(reply))).toContain(MODEL) }),
  },
  "GET /api/v1/models/[author]/[slug]/endpoints": {
    access: "public",
    cells: () =>
      everyone({
        send: (who) => as(who, "GET", `/api/v1/models/${MODEL}/endpoints`),
        expect: (reply) => expect(reply.json<{ data: { id: string } }>().data.id).toBe(MODEL),
      }),
  },

  "GET /metrics": {
    access: "metrics token",
    cells: () => {
      const hidden = (principal: string, options: () => RequestOptions): Cell => ({
        principal,
        async run() {
          const reply = await call("GET", "/metrics", options());
          expectStatus(reply, 404);
          expect(reply.text).not.toMatch(/switchyard_/);
        },
      });
      return [
        hidden(PRINCIPALS.anonymous, () => ({})),
        hidden(`${PRINCIPALS.owner}'s session`, () => ({ cookie: world.owner.cookie })),
        hidden(`${PRINCIPALS.other}'s API key`, () => ({ apiKey: world.other.apiKey })),
        hidden(`${PRINCIPALS.admin}'s session`, () => ({ cookie: world.admin.cookie })),
        {
          principal: "a scraper with METRICS_TOKEN",
          async run() {
            const reply = await call("GET", "/metrics", { apiKey: METRICS_TOKEN });
            expectStatus(reply, 200);
            expect(reply.text).toMatch(/switchyard_/);
            // Sums over every account, naming none.
            expectOnlyOwnData(null, reply);
          },
        },
      ];
    },
  },
};

async function freeLimits(): Promise<unknown> {
  return (await as(world.admin, "GET", "/api/admin/free-limits")).json();
}

async function providerConfiguration(providerId: string): Promise<unknown> {
  const providers = list<{ id: string }>(await as(world.admin, "GET", "/api/admin/providers"));
  return providers.find((provider) => provider.id === providerId);
}

async function redeemCodeIds(): Promise<string[]> {
  return ids(list(await as(world.admin, "GET", "/api/admin/redeem-codes?limit=200")));
}

/* ----------------------------------------------------------------------------
 * The matrix of pages (GET; their server actions are below)
 * ------------------------------------------------------------------------- */

const pageMatrix: Record<string, MatrixEntry> = {
  "/": {
    access: "public",
    cells: () =>
      everyone({
        send: (who) => as(who, "GET", "/"),
        expect(reply, who) {
          expectStatus(reply, 200);
          if (who) expect(reply.text).toContain(who.email);
        },
      }),
  },
  "/sign-in": { access: "public", cells: () => authPage("/sign-in", "sign-in-form") },
  "/sign-up": { access: "public", cells: () => authPage("/sign-up", "sign-up-form") },
  "/activity": { access: "own data (session)", cells: () => dashboardShell("/activity", "dashboard-main") },
  "/credits": { access: "own data (session)", cells: () => dashboardShell("/credits", "dashboard-main") },
  "/keys": { access: "own data (session)", cells: () => dashboardShell("/keys", "dashboard-main") },
  "/logs": { access: "own data (session)", cells: () => dashboardShell("/logs", "dashboard-main") },
  "/chat": { access: "own data (session)", cells: () => dashboardShell("/chat") },
  "/settings": {
    access: "own data (session)",
    cells: () =>
      signedInPage({
        path: "/settings",
        // Rendered on the server from the caller's own settings and provider keys.
        asOther(reply, who) {
          expectStatus(reply, 200);
          expectTraceOf(who, reply, [who.providerKeyMask]);
        },
        asOwner(reply) {
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.providerKeyMask]);
          expect(reply.text).not.toContain(world.owner.providerKey);
        },
      }),
  },
  "/admin": {
    access: "admin (session)",
    cells: () =>
      signedInPage({
        path: "/admin",
        asOther(reply, who) {
          if (who === world.admin) {
            expectStatus(reply, 200);
            expect(reply.text).toContain('data-testid="admin-page"');
            return;
          }
          expectNotFoundPage(reply);
          expect(reply.text).not.toContain('data-testid="admin-page"');
        },
        asOwner(reply) {
          expectNotFoundPage(reply);
          expect(reply.text).not.toContain('data-testid="admin-page"');
        },
      }),
  },
  "/logs/[id]": {
    access: "own data (session)",
    cells: () =>
      signedInPage({
        path: `/logs/${world.owner.generationId}`,
        asOther: expectNotFoundPage,
        asOwner(reply) {
          expectStatus(reply, 200);
          expectTraceOf(world.owner, reply, [world.owner.generationId, world.owner.prompt]);
        },
      }),
  },
  "/chat/[id]": {
    access: "own data (session)",
    // The room loads the conversation in the browser from GET /api/conversations/[id] (checked above): the HTML holds none of it, for anyone.
    cells: () =>
      signedInPage({
        path: `/chat/${world.owner.conversationId}`,
        asOther: (reply) => expectStatus(reply, 200),
        asOwner: (reply) => expectStatus(reply, 200),
      }),
  },
};

/** Sign-in and sign-up: a form for nobody; a signed-in visitor is sent on to the chat. */
function authPage(pagePath: string, formTestId: string): Cell[] {
  return everyone({
    send: (who) => as(who, "GET", pagePath),
    expect(reply, who) {
      if (!who) {
        expectStatus(reply, 200);
        expect(reply.text).toContain(`data-testid="${formTestId}"`);
        return;
      }
      expectRedirectTo(reply, "/chat");
    },
  });
}

/* ----------------------------------------------------------------------------
 * Server actions: posted the way a browser without JavaScript posts a form
 * ------------------------------------------------------------------------- */

/** Fills in and posts a form of `page` as a browser without JavaScript would; the form is read as nobody sees it (a signed-in visitor is sent away). */
async function postForm(input: { page: string; formMarker: string; fields: Record<string, string>; cookie?: string; origin?: string; actionId: string }): Promise<Reply> {
  const page = await call("GET", input.page, { cookie: input.page === "/" ? input.cookie : undefined });
  const hidden = hiddenFieldsOfForm(page.text, input.formMarker);
  // The form carries its action's id: the one the manifest names, so this posts to the action under test.
  expect(hidden.map(([, value]) => value).join(" ") + hidden.map(([name]) => name).join(" ")).toContain(input.actionId);
  return postAction({ page: input.page, fields: [...hidden, ...Object.entries(input.fields)], cookie: input.cookie, origin: input.origin });
}

async function postAction(input: { page: string; fields: Array<[string, string]>; cookie?: string; origin?: string }): Promise<Reply> {
  const form = new FormData();
  for (const [name, value] of input.fields) form.append(name, value);
  const headers: Record<string, string> = { Origin: input.origin ?? app.origin };
  if (input.cookie) headers.Cookie = input.cookie;
  const response = await fetch(`${app.origin}${input.page}`, { method: "POST", headers, body: form, redirect: "manual" });
  return toReply(response, input.fields.map(([, value]) => value).join(" "));
}

function setsSession(reply: Reply): boolean {
  return reply.headers.getSetCookie().some((cookie) => /^authjs\.session-token=[^;]+/.test(cookie));
}

function actionId(file: string, name: string): string {
  const action = listServerActions(ROOT).find((candidate) => candidate.file === file && candidate.name === name);
  if (!action) throw new Error(`no server action ${file}#${name} in the build`);
  return action.id;
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  return (await postCredentials(app, email, password)).signedIn;
}

const serverActionMatrix: Record<string, MatrixEntry> = {
  // Creates an account for whoever posts; an existing email (A's) is refused and A keeps their password.
  "app/(auth)/actions.ts#signUpWithPassword": {
    access: "public",
    cells: () => {
      const id = () => actionId("app/(auth)/actions.ts", "signUpWithPassword");
      const signUp = (fields: Record<string, string>, options: { cookie?: string; origin?: string } = {}) =>
        postForm({ page: "/sign-up", formMarker: 'data-testid="sign-up-form"', fields: { name: "", ...fields }, actionId: id(), ...options });
      return [
        {
          principal: `${PRINCIPALS.anonymous}, with A's email`,
          async run() {
            const reply = await signUp({ email: world.owner.email, password: "a new password for A" });
            expectStatus(reply, 200);
            expect(setsSession(reply)).toBe(false);
            expect(reply.text).toContain("An account with this email already exists");
            expect(await canSignIn(world.owner.email, "a new password for A")).toBe(false);
            expect(await canSignIn(world.owner.email, TEST_PASSWORD)).toBe(true);
          },
        },
        {
          principal: `${PRINCIPALS.other}, signed in, with A's email`,
          async run() {
            const reply = await signUp({ email: world.owner.email.toUpperCase(), password: "a new password for A" }, { cookie: world.other.cookie });
            expect(setsSession(reply)).toBe(false);
            expect(await canSignIn(world.owner.email, TEST_PASSWORD)).toBe(true);
          },
        },
        {
          principal: `${PRINCIPALS.anonymous}, from another site`,
          async run() {
            const email = `cross-site-${Date.now().toString(36)}@example.com`;
            const reply = await signUp({ email, password: TEST_PASSWORD }, { origin: "https://evil.example" });
            // Next.js refuses a server action whose Origin is not this host (its answer is a 500), before the action runs.
            expect(reply.status).toBeGreaterThanOrEqual(400);
            expect(setsSession(reply)).toBe(false);
            expect(await canSignIn(email, TEST_PASSWORD)).toBe(false);
          },
        },
        {
          principal: `${PRINCIPALS.anonymous}, a new email`,
          async run() {
            const email = `newcomer-${Date.now().toString(36)}@example.com`;
            const reply = await signUp({ email, password: TEST_PASSWORD });
            expectRedirectTo(reply, "/chat");
            expect(setsSession(reply)).toBe(true);
            // A later sign-up is never the admin.
            const cookie = cookiesFrom(reply);
            expect((await call("GET", "/api/account", { cookie })).json<{ data: unknown }>().data).toMatchObject({ email, isAdmin: false });
          },
        },
      ];
    },
  },
  "app/(auth)/actions.ts#signInWithPassword": {
    access: "public",
    cells: () => {
      const id = () => actionId("app/(auth)/actions.ts", "signInWithPassword");
      const signIn = (fields: Record<string, string>, options: { cookie?: string; origin?: string } = {}) =>
        postForm({ page: "/sign-in", formMarker: 'data-testid="sign-in-form"', fields, actionId: id(), ...options });
      return [
        {
          principal: `${PRINCIPALS.anonymous}, as A with a wrong password`,
          async run() {
            const reply = await signIn({ email: world.owner.email, password: "a guess at A's password" });
            expectStatus(reply, 200);
            expect(setsSession(reply)).toBe(false);
            expect(reply.text).toContain("match an account");
          },
        },
        {
          principal: `${PRINCIPALS.other}, signed in, as A with a wrong password`,
          async run() {
            const reply = await signIn({ email: world.owner.email, password: "a guess at A's password" }, { cookie: world.other.cookie });
            // The page then sends B, still signed in as B, on to the chat.
            expect(reply.status).toBeLessThan(500);
            expect(setsSession(reply)).toBe(false);
            expect((await as(world.other, "GET", "/api/account")).json<{ data: unknown }>().data).toMatchObject({ email: world.other.email });
          },
        },
        {
          principal: `${PRINCIPALS.anonymous}, from another site with A's password`,
          async run() {
            const reply = await signIn({ email: world.owner.email, password: TEST_PASSWORD }, { origin: "https://evil.example" });
            expect(reply.status).toBeGreaterThanOrEqual(400);
            expect(setsSession(reply)).toBe(false);
          },
        },
        {
          principal: `${PRINCIPALS.owner}, with the password`,
          async run() {
            const reply = await signIn({ email: world.owner.email, password: TEST_PASSWORD });
            expectRedirectTo(reply, "/chat");
            expect(setsSession(reply)).toBe(true);
          },
        },
      ];
    },
  },
  // Starts an OAuth sign-in; no OAuth provider is configured here, so it can only send the visitor to Auth.js's page.
  "app/(auth)/actions.ts#signInWithProvider": {
    access: "public",
    cells: () => {
      const post = (provider: string, cookie?: string) =>
        postAction({ page: "/sign-in", cookie, fields: [[`$ACTION_ID_${actionId("app/(auth)/actions.ts", "signInWithProvider")}`, ""], ["provider", provider], ["callbackUrl", "/chat"]] });
      return [
        {
          principal: PRINCIPALS.anonymous,
          async run() {
            const reply = await post("github");
            expect(reply.status).toBeLessThan(500);
            expect(setsSession(reply)).toBe(false);
          },
        },
        {
          principal: `${PRINCIPALS.other}, naming a provider that is not offered`,
          async run() {
            const reply = await post("credentials", world.other.cookie);
            expect(reply.status).toBeLessThan(500);
            expect(setsSession(reply)).toBe(false);
          },
        },
      ];
    },
  },
  // The header's sign-out button: it can only end the caller's own session.
  "components/site-header.tsx#$$RSC_SERVER_ACTION_0": {
    access: "own data (session)",
    cells: () => {
      const signOut = async (cookie: string | undefined) =>
        postForm({ page: "/", formMarker: 'data-testid="sign-out-button"', fields: {}, cookie, actionId: actionId("components/site-header.tsx", "$$RSC_SERVER_ACTION_0") });
      return [
        {
          principal: PRINCIPALS.anonymous,
          async run() {
            // Signed out, the header has no sign-out form; posting the action anyway changes nothing for anyone.
            const reply = await postAction({ page: "/", fields: [[`$ACTION_ID_${actionId("components/site-header.tsx", "$$RSC_SERVER_ACTION_0")}`, ""]] });
            expect(reply.status).toBeLessThan(500);
            expectStatus(await as(world.owner, "GET", "/api/account"), 200);
          },
        },
        {
          principal: `${PRINCIPALS.other} (a second session of theirs)`,
          async run() {
            const { cookie } = await postCredentials(app, world.other.email, TEST_PASSWORD);
            const reply = await signOut(cookie);
            expectRedirectTo(reply, "/");
            expect(reply.headers.getSetCookie().find((value) => value.startsWith("authjs.session-token="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
            // A is still signed in.
            expectStatus(await as(world.owner, "GET", "/api/account"), 200);
          },
        },
      ];
    },
  },
};

/* ----------------------------------------------------------------------------
 * The tests
 * ------------------------------------------------------------------------- */

const checkedCells: string[] = [];

async function runCells(name: string, entry: MatrixEntry): Promise<void> {
  const failures: string[] = [];
  for (const cell of entry.cells()) {
    try {
      await cell.run();
      checkedCells.push(`${name} | ${cell.principal}`);
    } catch (error) {
      failures.push(`${cell.principal}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  expect(failures, `${name} (${entry.access})`).toEqual([]);
}

describe("every route, page and server action is classified", () => {
  it("has a matrix entry for each route handler and each method it exports, and none for a route that is gone", () => {
    const served = listRouteHandlers(path.join(ROOT, "app")).flatMap((route) => route.methods.map((method) => `${method} ${route.path}`));
    expect(served.length).toBeGreaterThan(50);
    expect(Object.keys(routeMatrix).sort()).toEqual(served.sort());
  });

  it("has a matrix entry for each page", () => {
    const pages = listPages(path.join(ROOT, "app")).map((page) => page.path);
    expect(Object.keys(pageMatrix).sort()).toEqual(pages.sort());
  });

  it("has a matrix entry for each server action of the build, and the build has every file that says \"use server\"", () => {
    const actions = listServerActions(ROOT);
    expect(Object.keys(serverActionMatrix).sort()).toEqual(actions.map((action) => `${action.file}#${action.name}`).sort());
    expect([...new Set(actions.map((action) => action.file))].sort()).toEqual(listFilesSayingUseServer(ROOT, ["app", "components", "lib"]).sort());
  });
});

describe("route handlers", () => {
  for (const [name, entry] of Object.entries(routeMatrix)) {
    it(`${name}: ${entry.access}`, () => runCells(name, entry));
  }
});

describe("pages", () => {
  for (const [name, entry] of Object.entries(pageMatrix)) {
    it(`GET ${name}: ${entry.access}`, () => runCells(`GET ${name}`, entry));
  }
});

describe("server actions", () => {
  for (const [name, entry] of Object.entries(serverActionMatrix)) {
    it(`${name}: ${entry.access}`, () => runCells(name, entry));
  }
});

describe("sessions", () => {
  it("refuses the credentials sign-in without Auth.js's CSRF token, and with a token that does not match the cookie", async () => {
    const csrf = await call("GET", "/api/auth/csrf");
    const { csrfToken } = csrf.json<{ csrfToken: string }>();
    const form = (fields: Record<string, string>) => new URLSearchParams({ email: world.owner.email, password: TEST_PASSWORD, ...fields }).toString();
    const headers = { "Content-Type": "application/x-www-form-urlencoded" };

    const withoutToken = await call("POST", "/api/auth/callback/credentials", { headers, body: form({}) });
    expect(setsSession(withoutToken)).toBe(false);
    expectRedirectTo(withoutToken, "/sign-in", { error: "MissingCSRF" });

    // The token alone, without the cookie it was issued with, is as good as none.
    const withoutCookie = await call("POST", "/api/auth/callback/credentials", { headers, body: form({ csrfToken }) });
    expect(setsSession(withoutCookie)).toBe(false);
    expectRedirectTo(withoutCookie, "/sign-in", { error: "MissingCSRF" });
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const { response, signedIn } = await postCredentials(app, world.other.email, TEST_PASSWORD);
    expect(signedIn).toBe(true);
    const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("authjs.session-token="));
    expect(session).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(session).toMatch(/;\s*SameSite=Lax(;|$)/i);
  });
});

describe("admin rights", () => {
  it("are read from the database on every request: an admin demoted keeps a cookie that no longer opens the admin routes or page", async () => {
    const deputy = await signedInUser(app, `deputy-${Date.now().toString(36)}@example.com`, { admin: true });
    expectStatus(await call("GET", "/api/admin/users", { cookie: deputy.cookie }), 200);
    expectStatus(await call("GET", "/admin", { cookie: deputy.cookie }), 200);

    const prisma = createPrismaClient({ databaseUrl: app.databaseUrl });
    try {
      await prisma.user.update({ where: { id: deputy.userId }, data: { isAdmin: false } });
    } finally {
      await prisma.$disconnect();
    }
    // The same cookie, which was issued to an admin.
    expectForbidden(await call("GET", "/api/admin/users", { cookie: deputy.cookie }));
    expectForbidden(await call("POST", "/api/admin/grants", { cookie: deputy.cookie, body: { userId: deputy.userId, amount: "100", note: "on my way out" } }));
    expectNotFoundPage(await call("GET", "/admin", { cookie: deputy.cookie }));
  });
});

afterAll(() => {
  // The size of what was checked, for the record.
  const count = (prefix: RegExp) => checkedCells.filter((cell) => prefix.test(cell)).length;
  console.log(
    `[authorization] ${checkedCells.length} cells passed: ${count(/^[A-Z]+ \/(api|metrics)/)} route × method × principal, ` +
      `${count(/^GET \/(?!api|metrics)/)} page × principal, ${count(/#/)} server action × principal`,
  );
});
