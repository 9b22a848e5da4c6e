import { afterEach, describe, expect, it, vi } from "vitest";
import { wait } from "./wait";

describe("wait", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves after the delay", async () => {
    vi.useFakeTimers();
    let done = false;
    const pending = wait(100, new AbortController().signal).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toBe(true);
  });

  it("rejects with the abort reason and clears its timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = wait(1000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error("gone"));
    await expect(pending).rejects.toThrow("gone");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("schedules nothing for a zero delay but still notices an abort", async () => {
    vi.useFakeTimers();
    await wait(0, new AbortController().signal);
    expect(vi.getTimerCount()).toBe(0);
    await expect(wait(0, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  });
});
