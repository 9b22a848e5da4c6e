// What `npm start` needs from the app's TypeScript outside Next.js:
// migrations, the secrets it generates on first start, and the answers to
// requests Next or Node's parser would fail on. One module, so
// the standalone image can carry it bundled (scripts/assemble-standalone.mjs)
// instead of TypeScript sources and tsx.
export { applyMigrations } from "../../lib/db/migrate";
export { defaultDatabaseUrl } from "../../lib/db/database-url";
export { loadOrCreateAuthSecret } from "../../lib/auth/auth-secret";
export { loadOrCreateEncryptionKeyFile } from "../../lib/crypto/encryption-key";
export { findMalformedPath } from "../../lib/http/find-malformed-path";
export { answerClientError } from "../../lib/http/answer-client-error";
