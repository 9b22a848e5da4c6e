import http from "node:http";
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFuzzResponse } from "../support/fuzz/check-fuzz-response";
import { authorization, TIMEOUT_MS, type FuzzCase, type FuzzContext } from "../support/fuzz/fuzz-case";
import { FuzzTally } from "../support/fuzz/fuzz-tally";
import { CHAT_TARGET, MESSAGES_TARGET } from "../support/fuzz/fuzz-targets";
import { generateFuzzCase, listWrongTypeCases } from "../support/fuzz/generate-fuzz-case";
import { sendRawRequest, type RawRequest } from "../support/fuzz/send-raw-request";
import { startApp, type RunningApp } from "../support/start-app";

/**
 * Fuzzes the public API of the real production server: random and mutated
 * JSON, wrong types at every field, huge strings, deep nesting, invalid
 * UTF-8, truncated JSON, other content types, empty bodies and bodies over
 * the limit, unknown and duplicate and prototype keys, bad keys, and random
 * query strings, paths and methods. Every answer must be a 4xx in OpenAI's
 * error shape (Anthropic's on /messages) with no internals in it, or a
 * proper completion when the input happens to be valid; and the server must
 * keep serving.
 *
 * FUZZ_SEED replays a run, FUZZ_CASES sets its size, FUZZ_ONLY=12,345 runs
 * just those cases of the seed's run.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31);
const CASES = process.env.FUZZ_CASES ? Number(process.env.FUZZ_CASES) : 5_000;
const ONLY = process.env.FUZZ_ONLY?.split(",").map(Number);
/** FUZZ_VERBOSE=1 prints each case as it starts and ends, to find one that hangs. */
const VERBOSE = process.env.FUZZ_VERBOSE === "1";
/** Requests in flight at once: enough to overlap, few enough for two shared cores. */
const CONCURRENCY = 8;
/** A plain request must still be served after every this many cases. */
const PROBE_EVERY = 250;

/** Lines in the server's output that mean a request was mishandled, whatever the client saw. */
const SERVER_TROUBLE = /uncaught|unhandled|Maximum call stack|\[api\] internal error|could not serve a request|failed unexpectedly|could not record a generation/i;

let app: RunningApp;
let context: FuzzContext;
let origin: URL;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

