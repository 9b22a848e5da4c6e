import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseEncryptionKey, SecretDecryptionError } from "./secret-box";

const key = randomBytes(32);
const context = "provider-setting:openai";

describe("secret box", () => {
  it("round-trips a secret in the versioned format with a fresh nonce each time", () => {
    const first = encryptSecret({ plaintext: "sk-live-secret-ünïcode", key, context });
    const second = encryptSecret({ plaintext: "sk-live-secret-ünïcode", key, context });
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("sk-live");
    expect(decryptSecret({ ciphertext: first, key, context })).toBe("sk-live-secret-ünïcode");
    expect(decryptSecret({ ciphertext: second, key, context })).toBe("sk-live-secret-ünïcode");
  });

  it("refuses tampered text, another key, another context and unknown formats, without saying the secret", () => {
    const sealed = encryptSecret({ plaintext: "sk-secret", key, context });
    const [version, nonce, body] = sealed.split(":") as [string, string, string];
    const flipped = Buffer.from(body, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const attempts = [
      { ciphertext: `${version}:${nonce}:${flipped.toString("base64url")}`, key, context },
      { ciphertext: `${version}:${Buffer.from(nonce, "base64url").reverse().toString("base64url")}:${body}`, key, context },
      { ciphertext: `${version}:${nonce}:${body.slice(0, 10)}`, key, context },
      { ciphertext: sealed, key: randomBytes(32), context },
      { ciphertext: sealed, key, context: "provider-setting:groq" },
      { ciphertext: `v2:${nonce}:${body}`, key, context },
      { ciphertext: "not encrypted", key, context },
    ];
    for (const attempt of attempts) {
      expect(() => decryptSecret(attempt)).toThrow(SecretDecryptionError);
      try {
        decryptSecret(attempt);
      } catch (error) {
        expect(String((error as Error).message)).not.toContain("sk-secret");
      }
    }
  });

  it("reads a 32-byte key as hex or base64 and refuses any other length", () => {
    const bytes = randomBytes(32);
    expect(parseEncryptionKey(bytes.toString("hex"))).toEqual(bytes);
    expect(parseEncryptionKey(bytes.toString("base64"))).toEqual(bytes);
    expect(parseEncryptionKey(` ${bytes.toString("base64url")}\n`)).toEqual(bytes);
    expect(() => parseEncryptionKey(randomBytes(16).toString("hex"))).toThrow(/32 bytes/);
    expect(() => parseEncryptionKey(randomBytes(31).toString("base64"))).toThrow(/32 bytes/);
    expect(() => parseEncryptionKey("correct horse battery staple")).toThrow(/32 bytes/);
    expect(() => encryptSecret({ plaintext: "x", key: randomBytes(16), context })).toThrow(/32 bytes/);
  });
});
