import { expect, it } from "vitest";
import { getCreditSummary } from "../db/credit-ledger";
import { describeOnDatabases } from "./describe-on-databases";
import { createRedeemCodes, disableRedeemCode, listRedeemCodes, redeemCode, RedeemCodeUnavailableError } from "./redeem-codes";
import { toJsonSafe } from "./json-safe";

describeOnDatabases("redeem codes", (context) => {
  it("creates codes shown once, stores only their hash, and credits each user once", async () => {
    const { prisma } = context;
    const adminId = await context.createUser("admin@example.com");
    const created = await createRedeemCodes({ count: 3, amountMicros: 5_000_000n, maxRedemptions: 2, note: " launch ", createdById: adminId, prisma });
    expect(created.codes).toHaveLength(3);
    const stored = await prisma.redeemCode.findMany();
    expect(stored).toHaveLength(3);
    for (const row of stored) {
      expect(row).toMatchObject({ amountMicros: 5_000_000n, maxRedemptions: 2, redeemedCount: 0, note: "launch", createdById: adminId, disabled: false });
      expect(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).not.toContain(
        created.codes.find((code) => code.id === row.id)?.code.slice(3),
      );
    }

    const [first] = created.codes;
    const userId = await context.createUser("ada@example.com");
    const redemption = await redeemCode({ userId, code: first?.code.toLowerCase() ?? "", prisma });
    expect(redemption).toEqual({ codeId: first?.id, amountMicros: 5_000_000n, balanceMicros: 5_000_000n });

    const again = redeemCode({ userId, code: first?.code ?? "", prisma });
    await expect(again).rejects.toBeInstanceOf(RedeemCodeUnavailableError);
    await expect(again).rejects.toMatchObject({ status: 400, code: "redeem_code_already_redeemed", message: "You have already redeemed this code." });

    const entries = await prisma.creditLedgerEntry.findMany({ where: { userId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: "redeem", amountMicros: 5_000_000n, externalId: `redeem:${first?.id}:${userId}` });
    expect((await prisma.redeemCode.findUnique({ where: { id: first?.id ?? "" } }))?.redeemedCount).toBe(1);

    // Once the code is used up, its last redeemer is still told they have it already.
    const { codes } = await createRedeemCodes({ count: 1, amountMicros: 1_000_000n, maxRedemptions: 1, prisma });
    await redeemCode({ userId, code: codes[0]?.code ?? "", prisma });
    await expect(redeemCode({ userId, code: codes[0]?.code ?? "", prisma })).rejects.toMatchObject({ code: "redeem_code_already_redeemed" });
  });

  it("refuses the same user redeeming one code twice at once", async () => {
    const { prisma } = context;
    const { codes } = await createRedeemCodes({ count: 1, amountMicros: 1_000_000n, maxRedemptions: 10, prisma });
    const userId = await context.createUser("ada@example.com");
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => redeemCode({ userId, code: codes[0]?.code ?? "", prisma })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((await getCreditSummary({ prisma, userId })).balanceMicros).toBe(1_000_000n);
    expect((await prisma.redeemCode.findFirst())?.redeemedCount).toBe(1);
  });

  it("never lets more users redeem a code than maxRedemptions allows, even 20 at once", async () => {
    const { prisma } = context;
    const { codes } = await createRedeemCodes({ count: 1, amountMicros: 2_000_000n, maxRedemptions: 7, prisma });
    const code = codes[0]?.code ?? "";
    const userIds = await Promise.all(Array.from({ length: 20 }, (_, index) => context.createUser(`racer${index}@example.com`)));

    const results = await Promise.allSettled(userIds.map((userId) => redeemCode({ userId, code, prisma })));
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    expect(fulfilled).toHaveLength(7);
    expect(rejected).toHaveLength(13);
    for (const reason of rejected) expect(reason).toMatchObject({ status: 400, code: "redeem_code_used_up" });

    expect((await prisma.redeemCode.findFirst())?.redeemedCount).toBe(7);
    expect(await prisma.creditLedgerEntry.count({ where: { kind: "redeem" } })).toBe(7);
    const balances = await prisma.creditAccount.aggregate({ _sum: { balanceMicros: true } });
    expect(balances._sum.balanceMicros).toBe(14_000_000n);
  });

  it("refuses an expired, a disabled and an unknown code with a clear message", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const { codes } = await createRedeemCodes({ count: 2, amountMicros: 1_000_000n, maxRedemptions: 5, expiresAt: new Date(Date.now() + 60_000), prisma });
    const [expiring, disabling] = codes;
    // Expire it as time would, without waiting.
    await prisma.redeemCode.update({ where: { id: expiring?.id ?? "" }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await expect(redeemCode({ userId, code: expiring?.code ?? "", prisma })).rejects.toMatchObject({
      status: 400,
      code: "redeem_code_expired",
      message: expect.stringMatching(/^This redeem code expired on \d{4}-/),
    });

    const disabled = await disableRedeemCode({ id: disabling?.id ?? "", prisma });
    expect(disabled.disabled).toBe(true);
    await expect(redeemCode({ userId, code: disabling?.code ?? "", prisma })).rejects.toMatchObject({
      status: 400,
      code: "redeem_code_disabled",
      message: "This redeem code has been disabled.",
    });

    await expect(redeemCode({ userId, code: "SY-00000-00000-00000-00000", prisma })).rejects.toMatchObject({
      status: 404,
      code: "redeem_code_not_found",
    });
    await expect(disableRedeemCode({ id: "missing", prisma })).rejects.toMatchObject({ status: 404 });
    expect(await prisma.creditLedgerEntry.count()).toBe(0);
  });

  it("refuses codes that could never be redeemed", async () => {
    const { prisma } = context;
    await expect(createRedeemCodes({ count: 0, amountMicros: 1n, maxRedemptions: 1, prisma })).rejects.toMatchObject({ param: "count" });
    await expect(createRedeemCodes({ count: 1, amountMicros: 0n, maxRedemptions: 1, prisma })).rejects.toMatchObject({ param: "amount" });
    await expect(createRedeemCodes({ count: 1, amountMicros: 1n, maxRedemptions: 0, prisma })).rejects.toMatchObject({ param: "maxRedemptions" });
    await expect(createRedeemCodes({ count: 1, amountMicros: 1n, maxRedemptions: 1, expiresAt: new Date(Date.now() - 1), prisma })).rejects.toMatchObject({
      param: "expiresAt",
    });
    expect(await prisma.redeemCode.count()).toBe(0);
  });

  it("lists codes newest first, a page at a time, without their secrets", async () => {
    const { prisma } = context;
    const batches = [];
    for (let index = 0; index < 3; index += 1) {
      batches.push(await createRedeemCodes({ count: 1, amountMicros: BigInt(index + 1) * 1_000_000n, maxRedemptions: 1, prisma }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const firstPage = await listRedeemCodes({ limit: 2, prisma });
    expect(firstPage.codes.map((code) => code.amountMicros)).toEqual([3_000_000n, 2_000_000n]);
    expect(firstPage.nextCursor).toBe(firstPage.codes[1]?.id);
    const secondPage = await listRedeemCodes({ limit: 2, cursor: firstPage.nextCursor ?? "", prisma });
    expect(secondPage.codes.map((code) => code.amountMicros)).toEqual([1_000_000n]);
    expect(secondPage.nextCursor).toBeNull();

    const json = toJsonSafe(firstPage.codes[0]) as Record<string, unknown>;
    expect(json.amountMicros).toBe("3000000");
    expect(Object.keys(json)).not.toContain("codeHash");
    expect(batches[2]?.codes[0]?.code.startsWith(String(json.prefix))).toBe(true);
  });
});
