import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createUserWithPassword } from "@/lib/db/user-queries";
import { postCredentials, TEST_PASSWORD } from "../support/sessions";
import { startApp, type RunningApp } from "../support/start-app";

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
  const prisma = createPrismaClient({ databaseUrl: app.databaseUrl });
  try {
    await createUserWithPassword({ email: "target@example.com", password: TEST_PASSWORD, prisma });
    await createUserWithPassword({ email: "bystander@example.com", password: TEST_PASSWORD, prisma });
  } finally {
    await prisma.$disconnect();
  }
});

afterAll(async () => {
  await app?.stop();
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
});
