// What `npm start` needs from the app's TypeScript before Next.js loads:
// migrations, and the secrets it generates on first start. One module, so
// the standalone image can carry it bundled (scripts/assemble-standalone.mjs)
// instead of TypeScript sources and tsx.
export { applyMigrations } from "../../lib/db/migrate";
export { defaultDatabaseUrl } from "../../lib/db/database-url";
export { loadOrCreateAuthSecret } from "../../lib/auth/auth-secret";
export { loadOrCreateEncryptionKeyFile } from "../../lib/crypto/encryption-key";
