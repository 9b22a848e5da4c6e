// Starting and stopping what the benchmarks measure: the mock upstream and a
// Switchyard server on a scratch database of its own, so a benchmark never
// touches ./data or a developer's database.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const benchDirectory = path.join(repositoryRoot, "bench");
export const harnessDirectory = path.join(benchDirectory, "harness");
export const resultsDirectory = path.join(benchDirectory, "results");

export const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A file-name-safe timestamp, so runs sort by time in bench/results/. */
export function timestamp(date = new Date()) {
  return date.toISOString().replace(/[:.]/g, "-");
}

/**
 * Builds only when there is no build at all: the working tree may be mid-edit,
 * so a "stale" build is measured as it is rather than rebuilt under the
 * developer's feet. The build time is printed so a reader knows what was measured.
 */
export async function ensureBuilt() {
  const buildIdFile = path.join(repositoryRoot, ".next", "BUILD_ID");
  await waitForRunningBuild(buildIdFile);
  if (!fs.existsSync(buildIdFile)) {
    console.log("[bench] no .next/BUILD_ID: running `npx next build` ...");
    const result = spawnSync("npx", ["next", "build"], {
      cwd: repositoryRoot,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  }
  const buildId = fs.readFileSync(buildIdFile, "utf8").trim();
  const builtAt = fs.statSync(buildIdFile).mtime;
  console.log(`[bench] measuring build ${buildId} from ${builtAt.toISOString()}`);
  return { buildId, builtAt };
}

/**
 * `next build` removes BUILD_ID when it starts and holds .next/lock until it
 * ends; a second build started meanwhile refuses to run, so wait for the
 * first one instead (a developer may be rebuilding while a benchmark starts).
 */
async function waitForRunningBuild(buildIdFile, timeoutMilliseconds = 15 * 60_000) {
  const lockFile = path.join(repositoryRoot, ".next", "lock");
  if (fs.existsSync(buildIdFile) || !fs.existsSync(lockFile)) return;
  console.log("[bench] a `next build` is running (.next/lock, no BUILD_ID yet); waiting for it ...");
  const deadline = Date.now() + timeoutMilliseconds;
  while (!fs.existsSync(buildIdFile) && fs.existsSync(lockFile) && Date.now() < deadline) await sleep(2000);
}

export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A temporary directory for one SQLite database; `remove()` deletes it with its WAL files. */
export function createScratchDatabase(label = "bench") {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-${label}-`));
  const databaseFile = path.join(directory, "bench.db");
  return {
    directory,
    databaseFile,
    databaseUrl: `file:${databaseFile}`,
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

/**
 * Creates a user with credits and returns its API key, through the same admin
 * command an operator uses (it applies the migrations first).
 */
export function createApiKey({ databaseUrl, email = "bench@example.com", credits = "100000" }) {
  const result = spawnSync("npm", ["run", "-s", "admin", "--", "create-key", "--email", email, "--credits", credits], {
    cwd: repositoryRoot,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, SWITCHYARD_SKIP_BUILD: "1" },
  });
  if (result.status !== 0) {
    throw new Error(`admin create-key failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  }
  const key = result.stdout.trim().split("\n").at(-1)?.trim();
  if (!key) throw new Error(`admin create-key printed no key:\n${result.stderr}`);
  return key;
}

/**
 * Secrets that `npm start` would otherwise generate into ./data on first
 * start; giving throwaway ones keeps the repository's ./data untouched.
 */
export function throwawaySecrets() {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SWITCHYARD_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  };
}

/** The environment of a Switchyard that routes `openai/*` to the mock and nothing else. */
export function switchyardEnvironment({ databaseUrl, mockUrl, port }) {
  return {
    DATABASE_URL: databaseUrl,
    OPENAI_API_KEY: "sk-mock",
    OPENAI_BASE_URL: mockUrl,
    SIMULATED_PROVIDER: "off",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    SWITCHYARD_SKIP_BUILD: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/**
 * Spawns a process in a process group of its own, output to `logFile`.
 * `node scripts/start.mjs` starts `next start` as a child; stopping the group
 * stops both even if the parent dies first.
 */
export function spawnLogged({ command, args, environment, logFile, cwd = repositoryRoot }) {
  const descriptor = fs.openSync(logFile, "a");
  const child = spawn(command, args, {
    cwd,
    stdio: ["ignore", descriptor, descriptor],
    env: { ...process.env, ...environment },
    detached: true,
  });
  fs.closeSync(descriptor);
  const handle = { child, pid: child.pid, logFile, exit: null };
  handle.exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      handle.exit = { code, signal };
      resolve(handle.exit);
    });
  });
  return handle;
}

export function startSwitchyard({ environment, logFile }) {
  return spawnLogged({ command: process.execPath, args: ["scripts/start.mjs"], environment, logFile });
}

/** SIGTERM to the whole group, SIGKILL after `graceMilliseconds`. */
export async function stopProcessGroup(handle, graceMilliseconds = 5000) {
  if (!handle || handle.exit) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-handle.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup("SIGTERM");
  const stopped = await Promise.race([handle.exited.then(() => true), sleep(graceMilliseconds).then(() => false)]);
  // The leader may exit before its children do; whatever is left of the group goes too.
  signalGroup(stopped ? "SIGTERM" : "SIGKILL");
  if (!stopped) await handle.exited;
}

/** Kills the group synchronously; for `process.on("exit")`, where nothing can be awaited. */
export function killProcessGroupNow(handle) {
  if (!handle || handle.exit) return;
  try {
    process.kill(-handle.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

export function logTail(logFile, characters = 2000) {
  try {
    return fs.readFileSync(logFile, "utf8").slice(-characters);
  } catch {
    return "(no log)";
  }
}

/** Starts the harness's mock upstream on a free port and waits until it listens. */
export async function startMockUpstream({ logFile, chunks = 20 }) {
  const port = await findFreePort();
  const handle = spawnLogged({
    command: process.execPath,
    args: [path.join(harnessDirectory, "mock-upstream.mjs"), "--port", String(port), "--chunks", String(chunks)],
    environment: {},
    logFile,
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp({ url: `${origin}/health`, handle, timeoutMilliseconds: 15_000 });
  return { ...handle, origin, url: `${origin}/v1` };
}

/**
 * Polls `url` until it answers 200 and returns the milliseconds since `since`
 * (performance.now() time). Throws with the log's tail when the process exits
 * or the time runs out.
 */
export async function waitForHttp({ url, init, handle, timeoutMilliseconds = 60_000, intervalMilliseconds = 25 }) {
  const deadline = performance.now() + timeoutMilliseconds;
  let lastProblem = "no attempt";
  while (performance.now() < deadline) {
    if (handle?.exit) break;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(Math.round(Math.max(1000, deadline - performance.now()))) });
      const body = await response.text();
      if (response.status === 200) return body;
      lastProblem = `HTTP ${response.status}: ${body.slice(0, 200)}`;
    } catch (error) {
      lastProblem = error?.cause?.code ?? error?.message ?? String(error);
    }
    await sleep(intervalMilliseconds);
  }
  const why = handle?.exit ? `the process exited (${JSON.stringify(handle.exit)})` : `no 200 within ${timeoutMilliseconds} ms`;
  throw new Error(`${url}: ${why}; last attempt: ${lastProblem}${handle ? `\nlog ${handle.logFile}:\n${logTail(handle.logFile)}` : ""}`);
}
