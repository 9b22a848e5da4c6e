import { InvalidRequestError, toErrorBody } from "../gateway/errors";

/**
 * A 400 in the API's error shape for a path whose percent-escapes do not
 * decode (`%`, `%zz`, bytes that are not UTF-8), or null when the path is
 * fine. Next.js fails on such a path with a 500 and a plain-text body before
 * any route runs, so the custom server asks here first. The query is left
 * to the routes: URLSearchParams decodes bad escapes leniently.
 */
export function findMalformedPath(url: string): { status: number; body: string } | null {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (!path.includes("%")) return null;
  try {
    decodeURIComponent(path);
    return null;
  } catch {
    return { status: 400, body: JSON.stringify(toErrorBody(new InvalidRequestError("The request path holds a percent-escape that does not decode."))) };
  }
}
