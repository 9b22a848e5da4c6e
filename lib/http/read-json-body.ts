import { InvalidRequestError } from "../gateway/errors";
import { readBodyBytes } from "./read-body-bytes";

/**
 * Reads a request body as JSON, refusing more than `maxBytes` before reading
 * it all (413) and answering malformed JSON, bad UTF-8 or too deep nesting
 * with a 400.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  return parseJsonBody(await readBodyBytes(request, maxBytes));
}

/**
 * The deepest nesting of arrays and objects a body may have. JSON.parse
 * takes any depth, but what handles the value afterwards recurses (zod,
 * JSON.stringify of a tool's parameters on the way to a provider, the
 * simulated provider's schema walker) and overflowed the stack at a few
 * thousand levels, a 500. Real requests nest a few dozen levels at most;
 * 128 is serde_json's default limit.
 */
export const MAX_JSON_DEPTH = 128;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A body's bytes as JSON: 400 for an empty body, bad UTF-8, nesting deeper than MAX_JSON_DEPTH or malformed JSON. */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) throw new InvalidRequestError("Request body is empty; send a JSON object.");

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InvalidRequestError("Request body is not valid UTF-8.");
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new InvalidRequestError(`Request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new InvalidRequestError(`Request body is not valid JSON${detail}`);
  }
}

/**
 * Whether JSON text opens more than `limit` arrays or objects at once,
 * brackets inside strings aside; one pass, no parse. Strings, most of a chat
 * request's bytes, are skipped with indexOf rather than read a character at
 * a time: this runs on every request.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Fewer characters than that cannot open that many.
  if (text.length <= limit) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = endOfString(text, index);
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open` (one not escaped by an odd run of backslashes), or the end. */
function endOfString(text: string, open: number): number {
  let quote = open;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
