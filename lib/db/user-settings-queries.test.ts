import { expect, it } from "vitest";
import { describeOnDatabases } from "../billing/describe-on-databases";
import { getUserSettings, updateUserSettings } from "./user-settings-queries";

describeOnDatabases("user settings", (context) => {
  it("starts with prompt logging off and changes only what is given", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    expect(await getUserSettings({ userId, prisma })).toEqual({ promptLogging: false, promptRetentionDays: 30 });
    expect(await updateUserSettings({ userId, changes: { promptLogging: true }, prisma })).toEqual({ promptLogging: true, promptRetentionDays: 30 });
    expect(await updateUserSettings({ userId, changes: { promptRetentionDays: 7 }, prisma })).toEqual({ promptLogging: true, promptRetentionDays: 7 });
    expect(await getUserSettings({ userId, prisma })).toEqual({ promptLogging: true, promptRetentionDays: 7 });
  });

  it("refuses a retention outside 1 to 365 days and an unknown user", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    for (const days of [0, 366, 1.5]) {
      await expect(updateUserSettings({ userId, changes: { promptRetentionDays: days }, prisma })).rejects.toMatchObject({ status: 400, param: "promptRetentionDays" });
    }
    await expect(updateUserSettings({ userId: "missing", changes: { promptLogging: true }, prisma })).rejects.toMatchObject({ status: 404 });
    await expect(getUserSettings({ userId: "missing", prisma })).rejects.toMatchObject({ status: 404 });
    expect(await getUserSettings({ userId, prisma })).toEqual({ promptLogging: false, promptRetentionDays: 30 });
  });

  it("deletes the user's kept prompts, and no one else's, when logging is turned off", async () => {
    const { prisma } = context;
    const ada = await context.createUser("ada@example.com");
    const grace = await context.createUser("grace@example.com");
    for (const [userId, id] of [[ada, "gen-ada"], [grace, "gen-grace"]] as const) {
      await prisma.generation.create({
        data: { id, userId, requestedModel: "m", model: "m", providerId: "p", providerName: "P", providerModel: "m", status: "success" },
      });
      await prisma.generationContent.create({ data: { generationId: id, userId, prompt: "hi", completion: "hello", expiresAt: new Date(Date.now() + 86_400_000) } });
    }
    await updateUserSettings({ userId: ada, changes: { promptLogging: true }, prisma });
    await updateUserSettings({ userId: ada, changes: { promptLogging: false }, prisma });
    expect(await prisma.generationContent.findMany({ select: { generationId: true } })).toEqual([{ generationId: "gen-grace" }]);
  });
});
