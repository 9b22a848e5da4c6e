#!/usr/bin/env node
// LLM gateway benchmark: direct-to-mock vs thin baseline proxy vs gateway(s), same run, interleaved.
// Usage: node run.mjs [--target [NAME=]URL [-H 'K: V']... [--spawn CMD]]... [--portkey[=DIR]] [options]
// See --help and README.md.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, runSlice, Samples, clientImpl } from './loadgen.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HELP = `node run.mjs [options]
Targets (direct-to-mock and the baseline proxy are always measured; ratios are against direct):
  --target [NAME=]URL   gateway base URL, OpenAI style (http://127.0.0.1:8787/v1; no path means /v1). Repeatable.
  -H, --header 'K: V'   header for the preceding --target (before any --target: for all gateway targets).
                        {mock} in a value becomes the mock's base URL (http://127.0.0.1:PORT/v1), {mock_origin} its origin.
  --spawn 'CMD'         shell command that starts the preceding --target; started before, stopped after the run.
                        It gets MOCK_URL, MOCK_ORIGIN and TARGET_PORT in its environment.
  --api-key KEY         sent as 'Authorization: Bearer KEY' and 'x-api-key: KEY' (default sk-bench-mock)
  --portkey[=DIR]       also start the Portkey gateway from DIR (default: <tmpdir>/bench-portkey, where
                        @portkey-ai/gateway is npm-installed if missing) on 127.0.0.1 and benchmark it;
                        --portkey-version 1.15.2, --portkey-hono 1.14.1 (@hono/node-server pin; 'latest' = none)
  --no-baseline         skip the baseline proxy;  --baseline-impl undici[,fetch,http] picks its client(s)
  --mock-url URL        use an already running mock (upstream request counting then needs its /__mock/stats)
Load:
  --concurrency 1,16,64 --duration 10 (s per target per level) --rounds 2 (interleaved slices) --warmup 1 (s)
  --modes chat,chat-stream   (also messages, messages-stream: Anthropic /v1/messages)
  --chunks 20 --latency 0 --chunk-delay 0   mock: tokens/SSE chunks per reply, ms to first byte, ms between chunks
  --prompt-chars 400 --model gpt-4o-mini --timeout 30 (s per request) --max-total 900 (s for the whole run)
  --quick               --duration 2 --warmup 0.5 --rounds 1 --concurrency 1,16 (smoke test)
Output:
  --out FILE            JSON results (default bench/results/bench-<time>.json; a .md table is written too)
`;

// ---------- args ----------
function parseCli(argv) {
  const o = {
    targets: [], globalHeaders: {}, apiKey: 'sk-bench-mock', portkey: null, portkeyVersion: '1.15.2', portkeyHono: '1.14.1', baseline: true, baselineImpl: ['undici'],
    mockUrl: null, concurrency: [1, 16, 64], duration: 10, rounds: 2, warmup: 1, modes: ['chat', 'chat-stream'],
    chunks: 20, latency: 0, chunkDelay: 0, promptChars: 400, model: 'gpt-4o-mini', timeout: 30, maxTotal: 900, out: null,
  };
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const header = (v) => {
    const i = v.indexOf(':');
    if (i <= 0) throw new Error(`bad header '${v}', expected 'Name: value'`);
    return [v.slice(0, i).trim().toLowerCase(), v.slice(i + 1).trim()];
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]; let v;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) { v = a.slice(eq + 1); a = a.slice(0, eq); }
    const val = () => { if (v !== undefined) return v; if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    const last = o.targets[o.targets.length - 1];
    switch (a) {
      case '-h': case '--help': console.log(HELP); process.exit(0); break;
      case '--target': {
        const s = val(); const m = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(s);
        o.targets.push({ name: m ? m[1] : `gateway${o.targets.length + 1}`, url: m ? m[2] : s, headers: {}, spawn: null });
        break;
      }
      case '-H': case '--header': { const [k, hv] = header(val()); (last ? last.headers : o.globalHeaders)[k] = hv; break; }
      case '--spawn': if (!last) throw new Error('--spawn must follow a --target'); last.spawn = val(); break;
      case '--api-key': o.apiKey = val(); break;
      case '--portkey': o.portkey = v ?? ''; break;
      case '--portkey-version': o.portkeyVersion = val(); break;
      case '--portkey-hono': o.portkeyHono = val(); break;
      case '--no-baseline': o.baseline = false; break;
      case '--baseline-impl': o.baselineImpl = list(val()); break;
      case '--mock-url': o.mockUrl = val(); break;
      case '--concurrency': case '-c': o.concurrency = list(val()).map(Number); break;
      case '--duration': case '-d': o.duration = Number(val()); break;
      case '--rounds': o.rounds = Math.max(1, Number(val())); break;
      case '--warmup': o.warmup = Number(val()); break;
      case '--modes': o.modes = list(val()); break;
      case '--chunks': o.chunks = Number(val()); break;
      case '--latency': o.latency = Number(val()); break;
      case '--chunk-delay': o.chunkDelay = Number(val()); break;
      case '--prompt-chars': o.promptChars = Number(val()); break;
      case '--model': o.model = val(); break;
      case '--timeout': o.timeout = Number(val()); break;
      case '--max-total': o.maxTotal = Number(val()); break;
      case '--out': o.out = val(); break;
      case '--quick': Object.assign(o, { duration: 2, warmup: 0.5, rounds: 1, concurrency: [1, 16] }); break;
      default: throw new Error(`unknown argument ${a} (see --help)`);
    }
  }
  for (const m of o.modes) if (!['chat', 'chat-stream', 'messages', 'messages-stream'].includes(m)) throw new Error(`unknown mode ${m}`);
  if (o.concurrency.some((c) => !(c >= 1))) throw new Error('bad --concurrency');
  return o;
}

// ---------- processes ----------
const children = [];
let logDir;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function tcpReady(host, port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => { sock.destroy(); resolve(false); });
  });
}

// Starts a child with stdout/stderr going straight to a log file (no pipe through this process).
function startChild(name, cmd, args, { shell = false, env = {} } = {}) {
  const logFile = path.join(logDir, `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, shell, detached: shell });
  fs.closeSync(fd);
  const rec = { name, child, pid: child.pid, group: shell, logFile, exited: null };
  child.on('exit', (code, sig) => { rec.exited = { code, sig }; });
  children.push(rec);
  return rec;
}

