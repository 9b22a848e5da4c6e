import { describe, expect, it } from "vitest";
import { hashPassword, parsePasswordHash, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores scrypt with its parameters, never the password", async () => {
    const storedHash = await hashPassword("correct horse battery staple");
    expect(storedHash).not.toContain("correct horse");
    expect(storedHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    const parameters = parsePasswordHash(storedHash);
    expect(parameters).toMatchObject({ cost: 32768, blockSize: 8, parallelization: 1 });
    expect(parameters?.salt).toHaveLength(16);
    expect(parameters?.key).toHaveLength(64);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const storedHash = await hashPassword("hunter2hunter2");
    expect(await verifyPassword({ password: "hunter2hunter2", storedHash })).toBe(true);
    expect(await verifyPassword({ password: "hunter2hunter3", storedHash })).toBe(false);
    expect(await verifyPassword({ password: "", storedHash })).toBe(false);
  });

  it("verifies with the parameters stored in the string, not the current defaults", async () => {
    // A hash made with a cheaper cost (as an older release might have stored).
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync("old password", salt, 32, { N: 1024, r: 4, p: 2 });
    const storedHash = `scrypt$1024$4$2$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(parsePasswordHash(storedHash)).toMatchObject({ cost: 1024, blockSize: 4, parallelization: 2 });
    expect(await verifyPassword({ password: "old password", storedHash })).toBe(true);
    expect(await verifyPassword({ password: "new password", storedHash })).toBe(false);
  });

  it("rejects tampered and malformed strings", async () => {
    const storedHash = await hashPassword("tamper proof");
    const parts = storedHash.split("$");
    const withCost = (cost: string) => [parts[0], cost, ...parts.slice(2)].join("$");
    // Not the last character: its low bits are base64url padding, so some flips decode to the same bytes.
    const character = storedHash.at(-10);
    const flipped = storedHash.slice(0, -10) + (character === "A" ? "B" : "A") + storedHash.slice(-9);
    const tampered = [
      flipped,
      withCost("16384"),
      withCost("1000"), // not a power of two
      withCost(String(2 ** 24)), // beyond the allowed bound
      storedHash.replace(/^scrypt/, "bcrypt"),
      parts.slice(0, 5).join("$"),
      `${storedHash}$extra`,
      "",
      "plaintext",
    ];
    for (const candidate of tampered) {
      expect(await verifyPassword({ password: "tamper proof", storedHash: candidate }), candidate).toBe(false);
    }
    expect(parsePasswordHash(withCost("1000"))).toBeNull();
    expect(parsePasswordHash("scrypt$32768$8$1$short$short")).toBeNull();
  });
});
