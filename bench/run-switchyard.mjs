#!/usr/bin/env node
// `npm run bench`: Switchyard against direct-to-mock and the baseline proxy,
// in one interleaved harness run (bench/harness/run.mjs), on a scratch
// database with a real API key, so authentication, routing, billing and the
// request log are all part of what is measured.
//
//   npm run bench [-- --update-benchmarks] [-- harness options: --quick, --duration 6, --concurrency 1,64, ...]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { updateBenchmarksResults } from "./support/benchmarks-file.mjs";
import {
  createApiKey,
  createScratchDatabase,
  ensureBuilt,
  findFreePort,
  harnessDirectory,
  repositoryRoot,
  resultsDirectory,
  throwawaySecrets,
  timestamp,
} from "./support/switchyard-process.mjs";

const USAGE = `npm run bench [-- options]
  --update-benchmarks   also rewrite the results section of BENCHMARKS.md
Every other option goes to the harness (defaults here: --concurrency 1,16,64 --modes chat,chat-stream
--model openai/gpt-4o-mini); see \`node bench/harness/run.mjs --help\`. Useful ones: --quick, --duration 6,
--rounds 2, --concurrency 1,64, --out FILE.`;

const TARGET_NAME = "switchyard";

function parseArguments(argv) {
  const harnessArguments = [];
  let updateBenchmarks = false;
  let outFile = null;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--help" || argument === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if (argument === "--update-benchmarks") {
      updateBenchmarks = true;
      continue;
    }
    // The harness writes FILE and FILE's .md twin; this script reads both afterwards, so it must know where.
    if (argument === "--out") outFile = argv[index + 1] ?? null;
    else if (argument.startsWith("--out=")) outFile = argument.slice("--out=".length);
    harnessArguments.push(argument);
  }
  return { harnessArguments, updateBenchmarks, outFile };
}

const shellQuote = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;

/** The command the harness runs (in a shell, with MOCK_URL and TARGET_PORT set) to start Switchyard. */
function spawnCommand({ databaseUrl }) {
  const variables = [
    `DATABASE_URL=${shellQuote(databaseUrl)}`,
    "OPENAI_API_KEY=sk-mock",
    'OPENAI_BASE_URL="$MOCK_URL"',
    "SIMULATED_PROVIDER=off",
    'PORT="$TARGET_PORT"',
    "HOSTNAME=127.0.0.1",
    "SWITCHYARD_SKIP_BUILD=1",
    "NEXT_TELEMETRY_DISABLED=1",
  ];
  return `cd ${shellQuote(repositoryRoot)} && ${variables.join(" ")} exec ${shellQuote(process.execPath)} scripts/start.mjs`;
}

function runHarness({ harnessArguments, secrets }) {
  return new Promise((resolve) => {
    const harness = spawn(process.execPath, [path.join(harnessDirectory, "run.mjs"), ...harnessArguments], {
      cwd: repositoryRoot,
      stdio: "inherit",
      // The throwaway secrets travel in the environment rather than on the spawn command line, out of `ps`.
      env: { ...process.env, ...secrets },
    });
    // Ctrl-C reaches the harness directly (same process group); a SIGTERM sent to this script alone is passed on,
    // so the harness still stops the servers it started.
    const forward = (signal) => harness.kill(signal);
    process.on("SIGINT", () => {});
    process.on("SIGTERM", forward);
    harness.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function describeRevision() {
  const git = (...args) => spawnSync("git", args, { cwd: repositoryRoot, encoding: "utf8" }).stdout?.trim() ?? "";
  const commit = git("rev-parse", "--short", "HEAD");
  if (!commit) return "unknown commit";
  return git("status", "--porcelain", "--untracked-files=no") ? `${commit} + uncommitted changes` : commit;
}

/** Problems that make the Switchyard numbers unusable: no rows for a mode, or failed requests. */
function findProblems({ results, meta }, modes) {
  const problems = [];
  for (const skipped of meta.skipped ?? []) {
    const [mode, target] = skipped.split("|");
    if (target === TARGET_NAME) problems.push(`${TARGET_NAME} failed its first ${mode} request: ${meta.preflight?.[TARGET_NAME]?.[mode]}`);
  }
  for (const mode of modes) {
    if (!results.some((row) => row.target === TARGET_NAME && row.mode === mode)) problems.push(`no ${TARGET_NAME} results for ${mode}`);
  }
  for (const row of results) {
    if (row.errors > 0) problems.push(`${row.target} ${row.mode} c=${row.concurrency}: ${row.errors} errors ${JSON.stringify(row.error_kinds)}`);
  }
  return problems;
}

async function main() {
  const { harnessArguments: extraArguments, updateBenchmarks, outFile: requestedOutFile } = parseArguments(process.argv.slice(2));
  const build = await ensureBuilt();
  const database = createScratchDatabase("bench");
  try {
    console.log(`[bench] scratch database ${database.databaseFile}; creating an API key ...`);
    const apiKey = createApiKey({ databaseUrl: database.databaseUrl });
    const port = await findFreePort();
    const outFile = path.resolve(requestedOutFile ?? path.join(resultsDirectory, `switchyard-${timestamp()}.json`));
    const harnessArguments = [
      "--target", `${TARGET_NAME}=http://127.0.0.1:${port}/api/v1`,
      "-H", `Authorization: Bearer ${apiKey}`,
      "--spawn", spawnCommand({ databaseUrl: database.databaseUrl }),
      "--model", "openai/gpt-4o-mini",
      "--concurrency", "1,16,64",
      "--modes", "chat,chat-stream",
      // Later options win in the harness, so what the caller passes overrides the defaults above.
      ...extraArguments,
      ...(requestedOutFile ? [] : ["--out", outFile]),
    ];
    const exitCode = await runHarness({ harnessArguments, secrets: throwawaySecrets() });
    if (exitCode !== 0) {
      console.error(`[bench] the harness exited with ${exitCode}`);
      return exitCode;
    }

    const markdownFile = outFile.replace(/\.json$/, "") + ".md";
    const report = JSON.parse(fs.readFileSync(outFile, "utf8"));
    console.log(`\n[bench] results: ${path.relative(process.cwd(), markdownFile)} (table), ${path.relative(process.cwd(), outFile)} (all numbers)`);

    if (updateBenchmarks) {
      // The harness's Markdown starts with a "# gateway bench <time>" heading; BENCHMARKS.md has its own headings.
      const harnessMarkdown = fs.readFileSync(markdownFile, "utf8").replace(/^# .*\n+/, "");
      const command = ["npm run bench", ...(extraArguments.length ? ["--", ...extraArguments] : [])].join(" ");
      const generated = [
        `Generated by \`${command}\` on ${report.meta.time}, commit ${describeRevision()}, build ${build.buildId} ` +
          `(${build.builtAt.toISOString()}).`,
        "",
        harnessMarkdown,
      ].join("\n");
      const benchmarksFile = path.join(repositoryRoot, "BENCHMARKS.md");
      updateBenchmarksResults({ file: benchmarksFile, generatedMarkdown: generated });
      console.log(`[bench] updated the results section of ${path.relative(process.cwd(), benchmarksFile) || benchmarksFile}`);
    }

    const problems = findProblems(report, report.meta.config.modes);
    if (problems.length > 0) {
      console.error(`[bench] the run is not clean:\n  ${problems.join("\n  ")}\nlogs: ${report.meta.logs}`);
      return 1;
    }
    return 0;
  } finally {
    database.remove();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`[bench] ${error.stack ?? error}`);
    process.exit(1);
  },
);
