// The schema file is written for SQLite. The PostgreSQL variant is derived
// from it by changing only the datasource provider and the client's output
// directory, so both clients and both migration histories share one model.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generatedRoot, providers, schemaPath } from "./paths.mjs";

const SOURCE_PROVIDER = providers[0];

/** Where a provider's schema file lives; derived variants go under the gitignored generated tree. */
export function schemaFileFor(/** @type {string} */ provider) {
  return provider === SOURCE_PROVIDER ? schemaPath : path.join(generatedRoot, "schema", `${provider}.prisma`);
}

/**
 * @param {string} source the schema as written
 * @param {string} provider
 * @returns {string}
 */
export function deriveSchema(source, provider) {
  if (!providers.includes(/** @type {never} */ (provider))) throw new Error(`Unknown provider "${provider}".`);
  if (provider === SOURCE_PROVIDER) return source;
  const datasourceProvider = /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const clientOutput = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"([^"]+)"/;
  if (!datasourceProvider.test(source)) throw new Error(`${schemaPath}: no datasource with provider = "sqlite" to rewrite.`);
  if (!clientOutput.test(source)) throw new Error(`${schemaPath}: no generator client with an output to rewrite.`);
  const variantDirectory = path.dirname(schemaFileFor(provider));
  const output = path.relative(variantDirectory, path.join(generatedRoot, provider)).split(path.sep).join("/");
  const header = `// Generated from prisma/schema.prisma by scripts/prisma: do not edit.\n`;
  return (
    header +
    source.replace(datasourceProvider, `$1"${provider}"`).replace(clientOutput, `$1"${output}"`)
  );
}

/**
 * The schema for a provider as the engine takes it: its file path and content.
 * @param {string} provider
 */
export async function readSchemaFor(provider) {
  const source = await readFile(schemaPath, "utf8");
  return { path: schemaFileFor(provider), content: deriveSchema(source, provider) };
}

/**
 * Writes the derived variant so that the Prisma CLI (generate, studio) can be
 * pointed at it; returns its path.
 * @param {string} provider
 */
export async function writeSchemaFor(provider) {
  const schema = await readSchemaFor(provider);
  if (schema.path !== schemaPath) {
    await mkdir(path.dirname(schema.path), { recursive: true });
    await writeFile(schema.path, schema.content);
  }
  return schema.path;
}
