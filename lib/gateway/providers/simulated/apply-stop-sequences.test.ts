import { describe, expect, it } from "vitest";
import { applyStopSequences } from "./apply-stop-sequences";

describe("applyStopSequences", () => {
  it("cuts before the earliest of several sequences", () => {
    expect(applyStopSequences("one two three four", ["four", "two"])).toEqual({ text: "one ", stopped: true });
  });
  it("accepts a single string and ignores empty sequences", () => {
    expect(applyStopSequences("alpha\n\nbeta", "\n\n")).toEqual({ text: "alpha", stopped: true });
    expect(applyStopSequences("alpha", ["", "zeta"])).toEqual({ text: "alpha", stopped: false });
    expect(applyStopSequences("alpha", null)).toEqual({ text: "alpha", stopped: false });
  });
});
