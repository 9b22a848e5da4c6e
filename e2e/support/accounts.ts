import { spawnSync } from "node:child_process";
import { expect, type Browser } from "@playwright/test";
import { ChatRoomPage } from "../browser/pages/chat-room-page";
import { SignUpPage } from "../browser/pages/sign-up-page";

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/**
 * Credits are granted the way an operator does it, with the admin script,
 * against the test server's database (the global setup exports its URL).
 */
export function grantCredits(email: string, credits: string): void {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: the Playwright global setup must export the test server's database URL");
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/admin.ts", "create-key", "--email", email, "--credits", credits],
    { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`create-key failed: ${result.stderr}`);
}

export async function signedInRoom(browser: Browser, label: string, credits?: string): Promise<ChatRoomPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const email = uniqueEmail(label);
  await new SignUpPage(page).signUp({ email, password: "correct horse battery staple" });
  if (credits) {
    grantCredits(email, credits);
    // The grant is made by another process; wait until the server counts it.
    await expect
      .poll(async () => ((await (await page.request.get("/api/account")).json()) as { data: { balance: number } }).data.balance, { timeout: 15_000 })
      .toBeGreaterThan(0);
  }
  return new ChatRoomPage(page);
}

