import { spawnSync } from "node:child_process";

/**
 * Billing set-up for browser tests, done the way an operator would, against
 * the test server's database (the global setup exports its URL).
 */
function runAgainstTestDatabase(args: string[]): string {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: the Playwright global setup must export the test server's database URL");
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** `npm run admin -- grant`, which writes a "grant" ledger entry with the note. */
export function grantCreditsWithNote(input: { email: string; credits: string; note: string }): void {
  runAgainstTestDatabase(["scripts/admin.ts", "grant", "--email", input.email, "--credits", input.credits, "--note", input.note]);
}

/** A fresh single-use redeem code worth `dollars`, in full (only its hash is stored). */
export function createRedeemCode(dollars: string): { code: string; prefix: string } {
  const output = runAgainstTestDatabase(["e2e/support/create-redeem-code.ts", dollars]);
  const lastLine = output.trim().split("\n").at(-1) ?? "";
  return JSON.parse(lastLine) as { code: string; prefix: string };
}
