import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { describeOnDatabases } from "../billing/describe-on-databases";
import { parseEnv } from "../env";
import {
  deleteProviderSetting,
  FREE_LIMITS_SETTING_KEY,
  listProviderConfigurations,
  loadFreeLimitSettings,
  loadProviderSettings,
  resetFreeLimitSettings,
  saveFreeLimitSettings,
  saveProviderSetting,
} from "./admin-settings-queries";

const encryptionKey = randomBytes(32);
const environment = parseEnv({ GROQ_API_KEY: "gsk_from_environment", GROQ_BASE_URL: "https://groq.example.com/v1", FREE_REQUESTS_PER_DAY: "50" });

describeOnDatabases("admin provider settings", (context) => {
  it("stores an override with the key encrypted, shows only its mask and gives the gateway the key", async () => {
    const { prisma } = context;
    await saveProviderSetting({ providerId: "openai", apiKey: "sk-admin-0123456789-ABCD", baseUrl: "https://proxy.example.com/v1/", encryptionKey, prisma });

    const row = await prisma.providerSetting.findUniqueOrThrow({ where: { providerId: "openai" } });
    expect(row.encryptedApiKey).toMatch(/^v1:/);
    expect(row.encryptedApiKey).not.toContain("0123456789");

    const listed = await listProviderConfigurations({ environment, encryptionKey, prisma });
    expect(JSON.stringify(listed)).not.toContain("sk-admin-0123456789-ABCD");
    expect(JSON.stringify(listed)).not.toContain("gsk_from_environment");
    expect(listed.find((provider) => provider.id === "openai")).toMatchObject({
      environment: { hasApiKey: false, baseUrl: null },
      override: { keyPrefix: "sk-...ABCD", keyUnreadable: false, baseUrl: "https://proxy.example.com/v1", enabled: true },
    });
    expect(listed.find((provider) => provider.id === "groq")).toMatchObject({ environment: { hasApiKey: true, baseUrl: "https://groq.example.com/v1" }, override: null });
    expect(listed.map((provider) => provider.id)).toEqual(expect.arrayContaining(["anthropic", "google-ai-studio", "openrouter"]));

    expect(await loadProviderSettings({ encryptionKey, prisma })).toEqual(
      new Map([["openai", { providerId: "openai", apiKey: "sk-admin-0123456789-ABCD", baseUrl: "https://proxy.example.com/v1", enabled: true }]]),
    );
  });

  it("changes only the given fields, clears a key or URL with null, and drops the override", async () => {
    const { prisma } = context;
    await saveProviderSetting({ providerId: "groq", apiKey: "gsk_admin_key_1234", baseUrl: "https://groq.example.net/v1", encryptionKey, prisma });
    await saveProviderSetting({ providerId: "groq", enabled: false, encryptionKey, prisma });
    expect((await loadProviderSettings({ encryptionKey, prisma })).get("groq")).toMatchObject({ apiKey: "gsk_admin_key_1234", enabled: false });
    await saveProviderSetting({ providerId: "groq", apiKey: null, baseUrl: null, encryptionKey, prisma });
    expect((await loadProviderSettings({ encryptionKey, prisma })).get("groq")).toEqual({ providerId: "groq", apiKey: undefined, baseUrl: undefined, enabled: false });
    await deleteProviderSetting({ providerId: "groq", prisma });
    expect(await loadProviderSettings({ encryptionKey, prisma })).toEqual(new Map());
  });

  it("refuses private base URLs unless allowed, unknown providers and malformed keys", async () => {
    const { prisma } = context;
    for (const baseUrl of ["http://api.example.com/v1", "https://169.254.169.254", "https://localhost:11434"]) {
      await expect(saveProviderSetting({ providerId: "openai", baseUrl, allowPrivateUrls: false, encryptionKey, prisma })).rejects.toMatchObject({ status: 400, param: "baseUrl" });
    }
    await expect(saveProviderSetting({ providerId: "nope", enabled: false, prisma })).rejects.toMatchObject({ status: 400, param: "providerId" });
    await expect(saveProviderSetting({ providerId: "openai", apiKey: "short", encryptionKey, prisma })).rejects.toMatchObject({ status: 400, param: "apiKey" });
    expect(await prisma.providerSetting.count()).toBe(0);
    await saveProviderSetting({ providerId: "openai", baseUrl: "http://localhost:11434/v1", allowPrivateUrls: true, encryptionKey, prisma });
    expect((await loadProviderSettings({ encryptionKey, prisma })).get("openai")?.baseUrl).toBe("http://localhost:11434/v1");
  });

  it("reports a key that no longer decrypts instead of failing, and leaves it out for the gateway", async () => {
    const { prisma } = context;
    await saveProviderSetting({ providerId: "openai", apiKey: "sk-old-encryption-key", encryptionKey, prisma });
    const otherKey = randomBytes(32);
    expect((await loadProviderSettings({ encryptionKey: otherKey, prisma })).get("openai")?.apiKey).toBeUndefined();
    const listed = await listProviderConfigurations({ environment, encryptionKey: otherKey, prisma });
    expect(listed.find((provider) => provider.id === "openai")?.override).toMatchObject({ keyPrefix: null, keyUnreadable: true });
  });
});

describeOnDatabases("free-model limit settings", (context) => {
  it("uses the environment's limits until an admin sets some, and again after a reset", async () => {
    const { prisma } = context;
    const defaults = { perMinute: 20, perDay: 50, perDayPurchased: 1000 };
    expect(await loadFreeLimitSettings({ environment, prisma })).toEqual({ ...defaults, source: "environment", defaults });

    const saved = await saveFreeLimitSettings({ limits: { perMinute: 5, perDay: 100, perDayPurchased: 2000 }, environment, prisma });
    expect(saved).toEqual({ perMinute: 5, perDay: 100, perDayPurchased: 2000, source: "admin", defaults });
    expect(JSON.parse((await prisma.setting.findUniqueOrThrow({ where: { key: FREE_LIMITS_SETTING_KEY } })).value)).toEqual({ perMinute: 5, perDay: 100, perDayPurchased: 2000 });
    expect(await loadFreeLimitSettings({ environment, prisma })).toMatchObject({ perMinute: 5, source: "admin" });

    expect(await resetFreeLimitSettings({ environment, prisma })).toMatchObject({ ...defaults, source: "environment" });
  });

  it("refuses limits below 1 or fractional, and falls back to the environment on a stored value it cannot read", async () => {
    const { prisma } = context;
    for (const limits of [{ perMinute: 0, perDay: 1, perDayPurchased: 1 }, { perMinute: 1, perDay: 1.5, perDayPurchased: 1 }]) {
      await expect(saveFreeLimitSettings({ limits, environment, prisma })).rejects.toMatchObject({ status: 400 });
    }
    await prisma.setting.create({ data: { key: FREE_LIMITS_SETTING_KEY, value: "{not json" } });
    expect(await loadFreeLimitSettings({ environment, prisma })).toMatchObject({ perMinute: 20, perDay: 50, source: "environment" });
  });
});
