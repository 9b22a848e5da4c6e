import { readBodyBytes } from "../http/read-body-bytes";

/**
 * A request body as text, exactly as sent: a webhook signature covers the
 * raw bytes, so it must not be parsed and re-serialised first.
 */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString("utf8");
}
