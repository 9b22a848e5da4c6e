import { describe, expect, it } from "vitest";
import { createEndpointHealth, type EndpointHealthOptions } from "./endpoint-health";

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
