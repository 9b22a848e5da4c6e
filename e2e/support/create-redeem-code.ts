/**
 * Creates one redeem code in the test server's database and prints it as
 * JSON on stdout. Run by e2e/support/billing.ts in its own process (with
 * DATABASE_URL set) rather than through the admin API, because the first
 * account on the shared test database is the admin and no spec can count on
 * being first. Usage: create-redeem-code.ts <dollars> [maxRedemptions]
 */
import { createRedeemCodes } from "../../lib/billing/redeem-codes";
import { disconnectPrisma } from "../../lib/db/client";
import { parseDollarsToMicros } from "../../lib/money";

async function main(): Promise<void> {
  const [dollars, maxRedemptions = "1"] = process.argv.slice(2);
  if (!dollars) throw new Error("Usage: create-redeem-code.ts <dollars> [maxRedemptions]");
  const created = await createRedeemCodes({
    count: 1,
    amountMicros: parseDollarsToMicros(dollars),
    maxRedemptions: Number(maxRedemptions),
    note: "browser test",
  });
  const code = created.codes[0];
  if (!code) throw new Error("No code was created.");
  console.log(JSON.stringify({ code: code.code, prefix: code.prefix }));
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnectPrisma());
