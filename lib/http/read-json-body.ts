import { InvalidRequestError } from "../gateway/errors";
import { readBodyBytes } from "./read-body-bytes";

/**
 * Reads a request body as JSON, refusing more than `maxBytes` before reading
 * it all (413) and answering malformed JSON or bad UTF-8 with a 400.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  return parseJsonBody(await readBodyBytes(request, maxBytes));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A body's bytes as JSON: 400 for an empty body, bad UTF-8 or malformed JSON. */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) throw new InvalidRequestError("Request body is empty; send a JSON object.");

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InvalidRequestError("Request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new InvalidRequestError(`Request body is not valid JSON${detail}`);
  }
}
