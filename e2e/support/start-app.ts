import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface RunningApp {
  /** Origin of the server, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** The OpenAI-style base URL: `${origin}/api/v1`. */
  baseUrl: string;
  databaseUrl: string;
  /**
   * Runs `npm run admin -- create-key` against this app's database and returns
   * the key. It blocks this process until done, so when the app's database
   * URL goes through something this process serves (a test's TCP proxy), pass
   * `databaseUrl` to reach the database directly.
   */
  createKey(input: { email: string; credits?: string; databaseUrl?: string }): string;
  /** Everything the server printed so far. */
  output(): string;
  /** Kills the server outright (SIGKILL), as a crash or the OOM killer would; `stop` still cleans up after. */
  kill(): Promise<void>;
  /** Whether the server process is still running. */
  isRunning(): boolean;
  /** Closes the pipes of the server's stdout and stderr, as a log shipper that dies does; output() stops growing. */
  closeOutput(): void;
  stop(): Promise<void>;
}

/**
 * Starts the real production server (`node scripts/start.mjs`, already
 * built) on a free port with a fresh SQLite database of its own.
 */
export async function startApp(options: { env?: Record<string, string>; /** Where scripts/start.mjs is run from; the checkout by default. */ serverRoot?: string } = {}): Promise<RunningApp> {
  const directory = mkdtempSync(path.join(tmpdir(), "switchyard-app-"));
  const postgres = process.env.SWITCHYARD_TEST_DATABASE === "postgres" ? await createPostgresDatabase() : undefined;
  const databaseUrl = options.env?.DATABASE_URL ?? postgres?.url ?? `file:${path.join(directory, "switchyard.db")}`;
  const port = await findFreePort();
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    SWITCHYARD_SKIP_BUILD: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    SIMULATED_SPEED: "0",
    ...options.env,
  };
  let output = "";
  const serverRoot = options.serverRoot ?? ROOT;
  const child = spawn(process.execPath, [path.join(serverRoot, "scripts/start.mjs")], { cwd: serverRoot, env: environment, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (data: Buffer) => (output += data.toString()));
  child.stderr?.on("data", (data: Buffer) => (output += data.toString()));

  const origin = `http://127.0.0.1:${port}`;
  await waitUntilServing(origin, child, () => output);

  return {
    origin,
    baseUrl: `${origin}/api/v1`,
    databaseUrl,
    createKey({ email, credits, databaseUrl: adminDatabaseUrl }) {
      const args = ["--conditions=react-server", "--import", "tsx", "scripts/admin.ts", "create-key", "--email", email];
      if (credits !== undefined) args.push("--credits", credits);
      const env = adminDatabaseUrl ? { ...environment, DATABASE_URL: adminDatabaseUrl } : environment;
      const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
      if (result.status !== 0) throw new Error(`create-key failed: ${result.stderr}`);
      const lines = result.stdout.trim().split("\n");
      const key = lines[lines.length - 1];
      if (!key) throw new Error("create-key printed no key");
      return key;
    },
    output: () => output,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    closeOutput() {
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
    kill() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGKILL");
      return exited;
    },
    async stop() {
      await stopProcess(child);
      rmSync(directory, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}

/**
 * Environment for startApp that makes these names resolve to these
 * addresses inside the server (e2e/support/fake-dns.mjs), for a public name
 * that points at a private address without a DNS server to set one up in.
 */
export function fakeDnsEnvironment(table: Record<string, string>): Record<string, string> {
  const preload = path.join(ROOT, "e2e/support/fake-dns.mjs");
  return {
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(" "),
    SWITCHYARD_TEST_DNS: JSON.stringify(table),
  };
}

async function waitUntilServing(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const response = await fetch(`${origin}/api/v1/models`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await stopProcess(child);
  throw new Error(`server did not start in time:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database on the server TEST_POSTGRES_URL names, dropped again by `drop`. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error("SWITCHYARD_TEST_DATABASE=postgres needs TEST_POSTGRES_URL");
  const name = `switchyard_it_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
