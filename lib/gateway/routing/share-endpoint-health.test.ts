import { afterEach, describe, expect, it, vi } from "vitest";
import { createEndpointHealth, type RemoteEndpointHealthReport } from "./endpoint-health";
import { shareEndpointHealth, type EndpointHealthReportStore } from "./share-endpoint-health";

const key = "groq/vendor/model";

/** The database's part, in memory: one row per instance and endpoint. */
function createMemoryStore() {
  const rows = new Map<string, RemoteEndpointHealthReport>();
  const calls = { publish: 0, published: 0, prune: 0 };
  const store: EndpointHealthReportStore = {
    async publish({ instanceId, reports, updatedAt }) {
      calls.publish += 1;
      calls.published += reports.length;
      for (const report of reports) rows.set(`${instanceId} ${report.key}`, { ...report, instanceId, updatedAt });
    },
    async readFresh({ excludeInstanceId, updatedSince }) {
      return [...rows.values()].filter((row) => row.instanceId !== excludeInstanceId && row.updatedAt >= updatedSince);
    },
    async prune({ updatedBefore }) {
      calls.prune += 1;
      for (const [rowKey, row] of rows) if (row.updatedAt < updatedBefore) rows.delete(rowKey);
    },
  };
  return { store, rows, calls };
}

function setup() {
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance(milliseconds: number) {
      time += milliseconds;
    },
  };
  const { store, rows, calls } = createMemoryStore();
  const log = vi.fn();
  function instance(instanceId: string) {
    const health = createEndpointHealth({ now: clock.now, consecutiveFailureLimit: 2, cooldownMs: 10_000 });
    const sharing = shareEndpointHealth({ health, store, instanceId, now: clock.now, start: false, log });
    return { health, sharing };
  }
  return { clock, store, rows, calls, log, instance };
}

describe("shareEndpointHealth", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("carries an open breaker from one instance to another in one round each", async () => {
    const { instance } = setup();
    const first = instance("first");
    const second = instance("second");
    first.health.recordFailure(key);
    first.health.recordFailure(key);
    await first.sharing.syncNow();
    expect(second.health.canAttempt(key)).toBe(true);
    await second.sharing.syncNow();
    expect(second.health.canAttempt(key)).toBe(false);
    expect(second.health.stats(key)).toMatchObject({ state: "open", cooldownUntil: 1_010_000, requests: 2, failures: 2 });
  });

  it("combines the instances' figures without counting its own twice", async () => {
    const { instance } = setup();
    const first = instance("first");
    const second = instance("second");
    first.health.recordSuccess(key, { timeToFirstTokenMs: 100 });
    second.health.recordSuccess(key, { timeToFirstTokenMs: 300 });
    second.health.recordFailure(key);
    await first.sharing.syncNow();
    await second.sharing.syncNow();
    await first.sharing.syncNow();
    expect(first.health.stats(key)).toMatchObject({ requests: 3, failures: 1, timeToFirstTokenMs: (100 + 2 * 300) / 3 });
    expect(second.health.stats(key)).toMatchObject({ requests: 3, failures: 1 });
  });

  it("writes only what changed, plus a heartbeat that keeps unchanged reports fresh", async () => {
    const { instance, calls, clock } = setup();
    const first = instance("first");
    const second = instance("second");
    first.health.recordSuccess(key);
    await first.sharing.syncNow();
    expect(calls.published).toBe(1);
    clock.advance(2_000);
    await first.sharing.syncNow();
    expect(calls.published).toBe(1);
    first.health.recordFailure(key);
    await first.sharing.syncNow();
    expect(calls.published).toBe(2);
    clock.advance(10_000);
    await first.sharing.syncNow();
    expect(calls.published).toBe(3);
    // 35 s after the last change, the report is still fresh thanks to the heartbeat.
    clock.advance(25_000);
    await second.sharing.syncNow();
    expect(second.health.stats(key)?.requests).toBe(2);
  });

  it("ignores and prunes the reports of an instance that stopped publishing", async () => {
    const { instance, rows, clock } = setup();
    const first = instance("first");
    const second = instance("second");
    first.health.recordSuccess(key);
    await first.sharing.syncNow();
    await first.sharing.stop();
    await second.sharing.syncNow();
    expect(second.health.stats(key)?.requests).toBe(1);
    clock.advance(30_001);
    await second.sharing.syncNow();
    expect(second.health.stats(key)).toBeUndefined();
    expect([...rows.keys()]).toEqual([]);
  });

  it("logs a failing store once, keeps going and says when it recovers", async () => {
    const { instance, store, log } = setup();
    const first = instance("first");
    first.health.recordSuccess(key);
    const readFresh = vi.spyOn(store, "readFresh").mockRejectedValue(new Error("connection refused"));
    await first.sharing.syncNow();
    await first.sharing.syncNow();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[1]).toEqual(new Error("connection refused"));
    readFresh.mockRestore();
    await first.sharing.syncNow();
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[1]?.[0]).toMatch(/works again/);
  });

  it("never runs two rounds at once", async () => {
    const { instance, calls } = setup();
    const first = instance("first");
    first.health.recordSuccess(key);
    await Promise.all([first.sharing.syncNow(), first.sharing.syncNow()]);
    expect(calls.publish).toBe(1);
  });

  it("runs rounds on an unref'd timer until stopped", async () => {
    vi.useFakeTimers();
    const { store } = createMemoryStore();
    const readFresh = vi.spyOn(store, "readFresh");
    const health = createEndpointHealth();
    const sharing = shareEndpointHealth({ health, store, instanceId: "timed", intervalMs: 2_000 });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(readFresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(readFresh).toHaveBeenCalledTimes(3);
    await sharing.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(readFresh).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
