// Builds the Next.js app when there is no build or a source file is newer than it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "prisma/schema.prisma", "next.config.ts", "package.json", "tsconfig.json", "postcss.config.mjs"];
const SKIPPED = new Set(["node_modules", "generated", ".next"]);

function newestModification(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (SKIPPED.has(child) || child.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestModification(path.join(entry, child)));
  }
  return newest;
}

export function buildIsStale(root = process.cwd()) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestModification(path.join(root, source)) > builtAt);
}

export function ensureBuild(root = process.cwd()) {
  if (!buildIsStale(root)) return;
  console.log("[switchyard] building the app (first start or sources changed)...");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}
