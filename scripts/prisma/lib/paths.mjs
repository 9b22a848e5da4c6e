// Where the Prisma toolchain keeps its files. Every script resolves paths from
// the repository root so that it behaves the same from any working directory.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const schemaPath = path.join(repositoryRoot, "prisma", "schema.prisma");
export const migrationsRoot = path.join(repositoryRoot, "prisma", "migrations");
export const generatedRoot = path.join(repositoryRoot, "lib", "generated", "prisma");

/** The providers we ship migrations and a client for; the schema file is written for the first. */
export const providers = /** @type {const} */ (["sqlite", "postgresql"]);

/** @param {string} provider */
export function migrationsDirectoryFor(provider) {
  return path.join(migrationsRoot, provider);
}
