import { ensureBuild } from "../../scripts/lib/ensure-build.mjs";
import { startApp } from "./start-app";

/**
 * Builds if needed, starts the production server with the simulated
 * provider on a fresh database, and hands its address to the tests.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureBuild(process.cwd());
  // Every spec signs up from 127.0.0.1: the per-address sign-up limit (20 an hour) would soon stop the suite.
  const app = await startApp({ env: { SIMULATED_PROVIDER: "on", SIMULATED_SPEED: "0.2", SIGN_UPS_PER_IP_PER_HOUR: "1000" } });
  process.env.E2E_BASE_URL = app.origin;
  // Tests grant credits with the admin command against the same database.
  process.env.E2E_DATABASE_URL = app.databaseUrl;
  return () => app.stop();
}