async function waitReady(rec, host, port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (rec.exited) break;
    if (await tcpReady(host, port)) return;
    await sleep(100);
  }
  let tail = '';
  try { tail = fs.readFileSync(rec.logFile, 'utf8').slice(-1500); } catch {}
  throw new Error(`${rec.name} did not start listening on ${host}:${port}${rec.exited ? ` (exited ${JSON.stringify(rec.exited)})` : ''}; log ${rec.logFile}:\n${tail}`);
}

async function stopChildren() {
  const live = children.filter((c) => !c.exited);
  for (const c of live) {
    try { if (c.group) process.kill(-c.pid, 'SIGTERM'); else c.child.kill('SIGTERM'); } catch {}
  }
  const until = Date.now() + 3000;
  while (live.some((c) => !c.exited) && Date.now() < until) await sleep(50);
  for (const c of live) {
    if (c.exited) continue;
    try { if (c.group) process.kill(-c.pid, 'SIGKILL'); else c.child.kill('SIGKILL'); } catch {}
  }
}
process.on('exit', () => { for (const c of children) if (!c.exited) { try { if (c.group) process.kill(-c.pid, 'SIGKILL'); else c.child.kill('SIGKILL'); } catch {} } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { console.error(`\n${sig}: stopping`); await stopChildren(); process.exit(130); });

// ---------- CPU accounting (Linux /proc; silently absent elsewhere) ----------
let CLK_TCK = 100;
try { CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100; } catch {}
function procTable() {
  const t = new Map();
  let ents;
  try { ents = fs.readdirSync('/proc'); } catch { return null; }
  for (const e of ents) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const s = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      t.set(Number(e), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {}
  }
  return t;
}
// CPU ms of each root pid's process tree (utime+stime, plus reaped children's cutime+cstime).
function treeCpuMs(roots) {
  const t = procTable();
  if (!t) return roots.map(() => null);
  const kids = new Map();
  for (const [pid, { ppid }] of t) { if (!kids.has(ppid)) kids.set(ppid, []); kids.get(ppid).push(pid); }
  return roots.map((root) => {
    if (!root || !t.has(root)) return null;
    let ticks = 0; const stack = [root];
    while (stack.length) { const p = stack.pop(); ticks += t.get(p)?.ticks ?? 0; for (const k of kids.get(p) ?? []) stack.push(k); }
    return (ticks * 1000) / CLK_TCK;
  });
}
const selfCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

// ---------- request shapes ----------
const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ';
function buildRequests(o) {
  const prompt = LOREM.repeat(Math.ceil(o.promptChars / LOREM.length)).slice(0, o.promptChars);
  const chat = (stream) => Buffer.from(JSON.stringify({
    model: o.model, messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: prompt }],
    max_tokens: o.chunks, temperature: 0.7, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  }));
  const msgs = (stream) => Buffer.from(JSON.stringify({
    model: o.model.startsWith('claude') ? o.model : 'claude-3-5-haiku-latest', max_tokens: o.chunks, system: 'You are a helpful assistant.',
    messages: [{ role: 'user', content: prompt }], ...(stream ? { stream: true } : {}),
  }));
  const okStatus = (s) => (s >= 200 && s < 300 ? null : `HTTP ${s}`);
  return {
    chat: { api: 'chat', suffix: '/chat/completions', body: chat(false), keepText: 'all',
      check: (s, t) => okStatus(s) ?? (t.includes('"choices"') ? null : 'bad body (no choices)') },
    'chat-stream': { api: 'chat', suffix: '/chat/completions', body: chat(true), keepText: 'tail', stream: true,
      check: (s, t) => okStatus(s) ?? (t.includes('[DONE]') ? null : 'stream ended without [DONE]') },
    messages: { api: 'messages', suffix: '/messages', body: msgs(false), keepText: 'all',
      check: (s, t) => okStatus(s) ?? (t.includes('"content"') ? null : 'bad body (no content)') },
    'messages-stream': { api: 'messages', suffix: '/messages', body: msgs(true), keepText: 'tail', stream: true,
      check: (s, t) => okStatus(s) ?? (t.includes('message_stop') ? null : 'stream ended without message_stop') },
  };
}

