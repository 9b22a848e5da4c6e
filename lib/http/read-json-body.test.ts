import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../gateway/errors";
import { MAX_JSON_DEPTH, nestsDeeperThan, parseJsonBody } from "./read-json-body";

const body = (text: string) => Buffer.from(text);
const nested = (depth: number) => `{"a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;

describe("parseJsonBody", () => {
  it("parses a JSON body", () => {
    expect(parseJsonBody(body('{"model":"a/b","messages":[{"role":"user","content":"hi"}]}'))).toEqual({
      model: "a/b",
      messages: [{ role: "user", content: "hi" }],
    });
  });

  it("takes nesting up to the limit and refuses one level more with a 400, before anything recurses into it", () => {
    expect(parseJsonBody(body(nested(MAX_JSON_DEPTH)))).toBeTypeOf("object");
    expect(() => parseJsonBody(body(nested(MAX_JSON_DEPTH + 1)))).toThrow(InvalidRequestError);
    // A hundred thousand levels, closed or not, is refused the same way rather than overflowing the stack later.
    expect(() => parseJsonBody(body(`{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`))).toThrow(/deeper than 128 levels/);
    expect(() => parseJsonBody(body("[".repeat(100_000)))).toThrow(/deeper than 128 levels/);
  });

  it("answers empty bodies, bad UTF-8 and malformed JSON with a 400", () => {
    expect(() => parseJsonBody(Buffer.alloc(0))).toThrow(/empty/);
    expect(() => parseJsonBody(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(/UTF-8/);
    expect(() => parseJsonBody(body('{"a":'))).toThrow(/not valid JSON/);
  });
});

describe("nestsDeeperThan", () => {
  it("counts brackets outside strings only, escaped quotes included", () => {
    expect(nestsDeeperThan(`{"a":"${"[".repeat(500)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${"[".repeat(500)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\\\",${"[".repeat(5)}`, 3)).toBe(true);
    expect(nestsDeeperThan("[[1],[2],[3],[4],[5]]", 2)).toBe(false);
    expect(nestsDeeperThan("[[[1]]]", 2)).toBe(true);
  });
});
