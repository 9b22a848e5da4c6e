#!/usr/bin/env node
// Generates both Prisma clients from prisma/schema.prisma, offline: the SQLite
// one from the schema as written, the PostgreSQL one from the derived variant.
// Runs as npm's postinstall; lib/generated is not committed.
import { spawn } from "node:child_process";
import { chmod } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { enterRepositoryRoot } from "./lib/environment.mjs";
import { runMain } from "./lib/errors.mjs";
import { providers, repositoryRoot } from "./lib/paths.mjs";
import { writeSchemaFor } from "./lib/schema-variants.mjs";

const schemaEngineShim = path.join(repositoryRoot, "scripts", "prisma", "schema-engine.mjs");

/** @returns {string} the Prisma CLI's entry point */
function prismaCli() {
  try {
    return createRequire(import.meta.url).resolve("prisma/build/index.js");
  } catch {
    throw new Error("the prisma package is not installed; run `npm install` (it is a devDependency).");
  }
}

/**
 * @param {string} cli
 * @param {string} schemaFile
 * @returns {Promise<string>} the CLI's output
 */
function runGenerate(cli, schemaFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "generate", "--schema", schemaFile], {
      cwd: repositoryRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        // The CLI checks that a schema engine exists before any command and
        // would download one; generate never calls it, but it must exist.
        PRISMA_SCHEMA_ENGINE_BINARY: schemaEngineShim,
        // No update checks or telemetry: there is no network to wait for.
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma generate --schema ${path.relative(repositoryRoot, schemaFile)} exited with ${code}:\n${output}`));
    });
  });
}

runMain("generate", async () => {
  enterRepositoryRoot();
  const cli = prismaCli();
  // Git keeps the executable bit, but an archive or a copy may not, and the CLI executes the shim directly.
  await chmod(schemaEngineShim, 0o755);
  const started = performance.now();
  const schemaFiles = await Promise.all(providers.map((provider) => writeSchemaFor(provider)));
  await Promise.all(schemaFiles.map((schemaFile) => runGenerate(cli, schemaFile)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Generated Prisma clients (${providers.join(", ")}) in lib/generated/prisma in ${seconds} s.`);
});