// Short description of one reply: token usage, and for streams the number of SSE data events.
function describeReply(mode, text) {
  const usage = (u) => (u ? `usage ${u.prompt_tokens ?? u.input_tokens ?? '?'}+${u.completion_tokens ?? u.output_tokens ?? '?'}` : 'no usage');
  try {
    if (!mode.endsWith('stream')) return usage(JSON.parse(text).usage);
    const events = text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim());
    let u = null; let deltas = 0;
    for (const e of events) {
      if (e === '[DONE]') continue;
      try {
        const j = JSON.parse(e);
        if (j.usage && typeof j.usage === 'object') u = { ...u, ...j.usage };
        if (j.message?.usage) u = { ...u, ...j.message.usage };
        if (j.choices?.[0]?.delta?.content || j.delta?.text) deltas++;
      } catch {}
    }
    return `${events.length} events, ${deltas} text deltas, ${usage(u)}`;
  } catch { return 'unparsed reply'; }
}

function normBase(url) {
  const u = new URL(url);
  if (!['http:', 'https:'].includes(u.protocol)) throw new Error(`unsupported URL ${url}`);
  let p = u.pathname.replace(/\/+$/, '');
  if (p === '') p = '/v1';
  return { origin: u.origin, basePath: p, host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) };
}

async function mockStats(mockOrigin) {
  try {
    const r = await fetch(`${mockOrigin}/__mock/stats`);
    if (!r.ok) return null;
    const s = await r.json();
    return s.chat + s.chatStream + s.messages + s.messagesStream;
  } catch { return null; }
}

