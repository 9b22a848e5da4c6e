#!/usr/bin/env node
// Prisma Migrate for both providers, offline: migrations are written by the
// real schema engine (its wasm build) from prisma/schema.prisma, once per
// provider under the same name. See prisma/README.md.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeUrl, isPostgresUrl } from "./lib/driver-adapters.mjs";
import { databaseUrl, enterRepositoryRoot, providerForUrl } from "./lib/environment.mjs";
import { runMain } from "./lib/errors.mjs";
import { LOCKFILE_NAME, listMigrationNames, lockfileContent } from "./lib/migration-directories.mjs";
import { deployMigrations, diffMigrationsToSchema, migrationStatus, resetDatabase } from "./lib/migration-engine-commands.mjs";
import { migrationsDirectoryFor, providers } from "./lib/paths.mjs";
import { ensureDatabaseExists } from "./lib/schema-engine-one-shot.mjs";

const USAGE = `Usage: node scripts/prisma/migrate.mjs <command> [options]

Commands:
  dev --name <name> [--create-only]
      Write a new migration for every provider (${providers.join(", ")}) from
      prisma/schema.prisma, then apply it to DATABASE_URL's database unless
      --create-only is given.
  deploy
      Apply the pending migrations to DATABASE_URL's database.
  status
      Show how DATABASE_URL's database compares with the migrations folder.
  reset --force
      Delete everything in DATABASE_URL's database, then apply every migration.

Environment:
  DATABASE_URL         file:./data/switchyard.db (default) or postgres://...
  SHADOW_POSTGRES_URL  a PostgreSQL server where scratch databases may be created
                       and dropped (default: DATABASE_URL if PostgreSQL, else
                       TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres)`;

/** Prisma's migration folder prefix: the UTC time to the second. */
function timestamp(date = new Date()) {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** @param {string} name */
function toMigrationSlug(name) {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error(`"${name}" is not a usable migration name: use letters, digits and underscores.`);
  return slug;
}

/** @param {{ name: string; createOnly: boolean }} options */
async function dev({ name, createOnly }) {
  const slug = toMigrationSlug(name);
  const histories = await Promise.all(providers.map(async (provider) => ({ provider, names: await listMigrationNames(provider) })));
  const reference = JSON.stringify(histories[0]?.names);
  if (histories.some((history) => JSON.stringify(history.names) !== reference)) {
    throw new Error("the providers' migration folders hold different migrations; run `npm run db:check` to see which.");
  }

  /** @type {{ provider: string; script: string | null; summary: string }[]} */
  const diffs = [];
  for (const provider of providers) diffs.push({ provider, ...(await diffMigrationsToSchema(provider)) });

  if (diffs.every((diff) => diff.script === null)) {
    console.log("The migrations already produce prisma/schema.prisma: no migration written.");
  } else {
    const migrationName = `${timestamp()}_${slug}`;
    for (const { provider, script } of diffs) {
      const directory = migrationsDirectoryFor(provider);
      await mkdir(path.join(directory, migrationName), { recursive: true });
      // A provider whose SQL does not change still gets the folder, so the
      // two histories keep the same names; Prisma writes the same comment.
      await writeFile(path.join(directory, migrationName, "migration.sql"), script ?? "-- This is an empty migration.\n");
      await writeFile(path.join(directory, LOCKFILE_NAME), lockfileContent(provider));
      console.log(`Wrote ${path.relative(process.cwd(), path.join(directory, migrationName, "migration.sql"))}`);
    }
    const summary = diffs.find((diff) => diff.script !== null)?.summary.trim();
    if (summary) console.log(`\n${summary}\n`);
  }
  if (!createOnly) await deploy();
}

async function deploy() {
  const url = databaseUrl();
  const where = `${describeUrl(url)} (${providerForUrl(url)})`;
  if (isPostgresUrl(url) && (await ensureDatabaseExists(url))) console.log(`Created the database ${where}.`);
  const { appliedMigrationNames } = await deployMigrations(url);
  if (appliedMigrationNames.length === 0) console.log(`No pending migrations for ${where}.`);
  else console.log(`Applied to ${where}:\n${appliedMigrationNames.map((name) => `  ${name}`).join("\n")}`);
}

async function status() {
  const url = databaseUrl();
  const { provider, migrationNames, diagnosis } = await migrationStatus(url);
  console.log(`${migrationNames.length} migration(s) in prisma/migrations/${provider} for ${describeUrl(url)}.`);
  const problems = [];
  if (diagnosis.failedMigrationNames.length > 0) problems.push(`failed: ${diagnosis.failedMigrationNames.join(", ")}`);
  if (diagnosis.editedMigrationNames.length > 0) problems.push(`edited after being applied: ${diagnosis.editedMigrationNames.join(", ")}`);
  const history = diagnosis.history;
  if (history?.diagnostic === "databaseIsBehind") problems.push(`not yet applied: ${history.unappliedMigrationNames.join(", ")}`);
  if (history?.diagnostic === "migrationsDirectoryIsBehind") problems.push(`applied but missing from the folder: ${history.unpersistedMigrationNames.join(", ")}`);
  if (history?.diagnostic === "historiesDiverge") {
    problems.push(`histories diverge after ${history.lastCommonMigrationName ?? "the start"}: database has ${history.unpersistedMigrationNames.join(", ") || "nothing more"}, folder has ${history.unappliedMigrationNames.join(", ") || "nothing more"}`);
  }
  if (problems.length === 0) {
    console.log("Database schema is up to date.");
    return 0;
  }
  console.log(problems.map((problem) => `  ${problem}`).join("\n"));
  return 1;
}

/** @param {{ force: boolean }} options */
async function reset({ force }) {
  const url = databaseUrl();
  if (!force) throw new Error(`reset deletes all data in ${describeUrl(url)}; pass --force to confirm.`);
  await resetDatabase(url);
  console.log(`Emptied ${describeUrl(url)}.`);
  await deploy();
}

runMain("migrate", async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string", short: "n" },
      "create-only": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  enterRepositoryRoot();
  switch (command) {
    case "dev":
      if (!values.name) throw new Error("dev needs --name <name>, e.g. --name add_user_locale.");
      return dev({ name: values.name, createOnly: values["create-only"] });
    case "deploy":
      return deploy();
    case "status":
      return status();
    case "reset":
      return reset({ force: values.force });
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
});
