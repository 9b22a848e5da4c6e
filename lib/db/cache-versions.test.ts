import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "./client";
import { bumpCacheVersion, watchCacheVersions, type CacheScope } from "./cache-versions";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase> }) {
  describe.runIf(options.enabled)(`cache versions on ${name}`, () => {
    let database: ScratchDatabase;
    let prisma: PrismaClient;
    let otherPrisma: PrismaClient;

    beforeEach(async () => {
      database = await options.createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      otherPrisma = createPrismaClient({ databaseUrl: database.url });
    });

    afterEach(async () => {
      await Promise.all([prisma.$disconnect(), otherPrisma.$disconnect()]);
      await database.drop();
    });

    it("tells another instance which caches another one made stale, once per change, and nothing before", async () => {
      const seen: CacheScope[] = [];
      const watcher = watchCacheVersions({
        prisma: otherPrisma,
        intervalMs: 60_000,
        onChange: { "api-keys": () => seen.push("api-keys"), providers: () => seen.push("providers") },
      });
      try {
        await watcher.pollNow();
        expect(seen).toEqual([]);
        await bumpCacheVersion("api-keys", prisma);
        await watcher.pollNow();
        expect(seen).toEqual(["api-keys"]);
        await watcher.pollNow();
        expect(seen).toEqual(["api-keys"]);
        await bumpCacheVersion("providers", prisma);
        await bumpCacheVersion("api-keys", prisma);
        await watcher.pollNow();
        expect(seen.sort()).toEqual(["api-keys", "api-keys", "providers"]);
        // A scope nobody listens for is ignored.
        await bumpCacheVersion("free-limits", prisma);
        await watcher.pollNow();
        expect(seen).toHaveLength(3);
      } finally {
        watcher.stop();
      }
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite() });
describeOn("PostgreSQL", { enabled: testPostgresUrl !== undefined, createDatabase: () => createScratchPostgres(testPostgresUrl ?? "") });
