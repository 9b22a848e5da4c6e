import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countTextTokens, encodeText, slicesOf } from "./tokenize-text";

const prose = "The quick brown fox jumps over the lazy dog, again and again.  Then it rests.\n".repeat(200);

describe("tokenizing client text", () => {
  it("counts ordinary text exactly as the tokenizer does on the whole of it", () => {
    expect(prose.length).toBeGreaterThan(10_000);
    expect(countTextTokens(prose)).toBe(countTokens(prose));
    expect(encodeText(prose)).toHaveLength(countTokens(prose));
  });

  it("cuts slices before a word's space, and never through a surrogate pair", () => {
    const slices = [...slicesOf(prose)];
    expect(slices.join("")).toBe(prose);
    expect(slices.slice(1).every((slice) => /^ \S/.test(slice))).toBe(true);

    const emoji = "🦩".repeat(3_000);
    const emojiSlices = [...slicesOf(emoji)];
    expect(emojiSlices.join("")).toBe(emoji);
    for (const slice of emojiSlices) expect(slice).toBe(slice.toWellFormed());
  });

  it("stays near the whole count for text without spaces", () => {
    const japanese = "日本語のテキストです。".repeat(300);
    const whole = countTokens(japanese);
    expect(Math.abs(countTextTokens(japanese) - whole)).toBeLessThanOrEqual(Math.ceil(japanese.length / 1_000));
  });

  it("takes time linear in the length of text without spaces (the tokenizer alone is quadratic)", () => {
    // A megabyte of CJK text and one of punctuation: minutes for the tokenizer on the whole, well under a second sliced.
    for (const unit of ["日本語", '"\\!', "\uFFFD"]) {
      const text = unit.repeat(Math.floor(1_000_000 / unit.length));
      expect(countTextTokens(text)).toBeGreaterThanOrEqual(text.length / 8);
    }
  });

  it("treats special-token strings as text instead of throwing", () => {
    expect(countTextTokens("before <|endoftext|> after")).toBeGreaterThan(3);
    expect(encodeText("<|endoftext|>").length).toBeGreaterThan(1);
  });

  it("counts nothing in empty text", () => {
    expect(countTextTokens("")).toBe(0);
    expect(encodeText("")).toEqual([]);
  });
});
