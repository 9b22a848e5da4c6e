// BENCHMARKS.md at the repository root: prose written by people, plus one
// generated section between markers that `npm run bench -- --update-benchmarks`
// rewrites, so a new run never clobbers the analysis around it.
import fs from "node:fs";
import os from "node:os";

export const RESULTS_START_MARKER = "<!-- bench:results:start -->";
export const RESULTS_END_MARKER = "<!-- bench:results:end -->";

function describeMachine() {
  const processors = os.cpus();
  const gibibytes = (os.totalmem() / 1024 ** 3).toFixed(1);
  return [
    `- CPU: ${processors.length} × ${processors[0]?.model?.trim() ?? "unknown"}`,
    `- Memory: ${gibibytes} GiB`,
    `- OS: ${os.platform()} ${os.release()}`,
    `- Node: ${process.version}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
  ].join("\n");
}

function skeleton() {
  return `# Benchmarks

What Switchyard costs on top of its upstream, measured with the load harness in \`bench/\`.

## Machine

${describeMachine()}

## Method

\`npm run bench\` starts a mock OpenAI upstream (\`bench/harness/mock-upstream.mjs\`, instant replies of 20 tokens)
and measures, interleaved in one run:

- **direct**: load generator → mock; the reference for every ratio.
- **baseline**: load generator → the thinnest Node pass-through proxy → mock; the floor for any Node gateway.
- **switchyard**: load generator → \`node scripts/start.mjs\` (production build, scratch SQLite database, a real API
  key with credits, so authentication, routing, billing and request logging all run) → mock, as \`openai/gpt-4o-mini\`.

The load is closed loop: N workers each send the next request as soon as the previous body is fully read, at
concurrency 1, 16 and 64, for non-streaming and streaming chat completions. Latency is request sent → body read;
TTFC is request sent → first body chunk. The load generator, the mock and the server share the same cores, so
compare rows within one run: c=1 rows show added latency, high-concurrency rows show throughput.

\`npm run bench:soak\` watches the server's resident memory under steady load; \`npm run bench:startup\` times a
cold start to the first answered request.

## Results

${RESULTS_START_MARKER}
${RESULTS_END_MARKER}

## Analysis

`;
}

/** Replaces what is between the markers with `generatedMarkdown`, creating the file from a skeleton if needed. */
export function updateBenchmarksResults({ file, generatedMarkdown }) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : skeleton();
  const start = current.indexOf(RESULTS_START_MARKER);
  const end = current.indexOf(RESULTS_END_MARKER);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`${file} has no ${RESULTS_START_MARKER} ... ${RESULTS_END_MARKER} section to update`);
  }
  const updated =
    current.slice(0, start + RESULTS_START_MARKER.length) +
    `\n${generatedMarkdown.trim()}\n` +
    current.slice(end);
  fs.writeFileSync(file, updated);
}
