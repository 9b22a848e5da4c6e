import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient, disconnectPrisma, getPrisma, type PrismaClient } from "./client";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

// getPrisma() reads DATABASE_URL through lib/env; point it at a scratch file
// so the test never touches ./data.
const singletonDatabase = vi.hoisted(() => ({ url: "" }));
vi.mock("../env", () => ({
  env: {
    get DATABASE_URL() {
      return singletonDatabase.url;
    },
  },
}));

const testPostgresUrl = process.env.TEST_POSTGRES_URL;

/** More than 2^53: a Number would lose the last digits. */
const LARGE_MICROS = 9_007_199_254_740_993n;

async function exerciseClient(prisma: PrismaClient): Promise<void> {
  const created = await prisma.user.create({ data: { email: "ada@example.com", name: "Ada" } });
  const found = await prisma.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
  expect(found).toMatchObject({ id: created.id, name: "Ada", isAdmin: false });
  expect(found.createdAt).toBeInstanceOf(Date);

  await prisma.creditLedgerEntry.createMany({
    data: [
      { userId: created.id, amountMicros: LARGE_MICROS, kind: "grant" },
      { userId: created.id, amountMicros: -1_500_000n, kind: "debit" },
    ],
  });
  const entries = await prisma.creditLedgerEntry.findMany({ where: { userId: created.id }, orderBy: { amountMicros: "desc" } });
  expect(entries.map((entry) => entry.amountMicros)).toEqual([LARGE_MICROS, -1_500_000n]);
  const balance = await prisma.creditLedgerEntry.aggregate({ where: { userId: created.id }, _sum: { amountMicros: true } });
  expect(balance._sum.amountMicros).toBe(LARGE_MICROS - 1_500_000n);

  const generation = await prisma.generation.create({
    data: {
      id: "gen-1",
      userId: created.id,
      requestedModel: "openai/gpt-4o-mini",
      model: "openai/gpt-4o-mini",
      providerId: "openai",
      providerName: "OpenAI",
      providerModel: "gpt-4o-mini",
      status: "completed",
    },
  });
  expect(generation.costMicros).toBe(0n);

  // Foreign keys are enforced: deleting the user takes its rows with it.
  await prisma.user.delete({ where: { id: created.id } });
  expect(await prisma.creditLedgerEntry.count()).toBe(0);
  expect(await prisma.generation.count()).toBe(0);
}

describe("Prisma client on SQLite", () => {
  let database: ScratchDatabase;
  let prisma: PrismaClient | undefined;
  beforeEach(async () => {
    database = createScratchSqlite();
    await applyMigrations({ databaseUrl: database.url });
  });
  afterEach(async () => {
    await prisma?.$disconnect();
    prisma = undefined;
    await database.drop();
  });

  it("creates a user and reads it back, BigInt money included", async () => {
    prisma = createPrismaClient({ databaseUrl: database.url });
    await exerciseClient(prisma);
  });

  it("commits without an fsync each time: WAL with synchronous = NORMAL", async () => {
    prisma = createPrismaClient({ databaseUrl: database.url });
    const [journal] = await prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
    const [sync] = await prisma.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>("PRAGMA synchronous");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(sync?.synchronous)).toBe(1);
  });
});

describe("getPrisma", () => {
  let database: ScratchDatabase;
  beforeEach(() => {
    database = createScratchSqlite();
    singletonDatabase.url = database.url;
  });
  afterEach(async () => {
    await disconnectPrisma();
    await database.drop();
  });
  afterAll(() => disconnectPrisma());

  it("returns one client per process until it is disconnected", async () => {
    await applyMigrations({ databaseUrl: database.url });
    const first = getPrisma();
    expect(getPrisma()).toBe(first);
    expect(await first.user.count()).toBe(0);

    await disconnectPrisma();
    const second = getPrisma();
    expect(second).not.toBe(first);
    expect(await second.user.count()).toBe(0);
  });
});

describe.runIf(testPostgresUrl)("Prisma client on PostgreSQL", () => {
  let database: ScratchDatabase;
  let prisma: PrismaClient | undefined;
  beforeEach(async () => {
    database = await createScratchPostgres(testPostgresUrl ?? "");
    await applyMigrations({ databaseUrl: database.url });
  });
  afterEach(async () => {
    await prisma?.$disconnect();
    prisma = undefined;
    await database.drop();
  });

  it("creates a user and reads it back, BigInt money included", async () => {
    prisma = createPrismaClient({ databaseUrl: database.url });
    await exerciseClient(prisma);
  });
});
