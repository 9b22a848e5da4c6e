import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateEncryptionKeyFile } from "./encryption-key";
import { parseEncryptionKey } from "./secret-box";

describe("the stored encryption key", () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), "switchyard-key-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("is created once, readable by its owner only, and read back on the next start", () => {
    const filePath = path.join(directory, "data", "encryption-key");
    const created = loadOrCreateEncryptionKeyFile(filePath);
    expect(parseEncryptionKey(created)).toHaveLength(32);
    expect(statSync(filePath).mode & 0o777).toBe(0o600);
    expect(readFileSync(filePath, "utf8").trim()).toBe(created);
    expect(loadOrCreateEncryptionKeyFile(filePath)).toBe(created);
  });

  it("keeps a key an operator put in the file", () => {
    const filePath = path.join(directory, "encryption-key");
    const text = "a".repeat(64);
    writeFileSync(filePath, `${text}\n`);
    expect(loadOrCreateEncryptionKeyFile(filePath)).toBe(text);
  });
});

describe("SWITCHYARD_ENCRYPTION_KEY in the environment", () => {
  it("accepts 32 bytes as hex or base64 and refuses anything else without repeating it", async () => {
    const { parseEnv } = await import("../env");
    expect(parseEnv({ SWITCHYARD_ENCRYPTION_KEY: "b".repeat(64) }).SWITCHYARD_ENCRYPTION_KEY).toBe("b".repeat(64));
    expect(parseEnv({ SWITCHYARD_ENCRYPTION_KEY: "" }).SWITCHYARD_ENCRYPTION_KEY).toBeUndefined();
    expect(() => parseEnv({ SWITCHYARD_ENCRYPTION_KEY: "hunter2-hunter2" })).toThrow(/SWITCHYARD_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => parseEnv({ SWITCHYARD_ENCRYPTION_KEY: "hunter2-hunter2" })).not.toThrow(/hunter2/);
    expect(parseEnv({}).ALLOW_PRIVATE_PROVIDER_URLS).toBe(false);
    expect(parseEnv({ ALLOW_PRIVATE_PROVIDER_URLS: "1" }).ALLOW_PRIVATE_PROVIDER_URLS).toBe(true);
    expect(parseEnv({ ALLOW_PRIVATE_PROVIDER_URLS: "false" }).ALLOW_PRIVATE_PROVIDER_URLS).toBe(false);
  });
});
