import type { ProviderBody } from "./provider-response";

/** Enough for any real error body; a huge one is not read to the end. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/**
 * The start of a non-2xx answer's body as text, or "" when it cannot be read:
 * the status alone still tells what happened.
 */
export async function readErrorBody(response: { body: ProviderBody | null }): Promise<string> {
  try {
    return await readLimitedText(response, MAX_ERROR_BODY_BYTES);
  } catch {
    return "";
  }
}

async function readLimitedText(response: { body: ProviderBody | null }, limit: number): Promise<string> {
  if (!response.body) return "";
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  // Leaving the loop early releases the connection when the body was longer than the limit.
  for await (const bytes of response.body) {
    received += bytes.byteLength;
    text += decoder.decode(bytes, { stream: true });
    if (received >= limit) return text;
  }
  return text + decoder.decode();
}
