import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateAuthSecret } from "./auth-secret";

describe("the generated auth secret", () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), "switchyard-secret-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("is created once, owner-only, and read back on later starts", () => {
    const filePath = path.join(directory, "data", "auth-secret");
    const secret = loadOrCreateAuthSecret(filePath);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(filePath).mode & 0o777).toBe(0o600);
    expect(loadOrCreateAuthSecret(filePath)).toBe(secret);
  });

  it("keeps a secret an operator wrote themselves", () => {
    const filePath = path.join(directory, "auth-secret");
    writeFileSync(filePath, "my own secret\n");
    expect(loadOrCreateAuthSecret(filePath)).toBe("my own secret");
  });
});
