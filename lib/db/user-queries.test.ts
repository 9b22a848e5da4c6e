import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/password";
import { createPrismaClient, type PrismaClient } from "./client";
import { applyMigrations } from "./migrate";
import { createScratchSqlite, type ScratchDatabase } from "./test-databases";
import { createUser, createUserWithPassword, EmailTakenError, findAccountUser, findUserForSignIn } from "./user-queries";

describe("user queries on SQLite", () => {
  let database: ScratchDatabase;
  let prisma: PrismaClient;

  beforeEach(async () => {
    database = createScratchSqlite();
    await applyMigrations({ databaseUrl: database.url });
    prisma = createPrismaClient({ databaseUrl: database.url });
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it("normalises the email, hashes the password and makes the first user the admin", async () => {
    const first = await createUserWithPassword({ email: "  Ada@Example.COM ", password: "analytical engine", name: " Ada ", prisma });
    expect(first).toMatchObject({ email: "ada@example.com", name: "Ada", isAdmin: true });
    const second = await createUserWithPassword({ email: "grace@example.com", password: "compilers rule", prisma });
    expect(second).toMatchObject({ email: "grace@example.com", name: null, isAdmin: false });

    const found = await findUserForSignIn({ email: "ADA@example.com ", prisma });
    expect(found).toMatchObject({ id: first.id, email: "ada@example.com", isAdmin: true });
    expect(found?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword({ password: "analytical engine", storedHash: found?.passwordHash ?? "" })).toBe(true);
    expect(await findUserForSignIn({ email: "nobody@example.com", prisma })).toBeNull();
    expect(await findAccountUser({ id: second.id, prisma })).toEqual(second);
    expect(await findAccountUser({ id: "missing", prisma })).toBeNull();
  });

  it("makes the first sign-up the admin even when the admin command created API-only users before", async () => {
    await prisma.user.create({ data: { email: "api-only@example.com" } });
    const first = await createUserWithPassword({ email: "owner@example.com", password: "long enough", prisma });
    expect(first.isAdmin).toBe(true);
    const second = await createUserWithPassword({ email: "next@example.com", password: "long enough", prisma });
    expect(second.isAdmin).toBe(false);
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    await createUserWithPassword({ email: "ada@example.com", password: "analytical engine", prisma });
    const attempt = createUserWithPassword({ email: "ADA@example.com", password: "another password", prisma });
    await expect(attempt).rejects.toBeInstanceOf(EmailTakenError);
    await expect(attempt).rejects.toThrow("An account with the email ada@example.com already exists.");
    expect(await prisma.user.count()).toBe(1);
  });

  it("makes exactly one admin when the first sign-ups race, even from separate connections", async () => {
    const second = createPrismaClient({ databaseUrl: database.url });
    try {
      const clients = [prisma, second, prisma, second];
      const users = await Promise.all(
        clients.map((client, index) => createUser({ data: { email: `racer${index}@example.com` }, prisma: client })),
      );
      expect(users.filter((user) => user.isAdmin)).toHaveLength(1);
      expect(await prisma.user.count({ where: { isAdmin: true } })).toBe(1);
    } finally {
      await second.$disconnect();
    }
  });

  it("reports a race for the same email as taken", async () => {
    const results = await Promise.allSettled([
      createUserWithPassword({ email: "same@example.com", password: "first password", prisma }),
      createUserWithPassword({ email: "same@example.com", password: "second password", prisma }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(EmailTakenError);
  });
});
