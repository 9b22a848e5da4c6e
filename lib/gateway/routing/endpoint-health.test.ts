import { describe, expect, it } from "vitest";
import { createEndpointHealth, type EndpointHealthOptions, type RemoteEndpointHealthReport } from "./endpoint-health";

const key = "groq/vendor/model";

function setup(options: EndpointHealthOptions = {}) {
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance(milliseconds: number) {
      time += milliseconds;
    },
  };
  const health = createEndpointHealth({ now: () => time, consecutiveFailureLimit: 3, cooldownMs: 10_000, maximumCooldownMs: 35_000, ...options });
  return { health, clock };
}

function fail(health: ReturnType<typeof createEndpointHealth>, times: number) {
  for (let count = 0; count < times; count++) health.recordFailure(key);
}

describe("createEndpointHealth", () => {
  it("treats an unknown endpoint as healthy", () => {
    const { health } = setup();
    expect(health.canAttempt(key)).toBe(true);
    expect(health.stats(key)).toBeUndefined();
    expect(health.snapshot()).toEqual([]);
  });

  it("opens after N failures in a row, and a success in between resets the count", () => {
    const { health } = setup();
    fail(health, 2);
    health.recordSuccess(key);
    fail(health, 2);
    expect(health.stats(key)?.state).toBe("closed");
    fail(health, 1);
    expect(health.stats(key)).toMatchObject({ state: "open", cooldownUntil: 1_010_000, consecutiveFailures: 3 });
    expect(health.canAttempt(key)).toBe(false);
    expect(health.tryAcquire(key)).toBe(false);
  });

  it("opens when the error rate passes the limit over enough requests", () => {
    const { health } = setup({ consecutiveFailureLimit: 100, errorRateLimit: 0.5, minimumRequests: 6 });
    // Alternating keeps failures from running in a row: 3 of 6 is 50%, not above the limit; 4 of 7 is.
    for (let round = 0; round < 3; round++) {
      health.recordSuccess(key);
      health.recordFailure(key);
    }
    expect(health.stats(key)).toMatchObject({ state: "closed", requests: 6, failures: 3, errorRate: 0.5 });
    health.recordFailure(key);
    expect(health.stats(key)?.state).toBe("open");
  });

  it("does not judge the error rate below the minimum number of requests", () => {
    const { health } = setup({ consecutiveFailureLimit: 100, minimumRequests: 10 });
    health.recordSuccess(key);
    fail(health, 5);
    expect(health.stats(key)?.state).toBe("closed");
  });

  it("forgets outcomes older than the window", () => {
    const { health, clock } = setup({ consecutiveFailureLimit: 100, minimumRequests: 4, windowMs: 60_000 });
    fail(health, 3);
    clock.advance(61_000);
    health.recordSuccess(key);
    health.recordSuccess(key);
    health.recordSuccess(key);
    health.recordFailure(key);
    expect(health.stats(key)).toMatchObject({ state: "closed", requests: 4, failures: 1 });
  });

  it("goes half-open after the cooldown and lets one probe through at a time", () => {
    const { health, clock } = setup();
    fail(health, 3);
    clock.advance(9_999);
    expect(health.canAttempt(key)).toBe(false);
    clock.advance(1);
    expect(health.stats(key)?.state).toBe("half-open");
    expect(health.canAttempt(key)).toBe(true);
    expect(health.tryAcquire(key)).toBe(true);
    expect(health.canAttempt(key)).toBe(false);
    expect(health.tryAcquire(key)).toBe(false);
    health.release(key);
    expect(health.tryAcquire(key)).toBe(true);
  });

  it("closes on a successful probe and starts counting afresh", () => {
    const { health, clock } = setup();
    fail(health, 3);
    clock.advance(10_000);
    health.tryAcquire(key);
    health.recordSuccess(key);
    expect(health.stats(key)).toMatchObject({ state: "closed", consecutiveFailures: 0, requests: 0, probeInFlight: false });
    fail(health, 2);
    expect(health.stats(key)?.state).toBe("closed");
  });

  it("reopens on a failed probe with a growing, capped cooldown", () => {
    const { health, clock } = setup();
    fail(health, 3);
    const cooldowns: number[] = [];
    for (let probe = 0; probe < 4; probe++) {
      const cooldown = (health.stats(key)?.cooldownUntil ?? 0) - clock.now();
      cooldowns.push(cooldown);
      clock.advance(cooldown);
      expect(health.tryAcquire(key)).toBe(true);
      health.recordFailure(key);
    }
    expect(cooldowns).toEqual([10_000, 20_000, 35_000, 35_000]);
    expect(health.stats(key)?.state).toBe("open");
  });

  it("resets the cooldown once the breaker closes", () => {
    const { health, clock } = setup();
    fail(health, 3);
    clock.advance(10_000);
    health.tryAcquire(key);
    health.recordFailure(key); // 20 s now
    clock.advance(20_000);
    health.tryAcquire(key);
    health.recordSuccess(key);
    fail(health, 3);
    expect(health.stats(key)?.cooldownUntil).toBe(1_030_000 + 10_000);
  });

  it("lets late results from before the opening change nothing", () => {
    const { health } = setup();
    fail(health, 3);
    health.recordSuccess(key);
    health.recordFailure(key);
    expect(health.stats(key)).toMatchObject({ state: "open", cooldownUntil: 1_010_000 });
  });

  it("averages time to first token and throughput", () => {
    const { health } = setup({ smoothing: 0.5 });
    health.recordSuccess(key, { timeToFirstTokenMs: 200, tokensPerSecond: 100 });
    health.recordSuccess(key, { timeToFirstTokenMs: 400 });
    health.recordSuccess(key, { tokensPerSecond: 50 });
    expect(health.stats(key)).toMatchObject({ timeToFirstTokenMs: 300, tokensPerSecond: 75 });
  });

  it("reports uptime as the share of the window the breaker was closed", () => {
    const { health, clock } = setup({ windowMs: 100_000 });
    health.recordSuccess(key);
    clock.advance(50_000);
    fail(health, 3); // open from 50 s
    clock.advance(10_000);
    health.tryAcquire(key);
    health.recordSuccess(key); // closed again at 60 s
    clock.advance(40_000);
    expect(health.stats(key)?.uptime).toBeCloseTo(0.9);
    clock.advance(100_000);
    expect(health.stats(key)?.uptime).toBe(1);
  });

  it("flags a recent outage for a while after a failure", () => {
    const { health, clock } = setup({ recentOutageMs: 30_000 });
    health.recordFailure(key);
    expect(health.hadRecentOutage(key)).toBe(true);
    clock.advance(30_000);
    expect(health.hadRecentOutage(key)).toBe(false);
    expect(health.hadRecentOutage("other/vendor/model")).toBe(false);
  });

  it("snapshots every endpoint seen", () => {
    const { health } = setup();
    health.recordSuccess("a/vendor/model");
    health.recordFailure("b/vendor/model");
    expect(health.snapshot().map((stats) => [stats.key, stats.requests, stats.failures, stats.state])).toEqual([
      ["a/vendor/model", 1, 0, "closed"],
      ["b/vendor/model", 1, 1, "closed"],
    ]);
  });

  it("keeps at most maximumSamples outcomes", () => {
    const { health } = setup({ maximumSamples: 5 });
    for (let count = 0; count < 20; count++) health.recordSuccess(key);
    expect(health.stats(key)?.requests).toBe(5);
  });
});

