import { expect, it } from "vitest";
import { describeOnDatabases } from "../billing/describe-on-databases";
import { grantCredits } from "../billing/grant-credits";
import { listUsersForAdmin } from "./admin-user-queries";

describeOnDatabases("the admin's user list", (context) => {
  it("lists users newest first with balance, purchases, admin flag and requests in the last 30 days", async () => {
    const { prisma } = context;
    const now = new Date();
    const ada = await prisma.user.create({ data: { email: "ada@example.com", isAdmin: true, createdAt: new Date(now.getTime() - 2000) } });
    const grace = await prisma.user.create({ data: { email: "grace@example.com", createdAt: new Date(now.getTime() - 1000) } });
    await grantCredits({ recipient: { userId: grace.id }, amountMicros: 5_000_000n, note: "welcome", prisma });
    const days = (count: number) => new Date(now.getTime() - count * 86_400_000);
    for (const [id, createdAt] of [["g1", days(1)], ["g2", days(29)], ["g3", days(31)]] as const) {
      await prisma.generation.create({
        data: { id, userId: grace.id, requestedModel: "m", model: "m", providerId: "p", providerName: "P", providerModel: "m", status: "success", createdAt },
      });
    }

    const { users, nextCursor } = await listUsersForAdmin({ limit: 10, now, prisma });
    expect(nextCursor).toBeNull();
    expect(users.map((user) => [user.email, user.isAdmin, user.balanceMicros, user.purchasedMicros, user.requestsLast30Days])).toEqual([
      ["grace@example.com", false, 5_000_000n, 0n, 2],
      ["ada@example.com", true, 0n, 0n, 0],
    ]);
    expect(users[1]?.id).toBe(ada.id);
  });

  it("pages with a cursor and finds users by part of their email", async () => {
    const { prisma } = context;
    const start = Date.now();
    for (let index = 0; index < 5; index += 1) {
      await prisma.user.create({ data: { email: `user${index}@example.com`, createdAt: new Date(start + index * 1000) } });
    }
    const first = await listUsersForAdmin({ limit: 2, prisma });
    expect(first.users.map((user) => user.email)).toEqual(["user4@example.com", "user3@example.com"]);
    const second = await listUsersForAdmin({ limit: 2, cursor: first.nextCursor ?? undefined, prisma });
    expect(second.users.map((user) => user.email)).toEqual(["user2@example.com", "user1@example.com"]);
    const last = await listUsersForAdmin({ limit: 2, cursor: second.nextCursor ?? undefined, prisma });
    expect(last).toMatchObject({ nextCursor: null });
    expect(last.users.map((user) => user.email)).toEqual(["user0@example.com"]);

    expect((await listUsersForAdmin({ limit: 10, search: " USER3@", prisma })).users.map((user) => user.email)).toEqual(["user3@example.com"]);
  });
});
