import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { describeOnDatabases } from "../billing/describe-on-databases";
import { deleteUserProviderKey, listUserProviderKeys, loadUserProviderKeys, saveUserProviderKey } from "./provider-key-queries";

const encryptionKey = randomBytes(32);

describeOnDatabases("bring-your-own provider keys", (context) => {
  it("stores a key encrypted, lists only its mask and hands the gateway the key", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    const secret = "sk-proj-0123456789abcdefWXYZ";
    const saved = await saveUserProviderKey({ userId, providerId: "openai", apiKey: ` ${secret} `, encryptionKey, prisma });
    expect(saved).toMatchObject({ providerId: "openai", prefix: "sk-...WXYZ" });

    const row = await prisma.userProviderKey.findFirstOrThrow({ where: { userId } });
    expect(row.encryptedApiKey).toMatch(/^v1:/);
    expect(row.encryptedApiKey).not.toContain("0123456789");
    expect(JSON.stringify(await listUserProviderKeys({ userId, prisma }))).not.toContain(secret);
    expect(await loadUserProviderKeys({ userId, encryptionKey, prisma })).toEqual(new Map([["openai", secret]]));
  });

  it("replaces a provider's key, keeps each user's keys apart, and removes one", async () => {
    const { prisma } = context;
    const ada = await context.createUser("ada@example.com");
    const grace = await context.createUser("grace@example.com");
    await saveUserProviderKey({ userId: ada, providerId: "groq", apiKey: "gsk_first_key_1111", encryptionKey, prisma });
    await saveUserProviderKey({ userId: ada, providerId: "groq", apiKey: "gsk_second_key_2222", encryptionKey, prisma });
    await saveUserProviderKey({ userId: ada, providerId: "anthropic", apiKey: "sk-ant-api03-key-3333", encryptionKey, prisma });
    await saveUserProviderKey({ userId: grace, providerId: "groq", apiKey: "gsk_grace_key_4444", encryptionKey, prisma });

    expect((await listUserProviderKeys({ userId: ada, prisma })).map((key) => [key.providerId, key.prefix])).toEqual([
      ["anthropic", "sk-...3333"],
      ["groq", "gsk...2222"],
    ]);
    expect((await loadUserProviderKeys({ userId: ada, encryptionKey, prisma })).get("groq")).toBe("gsk_second_key_2222");

    await deleteUserProviderKey({ userId: ada, providerId: "groq", prisma });
    expect((await listUserProviderKeys({ userId: ada, prisma })).map((key) => key.providerId)).toEqual(["anthropic"]);
    expect((await listUserProviderKeys({ userId: grace, prisma })).map((key) => key.providerId)).toEqual(["groq"]);
    await expect(deleteUserProviderKey({ userId: ada, providerId: "groq", prisma })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses an unknown provider and a malformed key without repeating it", async () => {
    const { prisma } = context;
    const userId = await context.createUser("ada@example.com");
    await expect(saveUserProviderKey({ userId, providerId: "nope", apiKey: "sk-valid-looking-key", encryptionKey, prisma })).rejects.toMatchObject({ status: 400, param: "providerId" });
    const malformed = saveUserProviderKey({ userId, providerId: "openai", apiKey: "sk has spaces in it", encryptionKey, prisma });
    await expect(malformed).rejects.toMatchObject({ status: 400, param: "apiKey" });
    await expect(malformed).rejects.not.toThrow(/has spaces/);
    expect(await prisma.userProviderKey.count()).toBe(0);
  });

  it("skips a key another encryption key sealed, or one copied to another user, instead of failing", async () => {
    const { prisma } = context;
    const ada = await context.createUser("ada@example.com");
    const mallory = await context.createUser("mallory@example.com");
    await saveUserProviderKey({ userId: ada, providerId: "openai", apiKey: "sk-ada-secret-key", encryptionKey, prisma });
    expect(await loadUserProviderKeys({ userId: ada, encryptionKey: randomBytes(32), prisma })).toEqual(new Map());

    const row = await prisma.userProviderKey.findFirstOrThrow({ where: { userId: ada } });
    await prisma.userProviderKey.create({ data: { userId: mallory, providerId: "openai", encryptedApiKey: row.encryptedApiKey, prefix: row.prefix } });
    expect(await loadUserProviderKeys({ userId: mallory, encryptionKey, prisma })).toEqual(new Map());
  });
});
