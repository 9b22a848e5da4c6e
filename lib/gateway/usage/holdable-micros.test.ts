import { describe, expect, it } from "vitest";
import { holdableMicros } from "./holdable-micros";

describe("holdableMicros", () => {
  it("holds the whole maximum when it is available", () => {
    expect(holdableMicros({ available: 1_000n, othersHeld: 500n, maxMicros: 300n })).toBe(300n);
    expect(holdableMicros({ available: 300n, othersHeld: 500n, maxMicros: 300n })).toBe(300n);
  });

  it("holds all that is left only when no other request holds anything", () => {
    expect(holdableMicros({ available: 100n, othersHeld: 0n, maxMicros: 300n })).toBe(100n);
    expect(holdableMicros({ available: 100n, othersHeld: 1n, maxMicros: 300n })).toBeNull();
  });

  it("holds nothing when nothing is available", () => {
    expect(holdableMicros({ available: 0n, othersHeld: 0n, maxMicros: 300n })).toBeNull();
    expect(holdableMicros({ available: -50n, othersHeld: 0n, maxMicros: 300n })).toBeNull();
  });

  it("keeps an account within one request of zero however requests interleave", () => {
    // Requests cost 221 and hold up to 245; they start and settle in a scrambled order.
    let balance = 5_000n;
    let held = 0n;
    const running: bigint[] = [];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let step = 0; step < 2_000; step++) {
      if (running.length > 0 && random() < 0.5) {
        const hold = running.splice(Math.floor(random() * running.length), 1)[0]!;
        held -= hold;
        balance -= 221n;
      } else {
        const hold = holdableMicros({ available: balance - held, othersHeld: held, maxMicros: 245n });
        if (hold !== null) {
          held += hold;
          running.push(hold);
        }
      }
      expect(balance).toBeGreaterThanOrEqual(-221n);
    }
  });
});
