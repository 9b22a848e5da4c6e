import "server-only";
import { InvalidRequestError, NotFoundError } from "../gateway/errors";
import { getPrisma, type PrismaClient } from "./client";
import { bumpCacheVersion } from "./cache-versions";

/** How long a logged prompt may be kept, in days. */
export const PROMPT_RETENTION_DAYS = { min: 1, max: 365 } as const;

export interface UserSettings {
  /** Off by default: prompts and replies are kept only for accounts that opt in. */
  promptLogging: boolean;
  promptRetentionDays: number;
}

const SETTINGS_FIELDS = { promptLogging: true, promptRetentionDays: true } as const;

export async function getUserSettings(input: { userId: string; prisma?: PrismaClient }): Promise<UserSettings> {
  const prisma = input.prisma ?? getPrisma();
  const settings = await prisma.user.findUnique({ where: { id: input.userId }, select: SETTINGS_FIELDS });
  if (!settings) throw new NotFoundError("No such account.", { code: "user_not_found" });
  return settings;
}

/**
 * Changes the given settings only. Turning prompt logging off also deletes
 * the prompts already kept, in the same transaction: someone who opts out
 * expects them gone now, not when their retention runs out. A new
 * retention applies to what is logged from then on.
 */
export async function updateUserSettings(input: { userId: string; changes: Partial<UserSettings>; prisma?: PrismaClient }): Promise<UserSettings> {
  const prisma = input.prisma ?? getPrisma();
  const { promptLogging, promptRetentionDays } = input.changes;
  if (
    promptRetentionDays !== undefined &&
    (!Number.isInteger(promptRetentionDays) || promptRetentionDays < PROMPT_RETENTION_DAYS.min || promptRetentionDays > PROMPT_RETENTION_DAYS.max)
  ) {
    throw new InvalidRequestError(`Keep prompts for ${PROMPT_RETENTION_DAYS.min} to ${PROMPT_RETENTION_DAYS.max} days.`, { param: "promptRetentionDays" });
  }
  const settings = await prisma.$transaction(async (transaction) => {
    const found = await transaction.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!found) throw new NotFoundError("No such account.", { code: "user_not_found" });
    if (promptLogging === false) await transaction.generationContent.deleteMany({ where: { userId: input.userId } });
    return transaction.user.update({
      where: { id: input.userId },
      data: {
        ...(promptLogging !== undefined ? { promptLogging } : {}),
        ...(promptRetentionDays !== undefined ? { promptRetentionDays } : {}),
      },
      select: SETTINGS_FIELDS,
    });
  });
  await bumpCacheVersion("user-settings", prisma);
  return settings;
}
