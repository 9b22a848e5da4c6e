import { InvalidRequestError, PayloadTooLargeError } from "../gateway/errors";

/**
 * Reads a request body as JSON, refusing more than `maxBytes` before reading
 * it all (413) and answering malformed JSON or bad UTF-8 with a 400.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new InvalidRequestError("Request body is empty; send a JSON object.");

  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    parts.push(value);
  }
  if (size === 0) throw new InvalidRequestError("Request body is empty; send a JSON object.");

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(parts, size));
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

function tooLarge(maxBytes: number) {
  return new PayloadTooLargeError(`Request body is larger than ${maxBytes} bytes.`);
}
