/** Enough for any real error body; a huge one is not read to the end. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/**
 * The start of a non-2xx answer's body as text, or "" when it cannot be read:
 * the status alone still tells what happened.
 */
export async function readErrorBody(response: Response): Promise<string> {
  try {
    return await readLimitedText(response, MAX_ERROR_BODY_BYTES);
  } catch {
    return "";
  }
}

async function readLimitedText(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  try {
    while (received < limit) {
      const result = await reader.read();
      if (result.done) return text + decoder.decode();
      received += result.value.byteLength;
      text += decoder.decode(result.value, { stream: true });
    }
    return text;
  } finally {
    // Releases the connection when the body was longer than the limit.
    await reader.cancel().catch(() => undefined);
  }
}
