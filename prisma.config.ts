// Configuration for the Prisma CLI (npx prisma ...). Our own scripts in
// scripts/prisma do not need it; it lets the stock CLI work offline too.
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Tooling config, not app code: it reads the same DATABASE_URL as lib/env.ts.
const databaseUrl = process.env.DATABASE_URL || "file:./data/switchyard.db";
const provider = /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";

// The native schema engine is a download from Prisma's servers, which we
// cannot reach; the CLI runs this JSON-RPC stand-in built on the wasm engine.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL("./scripts/prisma/schema-engine.mjs", import.meta.url));

export default defineConfig({
  // The PostgreSQL variant is derived from prisma/schema.prisma by
  // scripts/prisma/generate.mjs (run on npm install).
  schema: provider === "postgresql" ? "lib/generated/prisma/schema/postgresql.prisma" : "prisma/schema.prisma",
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url: databaseUrl },
});
