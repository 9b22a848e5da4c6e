#!/usr/bin/env node
// Fails when the migrations no longer tell the truth about the schema: every
// provider's migrations, replayed by the real schema engine on an empty
// shadow database, must produce exactly prisma/schema.prisma, and the
// providers must hold migrations of the same names. See prisma/README.md.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeUrl } from "./lib/driver-adapters.mjs";
import { enterRepositoryRoot, scratchPostgresUrl } from "./lib/environment.mjs";
import { describeError, runMain } from "./lib/errors.mjs";
import { LOCKFILE_NAME, listMigrationNames } from "./lib/migration-directories.mjs";
import { diffMigrationsToSchema } from "./lib/migration-engine-commands.mjs";
import { migrationsDirectoryFor, providers } from "./lib/paths.mjs";

const FIX_HINT = "Write the missing migration with: npm run db:migrate -- dev --name <what_changed>";
const STILL_TO_MIGRATE = "Still to migrate";
const LACKS = " lacks ";

/** @returns {Promise<string[]>} problems found */
async function compareMigrationNames() {
  const problems = [];
  const names = new Map();
  for (const provider of providers) names.set(provider, await listMigrationNames(provider));
  for (const provider of providers) {
    for (const other of providers) {
      if (other === provider) continue;
      const missing = names.get(provider).filter((/** @type {string} */ name) => !names.get(other).includes(name));
      if (missing.length > 0) problems.push(`prisma/migrations/${other}${LACKS}${missing.join(", ")} (present for ${provider}).`);
    }
  }
  return problems;
}

/** @param {string} provider */
async function checkLockfile(provider) {
  const lockfilePath = path.join(migrationsDirectoryFor(provider), LOCKFILE_NAME);
  const content = await readFile(lockfilePath, "utf8").catch(() => null);
  if (content === null) return [`${path.relative(process.cwd(), lockfilePath)} is missing.`];
  if (!content.includes(`provider = "${provider}"`)) return [`${path.relative(process.cwd(), lockfilePath)} does not say provider = "${provider}".`];
  return [];
}

/** @param {string} provider */
async function checkSchemaDrift(provider) {
  try {
    const { script, summary } = await diffMigrationsToSchema(provider);
    if (script === null) return [];
    const indented = summary.trim().split("\n").map((line) => `    ${line}`).join("\n");
    return [`${provider}: the migrations do not produce prisma/schema.prisma. ${STILL_TO_MIGRATE}:\n${indented}`];
  } catch (error) {
    const where = provider === "postgresql" ? ` (scratch server ${describeUrl(scratchPostgresUrl())}; set SHADOW_POSTGRES_URL)` : "";
    return [`${provider}: could not replay the migrations${where}: ${describeError(error)}`];
  }
}

runMain("db:check", async () => {
  const { values } = parseArgs({
    options: { provider: { type: "string", multiple: true } },
  });
  enterRepositoryRoot();
  const selected = values.provider ?? [...providers];
  for (const provider of selected) {
    if (!providers.includes(/** @type {never} */ (provider))) throw new Error(`unknown provider "${provider}"; expected one of ${providers.join(", ")}.`);
  }

  const problems = await compareMigrationNames();
  for (const provider of selected) {
    problems.push(...(await checkLockfile(provider)));
    problems.push(...(await checkSchemaDrift(provider)));
  }

  if (problems.length > 0) {
    const list = problems.map((problem) => `  - ${problem}`).join("\n");
    const fixable = problems.some((problem) => problem.includes(STILL_TO_MIGRATE) || problem.includes(LACKS));
    console.error(`db:check failed:\n${list}${fixable ? `\n${FIX_HINT}` : ""}`);
    return 1;
  }
  const count = (await listMigrationNames(providers[0])).length;
  console.log(`db:check passed: ${count} migration(s) per provider reproduce prisma/schema.prisma exactly (${selected.join(", ")}).`);
  return 0;
});