beforeAll(async () => {
  app = await startApp({ env: { SIMULATED_PROVIDER: "on" } });
  origin = new URL(app.origin);
  const apiKey = app.createKey({ email: "fuzzer@example.com", credits: "1000" });
  const first = await send(plainChatRequest(apiKey));
  expect(first.status).toBe(200);
  const generationId = String(first.headers["x-generation-id"]);
  const models = (await (await fetch(`${app.baseUrl}/models`)).json()) as { data: Array<{ id: string }> };
  context = { apiKey, known: { modelIds: new Set(models.data.map((model) => model.id)), generationId } };
  // The generation is written in the next batch; wait for it so a lookup of it may answer 200.
  for (let attempt = 0; ; attempt++) {
    const lookup = await send({ method: "GET", path: `/api/v1/generation?id=${generationId}`, headers: authorization(apiKey) });
    if (lookup.status === 200) break;
    if (attempt === 50) throw new Error(`generation ${generationId} was never recorded`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  agent.destroy();
  await app?.stop();
});

function send(request: RawRequest, timeoutMs = TIMEOUT_MS) {
  return sendRawRequest(origin, request, { agent, timeoutMs });
}

function plainChatRequest(apiKey: string, stream = false): RawRequest {
  const body = { model: "simulated/swift-mini", messages: [{ role: "user", content: "Are you still there?" }], ...(stream ? { stream: true } : {}) };
  return { method: "POST", path: CHAT_TARGET.path, headers: { ...authorization(apiKey), "Content-Type": "application/json" }, body: Buffer.from(JSON.stringify(body)) };
}

/** Sends one case and judges the answer; a missing answer is a problem, not an exception. */
async function runCase(fuzzCase: FuzzCase): Promise<{ status: number | undefined; problems: string[] }> {
  try {
    const response = await send(fuzzCase.request, fuzzCase.timeoutMs);
    return { status: response.status, problems: checkFuzzResponse(fuzzCase.expectation, response) };
  } catch (error) {
    return { status: undefined, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

/** That the server is up and serves a plain valid request: the "keeps serving" half of the oracle. */
async function probe(label: string, kinds: Array<"chat" | "stream" | "messages"> = ["chat"]): Promise<string[]> {
  const problems: string[] = [];
  if (!app.isRunning()) return [`${label}: the server process has exited`];
  for (const kind of kinds) {
    const target = kind === "messages" ? MESSAGES_TARGET : CHAT_TARGET;
    const body = kind === "messages" ? Buffer.from(JSON.stringify(MESSAGES_TARGET.bases[0])) : (plainChatRequest(context.apiKey, kind === "stream").body as Buffer);
    const request = { ...plainChatRequest(context.apiKey), path: target.path, body };
    const expectation = { errorShape: target.errorShape, status: 200, success: target.judge(body) };
    const outcome = await runCase({ category: "probe", description: label, request, expectation, timeoutMs: TIMEOUT_MS });
    problems.push(...outcome.problems.map((problem) => `${label} (${kind}): ${problem}`));
  }
  return problems;
}

describe("fuzzing the public API", () => {
  it("answers every malformed request with a 4xx in the API's error shape, and keeps serving", { timeout: 15 * 60_000 }, async () => {
    const wrongTypeCases = listWrongTypeCases();
    const indexes = ONLY ?? Array.from({ length: CASES }, (_, index) => index);
    const tally = new FuzzTally();
    const probeProblems: string[] = [];
    const startedAt = performance.now();
    console.log(`[fuzz] seed ${SEED}, ${indexes.length} cases (${Math.min(wrongTypeCases.length, indexes.length)} wrong-type cases first); replay with FUZZ_SEED=${SEED}`);

    for (let batchStart = 0; batchStart < indexes.length; batchStart += PROBE_EVERY) {
      const batch = indexes.slice(batchStart, batchStart + PROBE_EVERY);
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const index = batch[next++]!;
          // Made here, one at a time, so at most CONCURRENCY large bodies are held at once.
          const fuzzCase = generateFuzzCase(context, SEED, index, wrongTypeCases);
          if (VERBOSE) console.log(`[fuzz] #${index} start [${fuzzCase.category}] ${fuzzCase.description.slice(0, 200)}`);
          const { status, problems } = await runCase(fuzzCase);
          if (VERBOSE) console.log(`[fuzz] #${index} end ${status ?? "no response"}`);
          tally.record(index, fuzzCase, status, problems);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      probeProblems.push(...(await probe(`after case ${batchStart + batch.length}`)));
    }
    probeProblems.push(...(await probe("at the end", ["chat", "stream", "messages"])));

    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(`[fuzz] seed ${SEED}: ${tally.total} cases in ${seconds} s, ${tally.failures.length} failed\n${tally.table()}`);
    const trouble = app
      .output()
      .split("\n")
      .filter((line) => SERVER_TROUBLE.test(line));

    const report = tally.failures.slice(0, 25).map((failure) => `#${failure.index} [${failure.category}] ${failure.description}\n    ${failure.problems.join("\n    ")}`);
    expect(report, `${tally.failures.length} cases failed (the first 25 shown); replay one with FUZZ_SEED=${SEED} FUZZ_ONLY=<index>`).toEqual([]);
    expect(probeProblems).toEqual([]);
    expect(trouble.slice(0, 20), "the server logged a mishandled request").toEqual([]);
    expect(tally.total).toBeGreaterThanOrEqual(ONLY?.length ?? CASES);
  });
});
