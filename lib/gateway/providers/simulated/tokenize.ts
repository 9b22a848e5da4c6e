import { decodeGenerator } from "gpt-tokenizer/encoding/o200k_base";
import { countTextTokens, encodeText } from "../../usage/tokenize-text";

/**
 * The real o200k_base tokenizer (GPT-4o's), so the simulated provider's usage
 * numbers, prices and stream chunking behave like a real model's; through
 * tokenize-text, which keeps it linear in the length of a client's text.
 */

export function countTokens(text: string): number {
  return countTextTokens(text);
}

/** A run of tokens that decodes to whole characters. */
export interface TokenPiece {
  text: string;
  tokenCount: number;
}

/**
 * Splits text along its token boundaries. A token can end in the middle of
 * a multi-byte character (emoji, rare CJK); those tokens are merged with the
 * next so every piece is valid text. The library's `decode` keeps partial
 * bytes in a decoder shared by all callers, so decoding a token range that
 * ends mid-character would corrupt later output: only whole-text
 * `decodeGenerator` runs are used here.
 */
export function splitIntoTokenPieces(text: string): TokenPiece[] {
  const tokens = encodeText(text);
  const pieces: TokenPiece[] = [];
  let consumed = 0;
  let consumedAtLastPiece = 0;
  function* countConsumed(): Generator<number> {
    for (const token of tokens) {
      consumed++;
      yield token;
    }
  }
  for (const pieceText of decodeGenerator(countConsumed())) {
    pieces.push({ text: pieceText, tokenCount: consumed - consumedAtLastPiece });
    consumedAtLastPiece = consumed;
  }
  // The per-piece counts rely on the decoder pulling tokens lazily; should a
  // future version read ahead, fall back to one piece rather than miscount.
  const joined = pieces.map((piece) => piece.text).join("");
  if (joined !== text || consumedAtLastPiece !== tokens.length) {
    return text ? [{ text, tokenCount: tokens.length }] : [];
  }
  return pieces;
}

export interface TruncatedText {
  text: string;
  truncated: boolean;
}

/**
 * The longest prefix of `text`, cut on token boundaries, that encodes to at
 * most `maximumTokens` tokens, as a model that hit its output limit would
 * have produced it.
 */
export function truncateToTokens(text: string, maximumTokens: number): TruncatedText {
  const pieces = splitIntoTokenPieces(text);
  const total = pieces.reduce((sum, piece) => sum + piece.tokenCount, 0);
  if (total <= maximumTokens) return { text, truncated: false };
  const kept: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    if (used + piece.tokenCount > maximumTokens) break;
    kept.push(piece.text);
    used += piece.tokenCount;
  }
  // Re-encoding a prefix can merge tokens differently; drop pieces until the
  // count the client is billed for really fits.
  while (kept.length > 0 && countTokens(kept.join("")) > maximumTokens) kept.pop();
  return { text: kept.join(""), truncated: true };
}

/** Replaces lone surrogates, which do not survive a UTF-8 round trip, so echoed text streams back unchanged. */
export function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