describe("sharing with other instances", () => {
  function remote(overrides: Partial<RemoteEndpointHealthReport> = {}): RemoteEndpointHealthReport {
    return {
      instanceId: "other",
      key,
      state: "closed",
      cooldownUntil: null,
      requests: 0,
      failures: 0,
      uptime: 1,
      timeToFirstTokenMs: null,
      tokensPerSecond: null,
      lastFailureAt: null,
      updatedAt: 1_000_000,
      ...overrides,
    };
  }

  it("exports this instance's own figures, with wall-clock times", () => {
    const { health, clock } = setup();
    health.recordSuccess(key, { timeToFirstTokenMs: 200, tokensPerSecond: 50 });
    clock.advance(1_000);
    fail(health, 3);
    health.mergeRemote([remote({ requests: 100, failures: 0 })]);
    expect(health.exportReports()).toEqual([
      {
        key,
        state: "open",
        cooldownUntil: 1_011_000,
        requests: 4,
        failures: 3,
        uptime: 1,
        timeToFirstTokenMs: 200,
        tokensPerSecond: 50,
        lastFailureAt: 1_001_000,
      },
    ]);
  });

  it("opens an endpoint another instance holds open until that cooldown ends, then probes it here", () => {
    const { health, clock } = setup();
    health.recordSuccess(key);
    health.mergeRemote([remote({ state: "open", cooldownUntil: 1_020_000, lastFailureAt: 999_000 })]);
    expect(health.canAttempt(key)).toBe(false);
    expect(health.tryAcquire(key)).toBe(false);
    expect(health.stats(key)).toMatchObject({ state: "open", cooldownUntil: 1_020_000 });
    expect(health.hadRecentOutage(key)).toBe(true);
    clock.advance(20_000);
    expect(health.stats(key)?.state).toBe("half-open");
    expect(health.tryAcquire(key)).toBe(true);
    expect(health.tryAcquire(key)).toBe(false);
    health.recordSuccess(key);
    expect(health.stats(key)?.state).toBe("closed");
  });

  it("opens an endpoint it has never seen when another instance holds it open", () => {
    const { health } = setup();
    health.mergeRemote([remote({ key: "unseen/vendor/model", state: "open", cooldownUntil: 1_005_000 })]);
    expect(health.canAttempt("unseen/vendor/model")).toBe(false);
    expect(health.canAttempt(key)).toBe(true);
  });

  it("backs off from the adopted cooldown when the probe here fails", () => {
    const { health, clock } = setup();
    health.mergeRemote([remote({ state: "open", cooldownUntil: 1_015_000 })]);
    clock.advance(15_000);
    expect(health.tryAcquire(key)).toBe(true);
    health.recordFailure(key);
    expect(health.stats(key)?.cooldownUntil).toBe(1_015_000 + 30_000);
  });

  it("keeps its own longer cooldown and caps one it adopts at the longest it would choose", () => {
    const { health } = setup();
    fail(health, 3); // open until 1_010_000
    health.mergeRemote([remote({ state: "open", cooldownUntil: 1_005_000 })]);
    expect(health.stats(key)?.cooldownUntil).toBe(1_010_000);
    health.mergeRemote([remote({ state: "open", cooldownUntil: 9_999_999_999 })]);
    expect(health.stats(key)?.cooldownUntil).toBe(1_000_000 + 35_000);
  });

  it("ignores an open breaker whose cooldown has passed, and other states", () => {
    const { health } = setup();
    health.mergeRemote([
      remote({ state: "open", cooldownUntil: 1_000_000 }),
      remote({ instanceId: "third", state: "half-open" }),
    ]);
    expect(health.canAttempt(key)).toBe(true);
    expect(health.stats(key)?.state).toBe("closed");
  });

  it("ignores stale reports, both when merging and once they age", () => {
    const { health, clock } = setup({ remoteReportMaximumAgeMs: 30_000 });
    health.mergeRemote([remote({ state: "open", cooldownUntil: 1_020_000, requests: 5, failures: 5, updatedAt: 969_999 })]);
    expect(health.canAttempt(key)).toBe(true);
    expect(health.stats(key)).toBeUndefined();
    expect(health.snapshot()).toEqual([]);

    health.mergeRemote([remote({ requests: 5, failures: 1, lastFailureAt: 999_000 })]);
    expect(health.stats(key)).toMatchObject({ requests: 5, failures: 1 });
    clock.advance(30_001);
    expect(health.stats(key)).toBeUndefined();
    expect(health.hadRecentOutage(key)).toBe(false);
  });

  it("replaces what it knew of the other instances on each merge", () => {
    const { health } = setup();
    health.mergeRemote([remote({ requests: 5 })]);
    health.mergeRemote([remote({ requests: 7 })]);
    expect(health.stats(key)?.requests).toBe(7);
    health.mergeRemote([]);
    expect(health.stats(key)).toBeUndefined();
  });

  it("combines local and remote figures, summed or weighted by requests", () => {
    const { health } = setup({ consecutiveFailureLimit: 100, minimumRequests: 100, smoothing: 1 });
    for (let count = 0; count < 3; count++) health.recordSuccess(key, { timeToFirstTokenMs: 100, tokensPerSecond: 40 });
    health.recordFailure(key);
    health.mergeRemote([
      remote({ requests: 12, failures: 6, uptime: 0.5, timeToFirstTokenMs: 400, tokensPerSecond: 80, lastFailureAt: 999_500 }),
      // Measured long ago and idle since: its averages and uptime carry no weight.
      remote({ instanceId: "idle", requests: 0, failures: 0, uptime: 0, timeToFirstTokenMs: 5_000, tokensPerSecond: 1 }),
    ]);
    const stats = health.stats(key);
    expect(stats).toMatchObject({ state: "closed", requests: 16, failures: 7, lastFailureAt: 1_000_000 });
    expect(stats?.errorRate).toBeCloseTo(7 / 16);
    expect(stats?.uptime).toBeCloseTo((4 * 1 + 12 * 0.5) / 16);
    expect(stats?.timeToFirstTokenMs).toBeCloseTo((4 * 100 + 12 * 400) / 16);
    expect(stats?.tokensPerSecond).toBeCloseTo((4 * 40 + 12 * 80) / 16);
    // Only this instance's own figures are shared, or they would echo back and count twice.
    expect(health.exportReports()[0]).toMatchObject({ requests: 4, failures: 1, uptime: 1, timeToFirstTokenMs: 100 });
  });

  it("averages plainly when no instance has requests in the window", () => {
    const { health } = setup();
    health.mergeRemote([remote({ timeToFirstTokenMs: 300 }), remote({ instanceId: "third", timeToFirstTokenMs: 500, tokensPerSecond: 20 })]);
    expect(health.stats(key)).toMatchObject({ requests: 0, errorRate: null, timeToFirstTokenMs: 400, tokensPerSecond: 20, uptime: 1 });
  });

  it("lists endpoints only other instances have seen in the snapshot, and routes to them", () => {
    const { health } = setup();
    health.recordSuccess("a/vendor/model");
    health.mergeRemote([remote({ key: "b/vendor/model", requests: 3, failures: 1, lastFailureAt: 999_000 })]);
    expect(health.snapshot().map((stats) => [stats.key, stats.requests, stats.state])).toEqual([
      ["a/vendor/model", 1, "closed"],
      ["b/vendor/model", 3, "closed"],
    ]);
    expect(health.canAttempt("b/vendor/model")).toBe(true);
    expect(health.hadRecentOutage("b/vendor/model")).toBe(true);
    expect(health.exportReports().map((report) => report.key)).toEqual(["a/vendor/model"]);
  });
});
