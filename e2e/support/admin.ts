import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Makes an existing account an admin, as an operator would with a database
 * shell: the shared Playwright server's database may already hold users
 * from other spec files, so "the first sign-up is the admin" cannot be
 * relied on. Run in its own process (this file, with tsx) against the test
 * server's database, like grantCredits in ./accounts.ts.
 */
export function promoteToAdmin(email: string): void {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: the Playwright global setup must export the test server's database URL");
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", fileURLToPath(import.meta.url), "promote", email], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`promoting ${email} failed: ${result.stderr}`);
}

async function promoteFromCommandLine(email: string): Promise<void> {
  // Imported here, not at the top: the Playwright process that imports this file for promoteToAdmin needs no database client.
  const { disconnectPrisma, getPrisma } = await import("../../lib/db/client");
  try {
    const { count } = await getPrisma().user.updateMany({ where: { email: email.trim().toLowerCase() }, data: { isAdmin: true } });
    if (count !== 1) throw new Error(`no user with the email ${email}`);
  } finally {
    await disconnectPrisma();
  }
}

if (process.argv[2] === "promote" && process.argv[1] === fileURLToPath(import.meta.url)) {
  const email = process.argv[3];
  if (!email) throw new Error("usage: admin.ts promote <email>");
  await promoteFromCommandLine(email);
}
