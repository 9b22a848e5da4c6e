import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "./client";
import { GenerationNotFoundError, getGenerationDetail, listGenerationFilterOptions, listGenerations, parseAttempts } from "./generation-log-queries";
import { applyMigrations } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "./test-databases";

const testPostgresUrl = process.env.TEST_POSTGRES_URL;
const at = (iso: string) => new Date(iso);

function describeOn(name: string, options: { enabled: boolean; createDatabase: () => Promise<ScratchDatabase> }) {
  describe.runIf(options.enabled)(`generation log queries on ${name}`, () => {
    let database: ScratchDatabase;
    let prisma: PrismaClient;
    let alice: string;
    let mallory: string;
    let keyId: string;

    beforeEach(async () => {
      database = await options.createDatabase();
      await applyMigrations({ databaseUrl: database.url });
      prisma = createPrismaClient({ databaseUrl: database.url });
      alice = (await prisma.user.create({ data: { email: "alice@example.com" } })).id;
      mallory = (await prisma.user.create({ data: { email: "mallory@example.com" } })).id;
      keyId = (await prisma.apiKey.create({ data: { userId: alice, name: "Production", keyHash: "hash-1", prefix: "sk-sy-1" } })).id;
    });

    afterEach(async () => {
      await prisma.$disconnect();
      await database.drop();
    });

    async function record(input: { id: string; userId?: string; model?: string; providerId?: string; apiKeyId?: string | null; status?: string; createdAt: Date; attempts?: string }) {
      await prisma.generation.create({
        data: {
          id: input.id,
          userId: input.userId ?? alice,
          apiKeyId: input.apiKeyId ?? null,
          requestedModel: input.model ?? "acme/small",
          model: input.model ?? "acme/small",
          providerId: input.providerId ?? "acme",
          providerName: input.providerId === "beta" ? "Beta" : "Acme",
          providerModel: "acme-small-1",
          promptTokens: 12,
          completionTokens: 34,
          costMicros: 1_234n,
          status: input.status ?? "success",
          errorMessage: input.status === "error" ? "Upstream exploded" : null,
          latencyMs: 900,
          timeToFirstTokenMs: 120,
          attempts: input.attempts ?? "[]",
          createdAt: input.createdAt,
        },
      });
    }

    it("lists the user's generations newest first, in pages that neither skip nor repeat", async () => {
      // Two in the same millisecond: the id orders them.
      for (const [id, time] of [["g1", "2026-03-18T10:00:00Z"], ["g2", "2026-03-18T11:00:00Z"], ["g3", "2026-03-18T11:00:00Z"], ["g4", "2026-03-18T12:00:00Z"], ["g5", "2026-03-18T13:00:00Z"]] as const) {
        await record({ id, createdAt: at(time) });
      }
      await record({ id: "m1", userId: mallory, createdAt: at("2026-03-18T12:30:00Z") });

      const first = await listGenerations({ userId: alice, limit: 2, prisma });
      expect(first.items.map((item) => item.id)).toEqual(["g5", "g4"]);
      const second = await listGenerations({ userId: alice, limit: 2, cursor: first.nextCursor ?? "", prisma });
      expect(second.items.map((item) => item.id)).toEqual(["g3", "g2"]);
      const third = await listGenerations({ userId: alice, limit: 2, cursor: second.nextCursor ?? "", prisma });
      expect(third.items.map((item) => item.id)).toEqual(["g1"]);
      expect(third.nextCursor).toBeNull();

      // Another user's id as a cursor reveals nothing about where it sits.
      const foreign = await listGenerations({ userId: alice, limit: 10, cursor: "m1", prisma });
      expect(foreign.items.map((item) => item.id)).toEqual(["g5", "g4", "g3", "g2", "g1"]);
    });

    it("filters by model, provider, key, status and date range", async () => {
      await record({ id: "a", model: "acme/large", createdAt: at("2026-03-18T10:00:00Z") });
      await record({ id: "b", providerId: "beta", createdAt: at("2026-03-18T11:00:00Z") });
      await record({ id: "c", apiKeyId: keyId, createdAt: at("2026-03-18T12:00:00Z") });
      await record({ id: "d", status: "error", createdAt: at("2026-03-19T12:00:00Z") });

      const ids = async (filters: Parameters<typeof listGenerations>[0]["filters"]) => (await listGenerations({ userId: alice, filters, prisma })).items.map((item) => item.id);
      expect(await ids({ model: "acme/large" })).toEqual(["a"]);
      expect(await ids({ providerId: "beta" })).toEqual(["b"]);
      expect(await ids({ apiKeyId: keyId })).toEqual(["c"]);
      expect(await ids({ status: "error" })).toEqual(["d"]);
      expect(await ids({ from: at("2026-03-18T11:00:00Z"), to: at("2026-03-18T12:00:00Z") })).toEqual(["b"]);
      expect(await ids({ model: "acme/small", from: at("2026-03-18T11:00:00Z") })).toEqual(["d", "c", "b"]);

      const page = await listGenerations({ userId: alice, filters: { apiKeyId: keyId }, prisma });
      expect(page.items[0]).toMatchObject({ apiKeyName: "Production", costMicros: 1_234n, promptTokens: 12, completionTokens: 34 });

      expect(await listGenerationFilterOptions({ userId: alice, prisma })).toEqual({
        models: ["acme/large", "acme/small"],
        providers: [{ id: "acme", name: "Acme" }, { id: "beta", name: "Beta" }],
        apiKeys: [{ id: keyId, name: "Production" }],
      });
      expect((await listGenerationFilterOptions({ userId: mallory, prisma })).models).toEqual([]);
    });

    it("shows one generation with its attempts, key name and unexpired content; another user's is not found", async () => {
      await record({
        id: "g1",
        apiKeyId: keyId,
        createdAt: at("2026-03-18T10:00:00Z"),
        attempts: JSON.stringify([{ providerId: "beta", model: "beta/small", status: 503, latencyMs: 40, error: "Overloaded" }, "garbage"]),
      });
      await prisma.generationContent.create({ data: { generationId: "g1", userId: alice, prompt: "Hello?", completion: "Hi!", expiresAt: at("2026-04-18T10:00:00Z") } });

      const detail = await getGenerationDetail({ userId: alice, id: "g1", now: at("2026-03-19T00:00:00Z"), prisma });
      expect(detail).toMatchObject({ id: "g1", apiKeyName: "Production", providerModel: "acme-small-1", timeToFirstTokenMs: 120, costMicros: 1_234n });
      expect(detail.attempts).toEqual([{ providerId: "beta", model: "beta/small", status: 503, latencyMs: 40, error: "Overloaded" }]);
      expect(detail.content).toEqual({ prompt: "Hello?", completion: "Hi!", expiresAt: at("2026-04-18T10:00:00Z") });

      const expired = await getGenerationDetail({ userId: alice, id: "g1", now: at("2026-05-01T00:00:00Z"), prisma });
      expect(expired.content).toBeNull();

      await expect(getGenerationDetail({ userId: mallory, id: "g1", prisma })).rejects.toThrow(GenerationNotFoundError);
      await expect(getGenerationDetail({ userId: alice, id: "missing", prisma })).rejects.toThrow(GenerationNotFoundError);
    });
  });
}

describeOn("SQLite", { enabled: true, createDatabase: async () => createScratchSqlite() });
describeOn("PostgreSQL", { enabled: Boolean(testPostgresUrl), createDatabase: () => createScratchPostgres(testPostgresUrl ?? "") });

describe("parseAttempts", () => {
  it("survives stored JSON that is not a list", () => {
    expect(parseAttempts("not json")).toEqual([]);
    expect(parseAttempts("{}")).toEqual([]);
    expect(parseAttempts('[{"providerId":"x","model":"y","status":null,"latencyMs":5,"error":"boom"}]')).toEqual([{ providerId: "x", model: "y", status: null, latencyMs: 5, error: "boom" }]);
  });
});
