import { countTokens, encode } from "gpt-tokenizer/encoding/o200k_base";

/**
 * The o200k tokenizer (GPT-4o's) for any text a client sends, in time linear
 * in its length.
 *
 * The tokenizer merges byte pairs in time quadratic in the length of one
 * pre-tokenized piece, and a piece can be a whole run of text without
 * spaces: 50,000 characters of Japanese took 13 s, and a megabyte of
 * punctuation would hold the event loop for minutes. So text is tokenized in
 * slices of at most SLICE_LENGTH characters, cut before a space that starts
 * a word when there is one near the end of the slice: the tokenizer starts a
 * piece there anyway, so ordinary text gets the tokens it would get whole. A
 * cut through a long run without spaces can move a token boundary, a token
 * per cut at most, which counts and estimates can afford.
 */
const SLICE_LENGTH = 1_000;
/** How far back from a slice's end to look for a space to cut at. */
const WHITESPACE_REACH = 200;

/** Strings such as "<|endoftext|>" in a client's text are text to a model; the tokenizer would otherwise throw on them. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function encodeText(text: string): number[] {
  const tokens: number[] = [];
  for (const slice of slicesOf(text)) {
    for (const token of encode(slice, PLAIN_TEXT)) tokens.push(token);
  }
  return tokens;
}

export function countTextTokens(text: string): number {
  let count = 0;
  for (const slice of slicesOf(text)) count += countTokens(slice, PLAIN_TEXT);
  return count;
}

/** A single space before a word: where the tokenizer's pre-split starts a piece (" word") whatever came before. */
function startsWord(text: string, index: number): boolean {
  return text.charAt(index) === " " && /\S/.test(text.charAt(index + 1));
}

export function* slicesOf(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > SLICE_LENGTH) {
    let end = start + SLICE_LENGTH;
    let cut = end;
    while (cut > end - WHITESPACE_REACH && !startsWord(text, cut)) cut--;
    if (cut > end - WHITESPACE_REACH) end = cut;
    // Never between the two halves of a surrogate pair.
    else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield text.slice(start, end);
    start = end;
  }
  if (start < text.length || text.length === 0) yield text.slice(start);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
