// Provider API keys saved in the app are encrypted with SWITCHYARD_ENCRYPTION_KEY.
// Rather than make every install set one, `npm start` generates it once into
// ./data/encryption-key (mode 0600, beside ./data/auth-secret) and hands it to
// the server through the environment. The file logic lives, tested, in
// lib/crypto/encryption-key.ts.
import { tsImport } from "tsx/esm/api";

/** Leaves a configured key alone; otherwise loads or creates the stored one and exports it to this process's environment. */
export async function ensureEncryptionKey() {
  if (process.env.SWITCHYARD_ENCRYPTION_KEY) return;
  const { loadOrCreateEncryptionKeyFile } = await tsImport("../../lib/crypto/encryption-key.ts", import.meta.url);
  process.env.SWITCHYARD_ENCRYPTION_KEY = loadOrCreateEncryptionKeyFile();
}
