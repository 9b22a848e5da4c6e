/**
 * Administration from the command line. Works while the server runs (the
 * database takes concurrent writers). Usage:
 *
 *   npm run admin -- create-key --email <email> [--credits <usd>] [--name <label>]
 *
 * The new key is printed alone on the last line of stdout.
 */
import { parseArgs } from "node:util";
import { createUserKey } from "../lib/db/admin-queries";
import { disconnectPrisma } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { env } from "../lib/env";
import { formatMicrosAsDollars, parseDollarsToMicros } from "../lib/money";

const USAGE = "Usage: npm run admin -- create-key --email <email> [--credits <usd>] [--name <label>]";

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== "create-key") throw new UsageError(command ? `Unknown command '${command}'.` : "No command given.");

  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, credits: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email)) throw new UsageError("--email must be an email address.");
  const creditsMicros = values.credits === undefined ? 0n : parseDollarsToMicros(values.credits);

  await applyMigrations({ databaseUrl: env.DATABASE_URL ?? "file:./data/switchyard.db" });
  const created = await createUserKey({ email: values.email, name: values.name, creditsMicros });
  console.error(`User ${values.email}: balance ${formatMicrosAsDollars(created.balanceMicros)}. The key is shown once:`);
  console.log(created.secret);
}

class UsageError extends Error {}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  })
  .finally(() => disconnectPrisma());
