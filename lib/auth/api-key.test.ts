import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { createPrismaGatewayStore } from "../db/gateway-store";
import { applyMigrations } from "../db/migrate";
import { createScratchSqlite, type ScratchDatabase } from "../db/test-databases";
import { generateApiKey, hashApiKey, readBearerToken } from "./api-key";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("generateApiKey", () => {
  it("makes a long random secret, keeping only its SHA-256 and a short prefix to store", () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^sk-sy-v1-[0-9A-Za-z]{48}$/);
    expect(key.hash).toBe(sha256(key.secret));
    expect(key.prefix).toBe(key.secret.slice(0, 15));
    expect(generateApiKey().secret).not.toBe(key.secret);
  });
});

describe("readBearerToken", () => {
  it("reads the key from an Authorization header, or nothing", () => {
    expect(readBearerToken("Bearer sk-sy-v1-abc")).toBe("sk-sy-v1-abc");
    expect(readBearerToken("bearer   sk-sy-v1-abc ")).toBe("sk-sy-v1-abc");
    expect(readBearerToken("Basic abc")).toBeUndefined();
    expect(readBearerToken(null)).toBeUndefined();
  });
});

/**
 * A key is never compared with a stored secret character by character,
 * which could answer faster the more of a guess is right: what the client
 * sends is hashed and the hash looked up, so how long a lookup takes says
 * nothing about how close a guess was (a guess one character off has an
 * unrelated hash).
 */
describe("looking up a caller by API key", () => {
  let database: ScratchDatabase;
  let prisma: PrismaClient;

  beforeEach(async () => {
    database = await createScratchSqlite();
    await applyMigrations({ databaseUrl: database.url });
    prisma = createPrismaClient({ databaseUrl: database.url });
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it("asks the database for the hash of the key only, never the key itself", async () => {
    const key = generateApiKey();
    const userId = (await prisma.user.create({ data: { email: "caller@example.com" } })).id;
    await prisma.apiKey.create({ data: { userId, name: "default", keyHash: key.hash, prefix: key.prefix } });

    // Every question the store asks about API keys, as it asks it.
    const questions: Array<{ method: string; argument: unknown }> = [];
    const recording = new Proxy(prisma, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== "apiKey") return value;
        return new Proxy(value as object, {
          get(delegate, method, delegateReceiver) {
            const callable: unknown = Reflect.get(delegate, method, delegateReceiver);
            if (typeof callable !== "function") return callable;
            return (argument: unknown) => {
              questions.push({ method: String(method), argument });
              return (callable as (argument: unknown) => unknown).call(delegate, argument);
            };
          },
        });
      },
    });
    // One character off: a different hash, so no row, and nothing learnt about the real key.
    const nearMiss = `${key.secret.slice(0, -1)}${key.secret.endsWith("a") ? "b" : "a"}`;
    const store = createPrismaGatewayStore(recording, { flushIntervalMs: 0 });
    try {
      expect(await store.findCallerByApiKey(key.secret)).toMatchObject({ userId });
      expect(await store.findCallerByApiKey(nearMiss)).toBeNull();
    } finally {
      await store.close();
    }

    const lookups = questions.filter((question) => question.method === "findUnique");
    expect(lookups.map((lookup) => (lookup.argument as { where: unknown }).where)).toEqual([{ keyHash: key.hash }, { keyHash: hashApiKey(nearMiss) }]);
    expect(JSON.stringify(questions)).not.toContain(key.secret);
    expect(JSON.stringify(questions)).not.toContain(nearMiss);
  });
});
