import { expect, it } from "vitest";
import { getCreditSummary } from "../db/credit-ledger";
import { describeOnDatabases } from "./describe-on-databases";
import { grantCredits, NegativeBalanceError } from "./grant-credits";

describeOnDatabases("admin grants", (context) => {
  it("grants credits by id or email and records the admin and the note", async () => {
    const { prisma } = context;
    const adminId = await context.createUser("admin@example.com");
    const userId = await context.createUser("ada@example.com");

    const first = await grantCredits({ recipient: { userId }, amountMicros: 10_000_000n, note: "welcome", createdById: adminId, prisma });
    expect(first).toMatchObject({ userId, email: "ada@example.com", amountMicros: 10_000_000n, balanceMicros: 10_000_000n });
    const second = await grantCredits({ recipient: { email: " ADA@example.com " }, amountMicros: 2_500_000n, note: "bonus", prisma });
    expect(second.balanceMicros).toBe(12_500_000n);

    const entries = await prisma.creditLedgerEntry.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => [entry.kind, entry.amountMicros, entry.note, entry.createdById])).toEqual([
      ["grant", 10_000_000n, "welcome", adminId],
      ["grant", 2_500_000n, "bonus", null],
    ]);
  });

  it("takes credits away with a negative amount as an adjustment, down to zero but not below", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    await grantCredits({ recipient: { userId }, amountMicros: 5_000_000n, note: "start", prisma });

    const taken = await grantCredits({ recipient: { userId }, amountMicros: -3_000_000n, note: "correction", prisma });
    expect(taken.balanceMicros).toBe(2_000_000n);

    const refused = grantCredits({ recipient: { userId }, amountMicros: -2_000_001n, note: "too much", prisma });
    await expect(refused).rejects.toBeInstanceOf(NegativeBalanceError);
    await expect(refused).rejects.toMatchObject({ status: 400, message: "This would take the balance below zero: it is $2.00." });
    expect((await getCreditSummary({ prisma, userId })).balanceMicros).toBe(2_000_000n);

    await grantCredits({ recipient: { userId }, amountMicros: -2_000_000n, note: "to zero", prisma });
    const kinds = await prisma.creditLedgerEntry.findMany({ where: { userId }, select: { kind: true }, orderBy: { createdAt: "asc" } });
    expect(kinds.map((entry) => entry.kind)).toEqual(["grant", "adjustment", "adjustment"]);
    expect((await getCreditSummary({ prisma, userId })).balanceMicros).toBe(0n);
  });

  it("refuses a negative grant for a user with no credits, an unknown user, a zero amount and an empty note", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    await expect(grantCredits({ recipient: { userId }, amountMicros: -1n, note: "x", prisma })).rejects.toBeInstanceOf(NegativeBalanceError);
    await expect(grantCredits({ recipient: { email: "nobody@example.com" }, amountMicros: 1n, note: "x", prisma })).rejects.toMatchObject({ status: 404 });
    await expect(grantCredits({ recipient: { userId }, amountMicros: 0n, note: "x", prisma })).rejects.toMatchObject({ status: 400, param: "amount" });
    await expect(grantCredits({ recipient: { userId }, amountMicros: 1n, note: "  ", prisma })).rejects.toMatchObject({ status: 400, param: "note" });
    expect(await prisma.creditLedgerEntry.count()).toBe(0);
  });

  it("lets only as many concurrent removals through as the balance covers", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    await grantCredits({ recipient: { userId }, amountMicros: 3_000_000n, note: "start", prisma });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => grantCredits({ recipient: { userId }, amountMicros: -1_000_000n, note: "take one", prisma })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect((await getCreditSummary({ prisma, userId })).balanceMicros).toBe(0n);
  });
});
