import Database from "better-sqlite3";
import pg from "pg";

/** One account's books, read straight from the database, as integers in micro-dollars. */
export interface Books {
  balance: bigint;
  held: bigint;
  /** Sum of every ledger entry: must equal the balance. */
  ledger: bigint;
  /** What the generation entries took: must equal `costs`. */
  debits: bigint;
  /** Sum of the recorded generations' costs. */
  costs: bigint;
  generationIds: Set<string>;
  /** Generations with a cost but no ledger entry, or entries with no generation: must be 0. */
  unbilled: number;
  orphanDebits: number;
}

const QUERIES = {
  account: `SELECT a."balanceMicros" AS balance, a."heldMicros" AS held FROM "CreditAccount" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1`,
  ledger: `SELECT l."amountMicros" AS amount, l.kind AS kind, l."generationId" AS "generationId" FROM "CreditLedgerEntry" l JOIN "User" u ON u.id = l."userId" WHERE u.email = $1`,
  generations: `SELECT g.id AS id, g."costMicros" AS cost FROM "Generation" g JOIN "User" u ON u.id = g."userId" WHERE u.email = $1`,
};

type Row = Record<string, unknown>;

/** Reads the books of the account with this email, on SQLite (`file:`) or PostgreSQL. */
export async function readBooks(databaseUrl: string, email: string): Promise<Books> {
  const rows = await query(databaseUrl, email);
  const account = rows.account[0] ?? { balance: 0, held: 0 };
  const generationCosts = new Map(rows.generations.map((row) => [String(row.id), BigInt(row.cost as bigint)]));
  const debited = new Set<string>();
  let ledger = 0n;
  let debits = 0n;
  let orphanDebits = 0;
  for (const entry of rows.ledger) {
    const amount = BigInt(entry.amount as bigint);
    ledger += amount;
    if (entry.kind !== "generation") continue;
    debits -= amount;
    const generationId = entry.generationId === null ? null : String(entry.generationId);
    if (generationId === null || !generationCosts.has(generationId)) orphanDebits++;
    else debited.add(generationId);
  }
  let costs = 0n;
  let unbilled = 0;
  for (const [id, cost] of generationCosts) {
    costs += cost;
    if (cost > 0n && !debited.has(id)) unbilled++;
  }
  return {
    balance: BigInt(account.balance as bigint),
    held: BigInt(account.held as bigint),
    ledger,
    debits,
    costs,
    generationIds: new Set(generationCosts.keys()),
    unbilled,
    orphanDebits,
  };
}

async function query(databaseUrl: string, email: string): Promise<Record<keyof typeof QUERIES, Row[]>> {
  if (databaseUrl.startsWith("file:")) {
    const database = new Database(databaseUrl.slice("file:".length), { readonly: true, fileMustExist: true });
    try {
      const run = (sql: string) => database.prepare(sql.replace("$1", "?")).safeIntegers(true).all(email) as Row[];
      return { account: run(QUERIES.account), ledger: run(QUERIES.ledger), generations: run(QUERIES.generations) };
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = async (sql: string) => (await client.query<Row>(sql, [email])).rows;
    return { account: await run(QUERIES.account), ledger: await run(QUERIES.ledger), generations: await run(QUERIES.generations) };
  } finally {
    await client.end();
  }
}