// ---------- formatting ----------
const f1 = (x) => (x == null ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fs1 = (x) => (x == null ? '-' : (x >= 0 ? '+' : '-') + f1(Math.abs(x)));
const COLS = [
  ['mode', 15, (r) => r.mode], ['conc', 5, (r) => String(r.concurrency)], ['target', 16, (r) => r.target],
  ['req/s', 8, (r) => r.rps.toFixed(0)], ['p50 ms', 8, (r) => f1(r.latency_ms.p50)], ['p90 ms', 8, (r) => f1(r.latency_ms.p90)],
  ['p99 ms', 8, (r) => f1(r.latency_ms.p99)], ['ttfc50', 7, (r) => (r.stream ? f1(r.ttfc_ms.p50) : '-')],
  ['ttfc99', 7, (r) => (r.stream ? f1(r.ttfc_ms.p99) : '-')], ['err', 5, (r) => String(r.errors)],
  ['+p50 ms', 8, (r) => (r.target === 'direct' ? '-' : fs1(r.vs_direct?.added_p50_ms))],
  ['+ttfc50', 8, (r) => (r.target === 'direct' || !r.stream ? '-' : fs1(r.vs_direct?.added_ttfc_p50_ms))],
  ['rps/dir', 8, (r) => (r.target === 'direct' ? '-' : r.vs_direct?.rps_ratio == null ? '-' : r.vs_direct.rps_ratio.toFixed(2))],
  ['cpu µs/req', 10, (r) => (r.proxy_cpu_us_per_req == null ? '-' : r.proxy_cpu_us_per_req.toFixed(0))],
];
const tableHeader = () => COLS.map(([h, w], i) => (i < 3 ? h.padEnd(w) : h.padStart(w))).join(' ');
const tableRow = (r) => COLS.map(([, w, fn], i) => (i < 3 ? fn(r).padEnd(w) : fn(r).padStart(w))).join(' ');
const mdTable = (rows) => [`| ${COLS.map(([h]) => h).join(' | ')} |`, `|${COLS.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`,
  ...rows.map((r) => `| ${COLS.map(([, , fn]) => fn(r)).join(' | ')} |`)].join('\n');

// ---------- main ----------
async function main() {
  const o = parseCli(process.argv.slice(2));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-bench-'));
  const outFile = path.resolve(o.out ?? path.join(HERE, '..', 'results', `bench-${stamp}.json`));
  const hardStop = setTimeout(async () => { console.error(`\n--max-total ${o.maxTotal}s reached: aborting`); await stopChildren(); process.exit(3); }, o.maxTotal * 1000);
  const reqs = buildRequests(o);
  const api = (m) => reqs[m].api;

  // 1. mock
  let mockUrl = o.mockUrl; let mockPid = null;
  if (!mockUrl) {
    const port = await freePort();
    const rec = startChild('mock-upstream', process.execPath, [path.join(HERE, 'mock-upstream.mjs'), '--port', String(port),
      '--latency', String(o.latency), '--chunk-delay', String(o.chunkDelay), '--chunks', String(o.chunks)]);
    await waitReady(rec, '127.0.0.1', port, 15_000);
    mockUrl = `http://127.0.0.1:${port}/v1`; mockPid = rec.pid;
  }
  const mock = normBase(mockUrl);
  const subst = (s) => s.replaceAll('{mock}', `${mock.origin}${mock.basePath}`).replaceAll('{mock_origin}', mock.origin);

  // 2. targets
  const targets = [{ name: 'direct', ...mock, headers: {}, pids: [], kind: 'direct' }];
  if (o.baseline) {
    for (const impl of o.baselineImpl) {
      const port = await freePort();
      const name = o.baselineImpl.length > 1 ? `baseline-${impl}` : 'baseline';
      const rec = startChild(name, process.execPath, [path.join(HERE, 'baseline-proxy.mjs'), '--port', String(port), '--upstream', mock.origin, '--impl', impl]);
      await waitReady(rec, '127.0.0.1', port, 15_000);
      targets.push({ name, ...normBase(`http://127.0.0.1:${port}${mock.basePath}`), headers: {}, pids: [rec.pid], kind: 'baseline' });
    }
  }
  if (o.portkey !== null) {
    const dir = o.portkey || process.env.PORTKEY_DIR || path.join(os.tmpdir(), 'bench-portkey');
    const entry = path.join(dir, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
    if (!fs.existsSync(entry)) {
      // @hono/node-server >= 1.14.2 hands Portkey immutable response headers and every streamed chat completion
      // fails with 500 'TypeError: immutable' (Portkey-AI/gateway#1389); 1.14.1 is the last version that works.
      console.log(`installing @portkey-ai/gateway@${o.portkeyVersion} (@hono/node-server ${o.portkeyHono}) into ${dir} ...`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-portkey', private: true,
        dependencies: { '@portkey-ai/gateway': o.portkeyVersion },
        ...(o.portkeyHono === 'latest' ? {} : { overrides: { '@hono/node-server': o.portkeyHono } }) }, null, 2));
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
    }
    const pkgVersion = (p) => { try { return JSON.parse(fs.readFileSync(p, 'utf8')).version; } catch { return '?'; } };
    const version = `${pkgVersion(path.join(path.dirname(entry), '..', 'package.json'))} (@hono/node-server ${
      [path.join(path.dirname(entry), '..', 'node_modules'), path.join(dir, 'node_modules')].map((d) => path.join(d, '@hono', 'node-server', 'package.json'))
        .filter((f) => fs.existsSync(f)).map(pkgVersion)[0] ?? '?'})`;
    const port = await freePort();
    // Portkey's node server always listens on all interfaces; the preload rebinds it to 127.0.0.1.
    const rec = startChild('portkey', process.execPath, ['--import', path.join(HERE, 'force-loopback.mjs'), entry, `--port=${port}`, '--headless']);
    await waitReady(rec, '127.0.0.1', port, 30_000);
    targets.push({ name: 'portkey', ...normBase(`http://127.0.0.1:${port}/v1`), kind: 'gateway', version, pids: [rec.pid],
      headers: { ...o.globalHeaders },
      apiHeaders: {
        chat: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': subst('{mock}') },
        messages: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': subst('{mock}') },
      } });
  }
  for (const t of o.targets) {
    const b = normBase(subst(t.url));
    const rec = { name: t.name, ...b, kind: 'gateway', pids: [], headers: { ...o.globalHeaders, ...t.headers } };
    if (t.spawn) {
      const c = startChild(t.name, subst(t.spawn), [], { shell: true, env: { MOCK_URL: `${mock.origin}${mock.basePath}`, MOCK_ORIGIN: mock.origin, TARGET_PORT: String(b.port) } });
      await waitReady(c, b.host, b.port, 60_000);
      rec.pids = [c.pid];
    }
    targets.push(rec);
  }
  for (const t of targets) {
    for (const k of Object.keys(t.headers)) t.headers[k] = subst(t.headers[k]);
    t.modeHeaders = {};
    for (const m of o.modes) {
      t.modeHeaders[m] = { 'content-type': 'application/json', authorization: `Bearer ${o.apiKey}`, 'x-api-key': o.apiKey,
        ...(api(m) === 'messages' ? { 'anthropic-version': '2023-06-01' } : {}), ...t.headers, ...(t.apiHeaders?.[api(m)] ?? {}) };
    }
  }

  const durS = o.modes.length * o.concurrency.length * targets.length * (o.duration + o.warmup);
  console.log(`gateway-bench: ${targets.map((t) => `${t.name}=${t.origin}${t.basePath}${t.version ? ` [${t.version}]` : ''}`).join('  ')}`);
  console.log(`client ${clientImpl()}, node ${process.version}, ${os.cpus().length} cpus; modes ${o.modes.join(',')}; concurrency ${o.concurrency.join(',')}; ` +
    `${o.duration}s x ${o.rounds} round(s) + ${o.warmup}s warmup per target per level (~${Math.round(durS)}s); mock latency ${o.latency}ms, ` +
    `chunk delay ${o.chunkDelay}ms, ${o.chunks} chunks; logs in ${logDir}`);

  // 3. preflight: one request per target and mode; a target that fails is skipped for that mode.
  //    It also records what came back (SSE events, usage), so a gateway that drops chunks or usage shows up.
  const skip = new Set(); const preflight = {};
  for (const m of o.modes) {
    for (const t of targets) {
      const cl = createClient(t.origin, 1, { timeoutMs: o.timeout * 1000 });
      let problem = null; let info = '';
      try {
        const r = await cl.request(t.basePath + reqs[m].suffix, t.modeHeaders[m], reqs[m].body, 'all');
        const bad = reqs[m].check(r.status, r.text);
        if (bad) problem = `${bad}: ${r.text.slice(0, 300)}`;
        else info = describeReply(m, r.text);
      } catch (e) { problem = `${e.code ?? ''} ${e.message}`; }
      await cl.close();
      (preflight[t.name] ??= {})[m] = problem ? `FAILED: ${problem}` : info;
      if (problem) { skip.add(`${m}|${t.name}`); console.log(`preflight ${m} ${t.name}: FAILED (${problem.replace(/\s+/g, ' ')}) -> skipped`); }
    }
  }
  for (const t of targets) console.log(`preflight ${t.name}: ${Object.entries(preflight[t.name]).map(([m, v]) => `${m} ${v.startsWith('FAILED') ? 'FAILED' : v}`).join('; ')}`);

  // 4. measure: per mode and level, every target warms up, then `rounds` interleaved slices, rotating the order
  const results = [];
  console.log(`\n${tableHeader()}`);
  let cell = 0;
  const mockCounting = (await mockStats(mock.origin)) != null;
  for (const m of o.modes) {
    const R = reqs[m];
    for (const c of o.concurrency) {
      const active = targets.filter((t) => !skip.has(`${m}|${t.name}`));
      const acc = new Map(active.map((t) => [t.name, { lat: new Samples(), ttfb: new Samples(), ok: 0, errors: 0, errorKinds: {}, elapsedMs: 0, upstream: 0, cpu: { proxy: 0, mock: 0, loadgen: 0 }, cpuKnown: true }]));
      const clients = new Map(active.map((t) => [t.name, createClient(t.origin, c, { timeoutMs: o.timeout * 1000 })]));
      const order = (k) => active.map((_, i) => active[(i + k) % active.length]);
      const slice = (t, ms) => runSlice({ client: clients.get(t.name), path: t.basePath + R.suffix, headers: t.modeHeaders[m], body: R.body,
        concurrency: c, durationMs: ms, check: R.check, keepText: R.keepText, graceMs: o.timeout * 1000 + 1000 });
      if (o.warmup > 0) for (const t of order(cell)) await slice(t, o.warmup * 1000);
      for (let r = 0; r < o.rounds; r++) {
        for (const t of order(cell + r)) {
          const a = acc.get(t.name);
          const up0 = mockCounting ? await mockStats(mock.origin) : null;
          const [p0, m0] = treeCpuMs([t.pids[0], mockPid]); const l0 = selfCpuMs();
          const s = await slice(t, (o.duration * 1000) / o.rounds);
          const [p1, m1] = treeCpuMs([t.pids[0], mockPid]); const l1 = selfCpuMs();
          const up1 = mockCounting ? await mockStats(mock.origin) : null;
          a.lat.concat(s.lat); a.ttfb.concat(s.ttfb); a.ok += s.ok; a.errors += s.errors; a.elapsedMs += s.elapsedMs;
          for (const [k, v] of Object.entries(s.errorKinds)) a.errorKinds[k] = (a.errorKinds[k] ?? 0) + v;
          if (up0 != null && up1 != null) a.upstream += up1 - up0;
          if (p0 != null && p1 != null) a.cpu.proxy += p1 - p0; else a.cpuKnown = false;
          if (m0 != null && m1 != null) a.cpu.mock += m1 - m0;
          a.cpu.loadgen += l1 - l0;
        }
      }
      for (const cl of clients.values()) await cl.close();
      const rows = [];
      for (const t of active) {
        const a = acc.get(t.name);
        const pct = (s) => { const p = s.percentiles([50, 90, 99]); return { p50: p[50], p90: p[90], p99: p[99], mean: s.mean() }; };
        const perReq = (ms) => (a.ok ? (ms * 1000) / a.ok : null);
        rows.push({
          mode: m, stream: !!R.stream, concurrency: c, target: t.name, kind: t.kind, url: `${t.origin}${t.basePath}${R.suffix}`,
          requests_ok: a.ok, errors: a.errors, error_kinds: a.errorKinds, seconds: a.elapsedMs / 1000, rps: a.ok / (a.elapsedMs / 1000),
          latency_ms: pct(a.lat), ttfc_ms: R.stream ? pct(a.ttfb) : null,
          upstream_requests: mockCounting ? a.upstream : null,
          proxy_cpu_us_per_req: t.pids.length && a.cpuKnown ? perReq(a.cpu.proxy) : null,
          mock_cpu_us_per_req: mockPid ? perReq(a.cpu.mock) : null, loadgen_cpu_us_per_req: perReq(a.cpu.loadgen),
        });
      }
      const d = rows.find((r) => r.target === 'direct');
      for (const r of rows) {
        if (!d || r === d) continue;
        r.vs_direct = {
          added_p50_ms: r.latency_ms.p50 - d.latency_ms.p50, added_p99_ms: r.latency_ms.p99 - d.latency_ms.p99,
          added_ttfc_p50_ms: r.stream ? r.ttfc_ms.p50 - d.ttfc_ms.p50 : null, rps_ratio: d.rps ? r.rps / d.rps : null,
        };
      }
      for (const r of rows) {
        console.log(tableRow(r));
        if (r.errors) console.log(`    errors: ${JSON.stringify(r.error_kinds)}`);
        if (r.upstream_requests != null && r.upstream_requests < r.requests_ok) console.log(`    warning: only ${r.upstream_requests} of ${r.requests_ok} requests reached the mock (gateway cache?)`);
      }
      results.push(...rows);
      cell++;
    }
  }

  // 5. output
  clearTimeout(hardStop);
  await stopChildren();
  const meta = {
    time: new Date().toISOString(), node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model, load_client: clientImpl(), config: { ...o, targets: undefined, globalHeaders: undefined },
    targets: targets.map((t) => ({ name: t.name, kind: t.kind, url: `${t.origin}${t.basePath}`, version: t.version, spawned: t.pids.length > 0 })),
    skipped: [...skip], preflight, logs: logDir,
    notes: 'latency = request sent -> body fully read; ttfc = first body chunk; vs_direct compares with direct-to-mock in the same cell; ' +
      'proxy_cpu_us_per_req = CPU time of the target process tree per successful request (spawned targets only)',
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify({ meta, results }, null, 2)}\n`);
  const mdFile = outFile.replace(/\.json$/, '') + '.md';
  fs.writeFileSync(mdFile, `# gateway bench ${meta.time}\n\n${meta.node}, ${meta.cpus} cpus (${meta.cpu_model}), client ${meta.load_client}; ` +
    `${o.duration}s x ${o.rounds} round(s) per target per level after ${o.warmup}s warmup; mock latency ${o.latency}ms, chunk delay ${o.chunkDelay}ms, ` +
    `${o.chunks} chunks; targets: ${meta.targets.map((t) => `${t.name}${t.version ? ` ${t.version}` : ''}`).join(', ')}\n\n${mdTable(results)}\n`);
  console.log(`\nwrote ${outFile}\n      ${mdFile}`);
}

main().catch(async (e) => { console.error(`error: ${e.message}`); await stopChildren(); process.exit(1); });
