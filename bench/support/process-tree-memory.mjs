// Resident memory of a process and all its descendants, from Linux /proc.
// `node scripts/start.mjs` may serve by itself or run `next start` as a
// child (and tsx keeps an esbuild service alive), so the server's memory is
// the sum over the tree, not the RSS of the pid we spawned.
import fs from "node:fs";

function readParentProcessIds() {
  const parentOf = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (field 2) may contain spaces and parentheses; fields after the last ")" are safe to split.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we were listing.
    }
  }
  return parentOf;
}

/** The command line, which tells `node scripts/start.mjs` from `next-server`; status's Name is cut at 15 characters. */
function readCommand(processId, fallback) {
  try {
    const words = fs.readFileSync(`/proc/${processId}/cmdline`, "utf8").split("\0").filter(Boolean);
    const command = words.map((word, index) => (index === 0 && words.length > 1 ? word.split("/").at(-1) : word)).join(" ");
    return command.length > 48 ? `${command.slice(0, 47)}…` : command || fallback;
  } catch {
    return fallback;
  }
}

function readStatusFields(processId) {
  const status = fs.readFileSync(`/proc/${processId}/status`, "utf8");
  const name = readCommand(processId, /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?");
  // Kernel threads and zombies have no VmRSS line: they hold no user memory.
  const residentKilobytes = Number(/^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1] ?? 0);
  return { name, residentKilobytes };
}

/**
 * Returns { residentKilobytes, processes: [{ processId, name, residentKilobytes }] }
 * for `rootProcessId` and its descendants, or null when the root is gone.
 */
export function readProcessTreeMemory(rootProcessId) {
  if (!fs.existsSync(`/proc/${rootProcessId}`)) return null;
  const childrenOf = new Map();
  for (const [processId, parentId] of readParentProcessIds()) {
    if (!childrenOf.has(parentId)) childrenOf.set(parentId, []);
    childrenOf.get(parentId).push(processId);
  }
  const processes = [];
  const pending = [rootProcessId];
  while (pending.length > 0) {
    const processId = pending.pop();
    try {
      processes.push({ processId, ...readStatusFields(processId) });
    } catch {
      continue;
    }
    pending.push(...(childrenOf.get(processId) ?? []));
  }
  const residentKilobytes = processes.reduce((total, entry) => total + entry.residentKilobytes, 0);
  return { residentKilobytes, processes };
}
