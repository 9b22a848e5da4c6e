#!/usr/bin/env node
// Assembles a self-contained server from a finished `next build` (with
// `output: "standalone"`) into the folder given: the traced server and its
// node_modules, the static assets, the migrations, scripts/start.mjs and its
// start-up code bundled into one file. The Dockerfile copies the result into
// its image; `node scripts/start.mjs` in that folder serves exactly as
// `npm start` does, without sources, tsx or the rest of node_modules.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.resolve(process.argv[2] ?? "");
if (!process.argv[2]) throw new Error("usage: node scripts/assemble-standalone.mjs <output folder>");
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(path.join(standalone, "server.js"))) throw new Error("no .next/standalone: run `next build` first");

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(standalone, target, { recursive: true });
// Next's own entry point; ours (scripts/start.mjs) replaces it.
rmSync(path.join(target, "server.js"), { force: true });
// Never ship this machine's secrets or database: the tracer follows the path
// of ./data/auth-secret from the proxy and copies the folder.
rmSync(path.join(target, "data"), { recursive: true, force: true });
cpSync(path.join(root, ".next", "static"), path.join(target, ".next", "static"), { recursive: true });
cpSync(path.join(root, "public"), path.join(target, "public"), { recursive: true });
cpSync(path.join(root, "prisma", "migrations"), path.join(target, "prisma", "migrations"), { recursive: true });
cpSync(path.join(root, "scripts", "start.mjs"), path.join(target, "scripts", "start.mjs"));
cpSync(path.join(root, "scripts", "lib", "ensure-build.mjs"), path.join(target, "scripts", "lib", "ensure-build.mjs"));

await build({
  entryPoints: [path.join(root, "scripts", "lib", "start-support.ts")],
  outfile: path.join(target, "scripts", "dist", "start-support.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Native and driver packages are in the traced node_modules.
  external: ["better-sqlite3", "pg"],
  logLevel: "warning",
});
console.log(`[switchyard] standalone server assembled in ${target}`);
