// `npm test`: the whole suite. Type check, lint, unit and integration tests
// (Vitest; the integration tests start the production server), then the
// browser tests (Playwright on Debian's Chromium). Ends with one summary line
// 'N passed, N failed' that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./lib/ensure-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const reports = path.join(root, "test-results", "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const only = process.argv[2]; // optional: typecheck | lint | unit | integration | e2e
const steps = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit", "-p", "."] },
  { name: "lint", command: [bin("eslint"), ".", "--max-warnings", "0"] },
  { name: "build", run: () => ensureBuild(root) },
  {
    name: "unit",
    command: [bin("vitest"), "run", "--project", "unit", "--reporter", "default", "--reporter", "json", "--outputFile.json", path.join(reports, "unit.json")],
    report: { kind: "vitest", file: path.join(reports, "unit.json") },
  },
  {
    name: "integration",
    command: [bin("vitest"), "run", "--project", "integration", "--reporter", "default", "--reporter", "json", "--outputFile.json", path.join(reports, "integration.json")],
    report: { kind: "vitest", file: path.join(reports, "integration.json") },
  },
  {
    name: "e2e",
    command: [bin("playwright"), "test", "--reporter", "list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "e2e.json") },
    report: { kind: "playwright", file: path.join(reports, "e2e.json") },
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const step of steps) {
  if (only && step.name !== only && !(step.name === "build" && ["integration", "e2e"].includes(only))) continue;
  console.log(`\n=== ${step.name} ===`);
  let ok = true;
  if (step.run) {
    try {
      step.run();
    } catch (error) {
      console.error(error);
      ok = false;
    }
  } else {
    const [command, ...args] = step.command;
    const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env } });
    ok = result.status === 0;
  }
  if (step.report) {
    const counts = readCounts(step.report);
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
    if (counts.passed + counts.failed === 0 && ok) {
      console.error(`${step.name}: no test ran`);
      ok = false;
    }
  }
  if (!ok) {
    failures.push(step.name);
    if (step.name === "build") break;
  }
}

console.log(`\nFailed steps: ${failures.length ? failures.join(", ") : "none"}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failures.length > 0 || failed > 0 ? 1 : 0;

function readCounts(report) {
  if (!existsSync(report.file)) return { passed: 0, failed: 0, skipped: 0 };
  const data = JSON.parse(readFileSync(report.file, "utf8"));
  if (report.kind === "vitest") {
    return { passed: data.numPassedTests ?? 0, failed: data.numFailedTests ?? 0, skipped: (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0) };
  }
  const stats = data.stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
}
