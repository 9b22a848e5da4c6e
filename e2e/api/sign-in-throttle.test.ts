import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createUserWithPassword } from "@/lib/db/user-queries";
import { postCredentials, postSignUpForm, TEST_PASSWORD } from "../support/sessions";
import { startApp, type RunningApp } from "../support/start-app";

/** Lower than the defaults (50 and 20), so reaching them takes seconds. */
const FAILURES_PER_ADDRESS = 15;
const SIGN_UPS_PER_ADDRESS = 3;

let app: RunningApp;
/** The same, behind one proxy it trusts (TRUST_PROXY=1). */
let proxied: RunningApp;

async function createAccounts(running: RunningApp, emails: string[]): Promise<void> {
  const prisma = createPrismaClient({ databaseUrl: running.databaseUrl });
  try {
    for (const email of emails) await createUserWithPassword({ email, password: TEST_PASSWORD, prisma });
  } finally {
    await prisma.$disconnect();
  }
}

beforeAll(async () => {
  [app, proxied] = await Promise.all([
    startApp({ env: { SIGN_IN_FAILURES_PER_IP: String(FAILURES_PER_ADDRESS) } }),
    startApp({ env: { SIGN_IN_FAILURES_PER_IP: String(FAILURES_PER_ADDRESS), TRUST_PROXY: "1", SIGN_UPS_PER_IP_PER_HOUR: String(SIGN_UPS_PER_ADDRESS) } }),
  ]);
  await createAccounts(app, ["target@example.com", "bystander@example.com"]);
  await createAccounts(proxied, ["bystander@example.com"]);
});

afterAll(async () => {
  await Promise.all([app?.stop(), proxied?.stop()]);
});

describe("sign-in rate limit", () => {
  it("refuses even the right password after ten wrong ones for an email, and leaves other accounts alone", async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await postCredentials(app, "target@example.com", `wrong-${attempt}`)).signedIn).toBe(false);
    }
    const refused = await postCredentials(app, "target@example.com", TEST_PASSWORD);
    expect(refused.signedIn).toBe(false);
    expect(refused.response.headers.get("location")).toContain("code=too_many_attempts");
    expect((await postCredentials(app, "bystander@example.com", TEST_PASSWORD)).signedIn).toBe(true);
  }, 60_000);

  it("refuses every email from an address whose failures across many emails reached the limit, whatever address headers it sends", async () => {
    // The ten failures above came from this address too; five more over other emails reach the limit.
    for (let attempt = 0; attempt < FAILURES_PER_ADDRESS - 10; attempt++) {
      // Without TRUST_PROXY, X-Forwarded-For is the client's own say; the peer address header is the server's alone.
      const spoofed = { "X-Forwarded-For": `198.51.100.${attempt}`, "X-Switchyard-Peer-Address": `192.0.2.${attempt}` };
      expect((await postCredentials(app, `spray-${attempt}@example.com`, "wrong", { headers: spoofed })).signedIn).toBe(false);
    }
    const refused = await postCredentials(app, "bystander@example.com", TEST_PASSWORD, {
      headers: { "X-Forwarded-For": "198.51.100.200", "X-Switchyard-Peer-Address": "192.0.2.200" },
    });
    expect(refused.signedIn).toBe(false);
    expect(refused.response.headers.get("location")).toContain("code=too_many_attempts");
  }, 60_000);

  it("behind a trusted proxy, counts the address the proxy forwarded, not what the client wrote before it", async () => {
    const sprayer = "203.0.113.50";
    for (let attempt = 0; attempt < FAILURES_PER_ADDRESS; attempt++) {
      // What the client sent itself comes first; the proxy appends the address it was called from.
      const forwarded = `10.9.8.${attempt}, ${sprayer}`;
      expect((await postCredentials(proxied, `spray-${attempt}@example.com`, "wrong", { headers: { "X-Forwarded-For": forwarded } })).signedIn).toBe(false);
    }
    const refused = await postCredentials(proxied, "bystander@example.com", TEST_PASSWORD, { headers: { "X-Forwarded-For": `10.9.8.200, ${sprayer}` } });
    expect(refused.response.headers.get("location")).toContain("code=too_many_attempts");
    // Another client behind the same proxy is not held back.
    expect((await postCredentials(proxied, "bystander@example.com", TEST_PASSWORD, { headers: { "X-Forwarded-For": "203.0.113.51" } })).signedIn).toBe(true);
  }, 60_000);

  it("lets one address sign up a few accounts an hour, then says so on the form", async () => {
    const from = (address: string) => ({ headers: { "X-Forwarded-For": address } });
    for (let attempt = 0; attempt < SIGN_UPS_PER_ADDRESS; attempt++) {
      const { response } = await postSignUpForm(proxied, `new-${attempt}@example.com`, TEST_PASSWORD, from("203.0.113.60"));
      expect(response.status, `sign-up ${attempt}`).toBe(303);
    }
    const refused = await postSignUpForm(proxied, "one-more@example.com", TEST_PASSWORD, from("203.0.113.60"));
    expect(refused.html).toContain("Too many sign-ups from your network");
    // No account was made for it; another address still can sign up.
    expect((await postCredentials(proxied, "one-more@example.com", TEST_PASSWORD)).signedIn).toBe(false);
    expect((await postSignUpForm(proxied, "elsewhere@example.com", TEST_PASSWORD, from("203.0.113.61"))).response.status).toBe(303);
  }, 60_000);
});
