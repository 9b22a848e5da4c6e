import { readableErrorMessage, RequestError } from "@/components/chat/chat-api";

export { RequestError };

/**
 * Fetches one of the account routes and returns its JSON; a failure becomes
 * a RequestError whose message is the route's own sentence, so the page can
 * show it as it is.
 */
export async function requestJson<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const response = await fetch(url, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    headers: { Accept: "application/json", ...(json === undefined ? {} : { "Content-Type": "application/json" }), ...rest.headers },
  });
  if (!response.ok) throw new RequestError(readableErrorMessage(await response.text(), response.status), response.status);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A thrown value as something to show a person. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
