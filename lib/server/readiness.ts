import "server-only";
import { getPrisma } from "../db/client";

const DATABASE_CHECK_TIMEOUT_MS = 2_000;

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this instance should get traffic: not while it drains for a
 * shutdown (scripts/start.mjs sets the flag on SIGTERM), nor while its
 * database does not answer a trivial query within two seconds.
 */
export async function checkReadiness(): Promise<Readiness> {
  if ((globalThis as Record<symbol, unknown>)[Symbol.for("switchyard.shuttingDown")] === true) return { ready: false, reason: "shutting down" };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getPrisma().$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), DATABASE_CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: `database unavailable (${error instanceof Error ? error.message.split("\n")[0] : "error"})` };
  } finally {
    clearTimeout(timer);
  }
}
