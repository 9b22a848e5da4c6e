import { describe, expect, it } from "vitest";
import { detectFaults, stripFaultMarkers } from "./detect-faults";

describe("detectFaults", () => {
  it("reads status, midstream and slow markers from the last user message", () => {
    expect(detectFaults([{ role: "user", content: "hi [fault:429] [FAULT:slow] [fault:midstream]" }])).toEqual({
      failWithStatus: 429,
      breakMidstream: true,
      slow: true,
    });
  });
  it("reads text parts and ignores other messages and non-error statuses", () => {
    expect(
      detectFaults([
        { role: "system", content: "[fault:500]" },
        { role: "user", content: [{ type: "text", text: "[fault:200] [fault:abc]" }] },
      ]),
    ).toEqual({ failWithStatus: undefined, breakMidstream: false, slow: false });
  });
  it("strips markers from text", () => {
    expect(stripFaultMarkers("a [fault:503] b")).toBe("a   b");
  });
});
