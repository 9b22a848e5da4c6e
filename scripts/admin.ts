/**
 * Administration from the command line. Works while the server runs (the
 * database takes concurrent writers). Usage:
 *
 *   npm run admin -- create-key --email <email> [--credits <usd>] [--name <label>]
 *   npm run admin -- grant --email <email> --credits <usd> [--note <text>]
 *   npm run admin -- audit
 *
 * create-key prints the new key alone on the last line of stdout. grant
 * takes credits away with a negative amount, written `--credits=-5` so it is
 * not read as an option; it refuses to take the balance below zero. audit
 * lists every balance that differs from the sum of its ledger and exits
 * with 1 when there is one.
 */
import { parseArgs } from "node:util";
import { grantCredits } from "../lib/billing/grant-credits";
import { dollarAmountSchema } from "../lib/billing/dollar-amount";
import { createUserKey } from "../lib/db/admin-queries";
import { disconnectPrisma, getPrisma } from "../lib/db/client";
import { auditLedger } from "../lib/db/credit-ledger";
import { applyMigrations } from "../lib/db/migrate";
import { env } from "../lib/env";
import { formatMicrosAsDollars, parseDollarsToMicros } from "../lib/money";

const USAGE = [
  "Usage: npm run admin -- create-key --email <email> [--credits <usd>] [--name <label>]",
  "       npm run admin -- grant --email <email> --credits <usd> [--note <text>]",
  "       npm run admin -- audit",
].join("\n");

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { "create-key": createKey, grant, audit };

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) throw new UsageError(command ? `Unknown command '${command}'.` : "No command given.");
  await run(rest);
}

/** After the arguments are checked, so a typo does not create a database. */
async function openDatabase(): Promise<void> {
  await applyMigrations({ databaseUrl: env.DATABASE_URL ?? "file:./data/switchyard.db" });
}

async function createKey(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, credits: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const email = requireEmail(values.email);
  const creditsMicros = values.credits === undefined ? 0n : parseDollarsToMicros(values.credits);
  await openDatabase();
  const created = await createUserKey({ email, name: values.name, creditsMicros });
  console.error(`User ${email}: balance ${formatMicrosAsDollars(created.balanceMicros)}. The key is shown once:`);
  console.log(created.secret);
}

async function grant(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, credits: { type: "string" }, note: { type: "string" } },
    strict: true,
  });
  const email = requireEmail(values.email);
  if (values.credits === undefined) throw new UsageError("--credits is required (dollars; negative to take credits away).");
  const amount = dollarAmountSchema.safeParse(values.credits);
  if (!amount.success) throw new UsageError(`--credits: '${values.credits}' is not an amount in dollars.`);
  await openDatabase();
  const result = await grantCredits({ recipient: { email }, amountMicros: amount.data, note: values.note ?? "command-line grant" });
  console.log(`${formatMicrosAsDollars(result.amountMicros)} for ${email}: balance ${formatMicrosAsDollars(result.balanceMicros)}.`);
}

async function audit(args: string[]): Promise<void> {
  parseArgs({ args, options: {}, strict: true });
  await openDatabase();
  const findings = await auditLedger({ prisma: getPrisma() });
  if (findings.length === 0) {
    console.log("The books balance: every balance equals the sum of its ledger.");
    return;
  }
  for (const finding of findings) {
    console.log(
      `${finding.userId}: balance ${formatMicrosAsDollars(finding.accountMicros)}, ledger ${formatMicrosAsDollars(finding.ledgerMicros)} (off by ${formatMicrosAsDollars(finding.accountMicros - finding.ledgerMicros)})`,
    );
  }
  console.error(`${findings.length} account(s) do not match their ledger.`);
  process.exitCode = 1;
}

function requireEmail(email: string | undefined): string {
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError("--email must be an email address.");
  return email;
}

class UsageError extends Error {}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  })
  .finally(() => disconnectPrisma());
