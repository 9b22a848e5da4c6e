import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countTokens, splitIntoTokenPieces, toWellFormed, truncateToTokens } from "./tokenize";

const samples = [
  "Plain English, with punctuation; and numbers like 3.14159!",
  "Emoji 🦩🫠 and rare characters 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ꙮ 䨻, mixed with 日本語のテキスト.",
  "Special-looking text <|endoftext|> stays text.",
  "",
];

describe("splitIntoTokenPieces", () => {
  it.each(samples)("splits %j into whole-character pieces that rejoin exactly", (text) => {
    const pieces = splitIntoTokenPieces(text);
    expect(pieces.map((piece) => piece.text).join("")).toBe(text);
    expect(pieces.reduce((sum, piece) => sum + piece.tokenCount, 0)).toBe(countTokens(text));
    for (const piece of pieces) {
      expect(piece.text.length).toBeGreaterThan(0);
      expect(piece.text).not.toContain("\uFFFD");
    }
  });

  it("gives one piece per token for ASCII text", () => {
    const text = "The quick brown fox jumps over the lazy dog.";
    expect(splitIntoTokenPieces(text).every((piece) => piece.tokenCount === 1)).toBe(true);
  });
});

describe("truncateToTokens", () => {
  it("keeps text within the limit and leaves the shared decoder clean", () => {
    const text = samples[1] ?? "";
    for (let limit = 0; limit <= countTokens(text) + 1; limit++) {
      const result = truncateToTokens(text, limit);
      expect(countTokens(result.text)).toBeLessThanOrEqual(limit);
      expect(text.startsWith(result.text)).toBe(true);
      expect(result.truncated).toBe(limit < countTokens(text));
    }
    // Had a partial character been decoded, its bytes would leak into this.
    expect(decode(encode("clean"))).toBe("clean");
  });
});

describe("toWellFormed", () => {
  it("replaces lone surrogates and keeps pairs", () => {
    expect(toWellFormed("a\uD800b 🦩 \uDC00")).toBe("a\uFFFDb 🦩 \uFFFD");
  });
});
