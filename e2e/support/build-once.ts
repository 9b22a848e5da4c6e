// Vitest global setup for the integration project: the tests run the
// production server, so make sure the build is current first.
import { ensureBuild } from "../../scripts/lib/ensure-build.mjs";

export default function setup(): void {
  ensureBuild(process.cwd());
}
