import { expect, it } from "vitest";
import { describeOnDatabases } from "./describe-on-databases";
import { grantCredits } from "./grant-credits";
import { getLedgerPage } from "./ledger-page";

describeOnDatabases("the ledger page", (context) => {
  it("pages through a user's own entries, newest first, with the balance", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const otherId = await context.createUser("grace@example.com");
    for (const dollars of [1n, 2n, 3n, 4n, 5n]) {
      await grantCredits({ recipient: { userId }, amountMicros: dollars * 1_000_000n, note: `grant ${dollars}`, prisma });
      await grantCredits({ recipient: { userId: otherId }, amountMicros: 7n, note: "other", prisma });
    }

    const first = await getLedgerPage({ userId, limit: 2, prisma });
    expect(first.balanceMicros).toBe("15000000");
    expect(first.entries.map((entry) => entry.note)).toEqual(["grant 5", "grant 4"]);
    expect(first.entries[0]).toMatchObject({ kind: "grant", amountMicros: "5000000", generationId: null });
    const second = await getLedgerPage({ userId, limit: 2, cursor: first.nextCursor ?? "", prisma });
    expect(second.entries.map((entry) => entry.note)).toEqual(["grant 3", "grant 2"]);
    const third = await getLedgerPage({ userId, limit: 2, cursor: second.nextCursor ?? "", prisma });
    expect(third.entries.map((entry) => entry.note)).toEqual(["grant 1"]);
    expect(third.nextCursor).toBeNull();

    // Another user's entry id as the cursor shows nothing of theirs, nor anything else.
    const otherEntry = await prisma.creditLedgerEntry.findFirst({ where: { userId: otherId } });
    const foreign = await getLedgerPage({ userId, limit: 10, cursor: otherEntry?.id ?? "", prisma });
    expect(foreign.entries).toEqual([]);
    expect((await getLedgerPage({ userId: otherId, limit: 10, prisma })).entries.every((entry) => entry.note === "other")).toBe(true);
  });
});
