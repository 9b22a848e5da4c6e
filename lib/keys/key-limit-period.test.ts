import { describe, expect, it } from "vitest";
import { currentPeriodStart, effectivePeriodUsage, isLimitReset } from "./key-limit-period";

const at = (iso: string) => new Date(iso);

describe("currentPeriodStart", () => {
  it("starts a day at 00:00 UTC, whatever the time of day", () => {
    expect(currentPeriodStart("daily", at("2026-03-18T00:00:00.000Z"))).toEqual(at("2026-03-18T00:00:00.000Z"));
    expect(currentPeriodStart("daily", at("2026-03-18T23:59:59.999Z"))).toEqual(at("2026-03-18T00:00:00.000Z"));
  });

  it("starts a week on Monday 00:00 UTC, Sunday included in the week before it", () => {
    // 2026-03-16 is a Monday.
    expect(currentPeriodStart("weekly", at("2026-03-16T00:00:00.000Z"))).toEqual(at("2026-03-16T00:00:00.000Z"));
    expect(currentPeriodStart("weekly", at("2026-03-18T12:00:00.000Z"))).toEqual(at("2026-03-16T00:00:00.000Z"));
    expect(currentPeriodStart("weekly", at("2026-03-22T23:59:59.999Z"))).toEqual(at("2026-03-16T00:00:00.000Z"));
    expect(currentPeriodStart("weekly", at("2026-03-23T00:00:00.000Z"))).toEqual(at("2026-03-23T00:00:00.000Z"));
  });

  it("starts a week that began in the previous month or year there", () => {
    // Thursday 1 January 2026 belongs to the week of Monday 29 December 2025.
    expect(currentPeriodStart("weekly", at("2026-01-01T08:00:00.000Z"))).toEqual(at("2025-12-29T00:00:00.000Z"));
    // Sunday 1 March 2026 belongs to the week of Monday 23 February.
    expect(currentPeriodStart("weekly", at("2026-03-01T10:00:00.000Z"))).toEqual(at("2026-02-23T00:00:00.000Z"));
  });

  it("starts a month on the 1st at 00:00 UTC", () => {
    expect(currentPeriodStart("monthly", at("2026-03-01T00:00:00.000Z"))).toEqual(at("2026-03-01T00:00:00.000Z"));
    expect(currentPeriodStart("monthly", at("2026-02-28T23:59:59.999Z"))).toEqual(at("2026-02-01T00:00:00.000Z"));
    expect(currentPeriodStart("monthly", at("2024-02-29T12:00:00.000Z"))).toEqual(at("2024-02-01T00:00:00.000Z"));
  });

  it("uses UTC, not the local time zone: late evening west of Greenwich is already tomorrow", () => {
    // 21:30 in New York on 31 March (EDT, UTC-4) is 01:30 UTC on 1 April.
    const now = at("2026-03-31T21:30:00.000-04:00");
    expect(currentPeriodStart("daily", now)).toEqual(at("2026-04-01T00:00:00.000Z"));
    expect(currentPeriodStart("monthly", now)).toEqual(at("2026-04-01T00:00:00.000Z"));
  });

  it("has no period for a limit that never resets", () => {
    expect(currentPeriodStart(null, at("2026-03-18T12:00:00.000Z"))).toBeNull();
  });
});

describe("effectivePeriodUsage", () => {
  const now = at("2026-03-18T12:00:00.000Z");

  it("counts the usage recorded since the current period's start", () => {
    expect(effectivePeriodUsage({ limitReset: "daily", periodStart: at("2026-03-18T00:00:00.000Z"), periodUsageMicros: 1_500_000n }, now)).toBe(1_500_000n);
    // A counter started mid-period (the key was created today) still counts.
    expect(effectivePeriodUsage({ limitReset: "daily", periodStart: at("2026-03-18T09:15:00.000Z"), periodUsageMicros: 42n }, now)).toBe(42n);
    expect(effectivePeriodUsage({ limitReset: "monthly", periodStart: at("2026-03-01T00:00:00.000Z"), periodUsageMicros: 7n }, now)).toBe(7n);
  });

  it("counts nothing when the counter still holds an earlier period that nobody rolled yet", () => {
    expect(effectivePeriodUsage({ limitReset: "daily", periodStart: at("2026-03-17T00:00:00.000Z"), periodUsageMicros: 9_000_000n }, now)).toBe(0n);
    expect(effectivePeriodUsage({ limitReset: "weekly", periodStart: at("2026-03-09T00:00:00.000Z"), periodUsageMicros: 9n }, now)).toBe(0n);
    expect(effectivePeriodUsage({ limitReset: "monthly", periodStart: at("2026-02-01T00:00:00.000Z"), periodUsageMicros: 9n }, now)).toBe(0n);
  });

  it("rolls exactly at the boundary", () => {
    const key = { limitReset: "daily" as const, periodStart: at("2026-03-18T00:00:00.000Z"), periodUsageMicros: 5n };
    expect(effectivePeriodUsage(key, at("2026-03-18T23:59:59.999Z"))).toBe(5n);
    expect(effectivePeriodUsage(key, at("2026-03-19T00:00:00.000Z"))).toBe(0n);
  });

  it("never resets a limit without a period", () => {
    expect(effectivePeriodUsage({ limitReset: null, periodStart: at("2020-01-01T00:00:00.000Z"), periodUsageMicros: 123n }, now)).toBe(123n);
  });
});

describe("isLimitReset", () => {
  it("accepts the three periods only", () => {
    expect(["daily", "weekly", "monthly"].every(isLimitReset)).toBe(true);
    expect([null, undefined, "yearly", "Daily", 1].some(isLimitReset)).toBe(false);
  });
});
