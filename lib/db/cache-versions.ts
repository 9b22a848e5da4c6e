import "server-only";
import { randomUUID } from "node:crypto";
import { getPrisma, type PrismaClient } from "./client";
import type { TransactionClient } from "./credit-ledger";

/**
 * What instances cache from the database, by what invalidates it:
 * - `api-keys`: key lookups (a key disabled, deleted, or given a limit);
 * - `providers`: the catalog built from the admin's provider settings;
 * - `provider-keys`: callers' own provider keys;
 * - `free-limits`: the free-model limits an admin set;
 * - `user-settings`: accounts' prompt-logging choice.
 */
export type CacheScope = "api-keys" | "providers" | "provider-keys" | "free-limits" | "user-settings";

const PREFIX = "cache-version:";

/**
 * Tells every instance that what it cached for `scope` is stale: a new
 * version token in the Setting table, which each instance polls (see
 * watchCacheVersions). Call it in the same transaction as the change, or
 * right after it.
 */
export async function bumpCacheVersion(scope: CacheScope, prisma: PrismaClient | TransactionClient = getPrisma()): Promise<void> {
  const key = `${PREFIX}${scope}`;
  const value = randomUUID();
  await prisma.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * Polls the version tokens every `intervalMs` (one small query) and calls
 * `onChange[scope]` when a scope's token changed since the last poll, so a
 * change made on any instance reaches the caches of all within about that
 * long. The first poll only learns the tokens. A failed poll is logged and
 * retried; the caches' own expiry is the safety net meanwhile.
 */
export function watchCacheVersions(options: {
  onChange: Partial<Record<CacheScope, () => void>>;
  intervalMs?: number;
  prisma?: PrismaClient;
}): { stop(): void; pollNow(): Promise<void> } {
  const prisma = options.prisma ?? getPrisma();
  let known: Map<string, string> | null = null;
  let polling: Promise<void> | null = null;

  async function poll(): Promise<void> {
    const rows = await prisma.setting.findMany({ where: { key: { startsWith: PREFIX } }, select: { key: true, value: true } });
    const current = new Map(rows.map((row) => [row.key.slice(PREFIX.length), row.value]));
    if (known) {
      for (const [scope, value] of current) {
        if (known.get(scope) !== value) options.onChange[scope as CacheScope]?.();
      }
    }
    known = current;
  }

  const pollNow = () => {
    polling ??= poll()
      .catch((error: unknown) => console.warn("[cache] could not read cache versions; keeping caches until they expire:", error))
      .finally(() => {
        polling = null;
      });
    return polling;
  };
  void pollNow();
  const timer = setInterval(() => void pollNow(), options.intervalMs ?? 1_000);
  timer.unref();
  return { stop: () => clearInterval(timer), pollNow };
}
