#!/usr/bin/env node
// `npm run bench:soak`: steady load on one Switchyard for a while, watching
// the server's resident memory. A leak shows as RSS that keeps climbing after
// the warm-up; the run fails (exit 1) on any failed request or on growth of 5%
// or more between the end of the warm-up and the end of the run.
//
//   npm run bench:soak [-- --minutes 10] [-- --concurrency 16]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient, Samples, clientImpl } from "./harness/loadgen.mjs";
import { readProcessTreeMemory } from "./support/process-tree-memory.mjs";
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

const SAMPLE_INTERVAL_MILLISECONDS = 5000;
// A request that takes this long counts as failed; the harness uses the same limit.
const REQUEST_TIMEOUT_MILLISECONDS = 30_000;
const ALLOWED_GROWTH_PERCENT = 5;
const PROMPT = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ".repeat(4);

function parseOptions() {
  const { values } = parseArgs({
    options: { minutes: { type: "string", default: "10" }, concurrency: { type: "string", default: "16" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log("npm run bench:soak [-- --minutes 10] [-- --concurrency 16]   (half the workers stream, half do not)");
    process.exit(0);
  }
  const minutes = Number(values.minutes);
  const concurrency = Number(values.concurrency);
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got '${values.minutes}'`);
  if (!Number.isInteger(concurrency) || concurrency < 2) throw new Error(`--concurrency must be an integer of at least 2, got '${values.concurrency}'`);
  return { minutes, concurrency };
}

/** The same request shape as the harness's chat modes, so soak numbers compare with `npm run bench`. */
function chatRequest({ stream }) {
  const body = Buffer.from(
    JSON.stringify({
      model: "openai/gpt-4o-mini",
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: PROMPT },
      ],
      max_tokens: 20,
      temperature: 0.7,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    }),
  );
  const check = (status, text) => {
    if (status < 200 || status >= 300) return `HTTP ${status}`;
    if (stream) return text.includes("[DONE]") ? null : "stream ended without [DONE]";
    return text.includes('"choices"') ? null : "bad body (no choices)";
  };
  return { name: stream ? "chat-stream" : "chat", body, check, keepText: stream ? "tail" : "all" };
}

/**
 * One closed-loop worker, like the harness's, but counting into its lane as it
 * goes (the harness's runSlice reports only when a slice ends), so every
 * memory sample sees the requests served so far and the load never pauses.
 */
async function runWorker({ lane, headers, deadline, server }) {
  while (performance.now() < deadline && !server.exit) {
    const sentAt = performance.now();
    try {
      const response = await lane.client.request("/api/v1/chat/completions", headers, lane.request.body, lane.request.keepText);
      const problem = lane.request.check(response.status, response.text);
      if (problem) {
        countError(lane, problem);
        continue;
      }
      lane.ok++;
      lane.latency.push(response.end - sentAt);
    } catch (error) {
      countError(lane, `${error?.code ?? error?.name ?? "error"}: ${String(error?.message ?? "").slice(0, 80)}`);
      // A dead server refuses at once; pausing keeps a failure from becoming a busy loop.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

function countError(lane, kind) {
  lane.errors++;
  lane.errorKinds[kind] = (lane.errorKinds[kind] ?? 0) + 1;
}

const megabytes = (kilobytes) => kilobytes / 1024;
const formatMegabytes = (kilobytes) => `${megabytes(kilobytes).toFixed(1)} MB`;

async function main() {
  const { minutes, concurrency } = parseOptions();
  const runMilliseconds = minutes * 60_000;
  // Start-up allocations and JIT warm-up are not a leak; growth counts from here.
  const warmupMilliseconds = Math.min(60_000, runMilliseconds * 0.2);
  await ensureBuilt();

  fs.mkdirSync(resultsDirectory, { recursive: true });
  const stamp = timestamp();
  const csvFile = path.join(resultsDirectory, `soak-${stamp}.csv`);
  const database = createScratchDatabase("soak");
  let mock = null;
  let server = null;
  const stopAll = () => {
    killProcessGroupNow(server);
    killProcessGroupNow(mock);
  };
  process.on("exit", stopAll);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping`);
      stopAll();
      database.remove();
      process.exit(130);
    });
  }

  try {
    mock = await startMockUpstream({ logFile: path.join(database.directory, "mock-upstream.log") });
    const apiKey = createApiKey({ databaseUrl: database.databaseUrl });
    const port = await findFreePort();
    const origin = `http://127.0.0.1:${port}`;
    server = startSwitchyard({
      environment: { ...switchyardEnvironment({ databaseUrl: database.databaseUrl, mockUrl: mock.url, port }), ...throwawaySecrets() },
      // Beside the CSV rather than in the scratch directory, so it outlives a failed run.
      logFile: path.join(resultsDirectory, `soak-${stamp}-server.log`),
    });
    await waitForHttp({ url: `${origin}/api/v1/models`, handle: server });

    const headers = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
    const streamingWorkers = Math.floor(concurrency / 2);
    const lanes = [
      { request: chatRequest({ stream: false }), workers: concurrency - streamingWorkers },
      { request: chatRequest({ stream: true }), workers: streamingWorkers },
    ].map((lane) => ({
      ...lane,
      client: createClient(origin, lane.workers, { timeoutMs: REQUEST_TIMEOUT_MILLISECONDS }),
      ok: 0,
      errors: 0,
      errorKinds: {},
      latency: new Samples(),
    }));
    console.log(
      `soak: ${minutes} min, ${lanes.map((lane) => `${lane.workers} × ${lane.request.name}`).join(" + ")} against ${origin}/api/v1 ` +
        `(server pid ${server.pid}, client ${clientImpl()}); memory every ${SAMPLE_INTERVAL_MILLISECONDS / 1000} s to ${path.relative(process.cwd(), csvFile)}`,
    );

    const startedAt = performance.now();
    const samples = [];
    const totals = () => lanes.reduce((sum, lane) => ({ ok: sum.ok + lane.ok, errors: sum.errors + lane.errors }), { ok: 0, errors: 0 });
    fs.writeFileSync(csvFile, "elapsed_seconds,resident_megabytes,processes,requests_ok,errors\n");
    const takeSample = () => {
      const memory = readProcessTreeMemory(server.pid);
      if (!memory) return null;
      const { ok, errors } = totals();
      const sample = { elapsedMilliseconds: performance.now() - startedAt, ...memory, ok, errors };
      samples.push(sample);
      fs.appendFileSync(
        csvFile,
        `${(sample.elapsedMilliseconds / 1000).toFixed(1)},${megabytes(memory.residentKilobytes).toFixed(1)},${memory.processes.length},${ok},${errors}\n`,
      );
      return sample;
    };
    takeSample();
    let lastPrint = 0;
    const sampler = setInterval(() => {
      const sample = takeSample();
      // Progress once a minute (six times over a shorter run) rather than every sample, which the CSV has.
      if (sample && (sample.elapsedMilliseconds - lastPrint >= Math.min(60_000, runMilliseconds / 6) || lastPrint === 0)) {
        lastPrint = sample.elapsedMilliseconds;
        console.log(
          `  ${(sample.elapsedMilliseconds / 1000).toFixed(0).padStart(5)} s  RSS ${formatMegabytes(sample.residentKilobytes).padStart(9)}  ` +
            `${sample.ok} ok, ${sample.errors} errors`,
        );
      }
    }, SAMPLE_INTERVAL_MILLISECONDS);

    const deadline = startedAt + runMilliseconds;
    await Promise.all(lanes.flatMap((lane) => Array.from({ length: lane.workers }, () => runWorker({ lane, headers, deadline, server }))));
    clearInterval(sampler);
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    // Right after the last request and before anything is stopped, so it is the memory of the loaded server.
    const endSample = takeSample();
    await Promise.all(lanes.map((lane) => lane.client.close()));
    if (server.exit) throw new Error(`the server exited during the soak (${JSON.stringify(server.exit)}); log ${server.logFile}`);

    const warmupSample = samples.find((sample) => sample.elapsedMilliseconds >= warmupMilliseconds) ?? endSample;
    const growthPercent = ((endSample.residentKilobytes - warmupSample.residentKilobytes) / warmupSample.residentKilobytes) * 100;
    const { ok, errors } = totals();
    const peak = samples.reduce((highest, sample) => Math.max(highest, sample.residentKilobytes), 0);

    console.log(`\nsoak finished after ${elapsedSeconds.toFixed(0)} s`);
    for (const lane of lanes) {
      const percentiles = lane.latency.percentiles([50, 99]);
      console.log(
        `  ${lane.request.name.padEnd(12)} ${lane.ok} ok (${(lane.ok / elapsedSeconds).toFixed(0)} req/s), ${lane.errors} errors, ` +
          `p50 ${percentiles[50]?.toFixed(1) ?? "-"} ms, p99 ${percentiles[99]?.toFixed(1) ?? "-"} ms` +
          (lane.errors ? `  ${JSON.stringify(lane.errorKinds)}` : ""),
      );
    }
    console.log(`  requests served   ${ok}, errors ${errors}`);
    console.log(`  RSS at start      ${formatMegabytes(samples[0].residentKilobytes)} (idle, before load)`);
    console.log(`  RSS after warm-up ${formatMegabytes(warmupSample.residentKilobytes)} (at ${(warmupSample.elapsedMilliseconds / 1000).toFixed(0)} s)`);
    console.log(`  RSS at end        ${formatMegabytes(endSample.residentKilobytes)} (peak ${formatMegabytes(peak)})`);
    console.log(`  growth            ${growthPercent >= 0 ? "+" : ""}${growthPercent.toFixed(1)}% (limit ${ALLOWED_GROWTH_PERCENT}%)`);
    console.log(
      `  processes at end  ${endSample.processes.map((entry) => `${entry.name} ${entry.processId} ${formatMegabytes(entry.residentKilobytes)}`).join(", ")}`,
    );
    console.log(`  samples           ${path.relative(process.cwd(), csvFile)}`);

    const failures = [];
    if (errors > 0) failures.push(`${errors} failed requests (server log: ${path.relative(process.cwd(), server.logFile)})`);
    if (growthPercent >= ALLOWED_GROWTH_PERCENT) failures.push(`RSS grew ${growthPercent.toFixed(1)}% after warm-up`);
    if (failures.length > 0) {
      console.error(`FAIL: ${failures.join("; ")}`);
      return 1;
    }
    console.log("PASS");
    return 0;
  } finally {
    await stopProcessGroup(server);
    await stopProcessGroup(mock);
    database.remove();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`[soak] ${error.stack ?? error}`);
    process.exit(1);
  },
);
