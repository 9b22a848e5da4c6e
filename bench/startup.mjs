#!/usr/bin/env node
// `npm run bench:startup`: how long `node scripts/start.mjs` (already built)
// takes to answer, from spawn to the first 200:
//   (a) GET /api/v1/models on a fresh database with no key, so the run
//       includes applying every migration, as on an install's first start;
//   (b) an authenticated POST /api/v1/chat/completions (routed to the mock)
//       on a database that already has a key, created before the clock starts.
// Each is repeated (default 3 times, each on its own scratch database) and
// the median is reported.
//
//   npm run bench:startup [-- --runs 3]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  createApiKey,
  createScratchDatabase,
  ensureBuilt,
  findFreePort,
  killProcessGroupNow,
  resultsDirectory,
  startMockUpstream,
  startSwitchyard,
  stopProcessGroup,
  switchyardEnvironment,
  throwawaySecrets,
  timestamp,
  waitForHttp,
} from "./support/switchyard-process.mjs";

const live = new Set();
process.on("exit", () => {
  for (const handle of live) killProcessGroupNow(handle);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping`);
    process.exit(130);
  });
}

function parseOptions() {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    console.log("npm run bench:startup [-- --runs 3]");
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got '${values.runs}'`);
  return { runs };
}

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Starts Switchyard on `database`, polls `request` until it answers 200, and
 * returns the milliseconds from spawn to that answer. The server is stopped
 * before returning, so runs never overlap on two cores.
 */
async function timeFirstAnswer({ database, mock, request, logFile }) {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const environment = { ...switchyardEnvironment({ databaseUrl: database.databaseUrl, mockUrl: mock.url, port }), ...throwawaySecrets() };
  const spawnedAt = performance.now();
  const server = startSwitchyard({ environment, logFile });
  live.add(server);
  try {
    const body = await waitForHttp({ url: `${origin}${request.path}`, init: request.init, handle: server, timeoutMilliseconds: 120_000, intervalMilliseconds: 20 });
    const milliseconds = performance.now() - spawnedAt;
    if (!request.isExpected(body)) throw new Error(`${request.path} answered 200 with an unexpected body: ${body.slice(0, 300)}`);
    return milliseconds;
  } finally {
    await stopProcessGroup(server);
    live.delete(server);
  }
}

async function main() {
  const { runs } = parseOptions();
  await ensureBuilt();
  fs.mkdirSync(resultsDirectory, { recursive: true });
  const stamp = timestamp();
  // Kept when a run fails, since the error names a log in it; removed after a clean run.
  const logDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-startup-logs-"));
  const mock = await startMockUpstream({ logFile: path.join(logDirectory, "mock-upstream.log") });
  live.add(mock);
  const measurements = { modelsOnFreshDatabase: [], chatWithExistingKey: [] };
  try {
    for (let run = 1; run <= runs; run++) {
      const fresh = createScratchDatabase("startup-fresh");
      try {
        const logFile = path.join(logDirectory, `fresh-${run}.log`);
        const milliseconds = await timeFirstAnswer({
          database: fresh,
          mock,
          logFile,
          request: { path: "/api/v1/models", init: undefined, isExpected: (body) => body.includes('"data"') },
        });
        // The point of (a) is a first start; a run that applied no migrations measured something else.
        if (!fs.readFileSync(logFile, "utf8").includes("applied migrations")) throw new Error(`run ${run}: start.mjs applied no migrations (log ${logFile})`);
        measurements.modelsOnFreshDatabase.push(milliseconds);
      } finally {
        fresh.remove();
      }

      const keyed = createScratchDatabase("startup-keyed");
      try {
        const apiKey = createApiKey({ databaseUrl: keyed.databaseUrl });
        const milliseconds = await timeFirstAnswer({
          database: keyed,
          mock,
          logFile: path.join(logDirectory, `keyed-${run}.log`),
          request: {
            path: "/api/v1/chat/completions",
            init: {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
              body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hello" }], max_tokens: 20 }),
            },
            isExpected: (body) => body.includes('"choices"'),
          },
        });
        measurements.chatWithExistingKey.push(milliseconds);
      } finally {
        keyed.remove();
      }
      console.log(
        `run ${run}/${runs}: (a) GET /api/v1/models, fresh database ${measurements.modelsOnFreshDatabase.at(-1).toFixed(0)} ms; ` +
          `(b) POST /api/v1/chat/completions, existing key ${measurements.chatWithExistingKey.at(-1).toFixed(0)} ms`,
      );
    }
  } finally {
    await stopProcessGroup(mock);
    live.delete(mock);
  }

  const summary = {
    time: new Date().toISOString(),
    node: process.version,
    runs,
    milliseconds: measurements,
    median_milliseconds: {
      modelsOnFreshDatabase: median(measurements.modelsOnFreshDatabase),
      chatWithExistingKey: median(measurements.chatWithExistingKey),
    },
  };
  const outFile = path.join(resultsDirectory, `startup-${stamp}.json`);
  fs.writeFileSync(outFile, `${JSON.stringify(summary, null, 2)}\n`);
  fs.rmSync(logDirectory, { recursive: true, force: true });
  console.log(`\nmedian of ${runs}, spawn of \`node scripts/start.mjs\` to first 200:`);
  console.log(`  (a) GET /api/v1/models on a fresh database (migrations applied)  ${summary.median_milliseconds.modelsOnFreshDatabase.toFixed(0)} ms`);
  console.log(`  (b) POST /api/v1/chat/completions with an existing key            ${summary.median_milliseconds.chatWithExistingKey.toFixed(0)} ms`);
  console.log(`  ${path.relative(process.cwd(), outFile)}`);
  return 0;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`[startup] ${error.stack ?? error}`);
    process.exit(1);
  },
);
