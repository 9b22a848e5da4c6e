import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/start-app";

/**
 * The server the Dockerfile ships: scripts/assemble-standalone.mjs run on
 * this build, then started from its own folder, away from the checkout's
 * sources, tsx and node_modules, as the image's CMD starts it.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
let folder: string;
let app: RunningApp;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "switchyard-standalone-"));
  const assembled = spawnSync(process.execPath, ["scripts/assemble-standalone.mjs", folder], { cwd: ROOT, encoding: "utf8" });
  if (assembled.status !== 0) throw new Error(`assembling failed: ${assembled.stderr}`);
  app = await startApp({ serverRoot: folder });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("the standalone server (the Docker image's contents)", () => {
  it("holds no sources, no tsx and none of this machine's secrets", () => {
    expect(readdirSync(folder).sort()).toEqual([".next", "data", "node_modules", "package.json", "prisma", "public", "scripts"]);
    // ./data is the one the running server just made for itself, not a copy of the checkout's.
    expect(existsSync(path.join(folder, "lib"))).toBe(false);
    expect(existsSync(path.join(folder, "node_modules", "tsx"))).toBe(false);
    expect(existsSync(path.join(folder, "node_modules", "typescript"))).toBe(false);
  });

  it("migrates its database, reports ready, serves pages, and answers the API with a key", async () => {
    expect(app.output()).toContain("applied migrations");
    expect((await fetch(`${app.origin}/api/ready`)).status).toBe(200);
    const home = await fetch(`${app.origin}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const key = app.createKey({ email: "standalone@example.com", credits: "1" });
    const response = await fetch(`${app.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "simulated/swift-mini", messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }>; usage: { cost: number } };
    expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
    expect(body.usage.cost).toBeGreaterThan(0);
  });
});
