/**
 * The `Server-Timing` header of an API response: how long authentication,
 * routing (choosing endpoints and holding credits) and the upstream's first
 * byte took, and the total until the response started, so a client can tell
 * the gateway's time from the provider's.
 * @see https://www.w3.org/TR/server-timing/
 */
export class ServerTiming {
  private readonly startedAt = performance.now();
  private readonly entries: string[] = [];

  /** Records `name` as lasting from `since` (a performance.now() reading, the request's start by default) until now. */
  measure(name: string, since: number = this.startedAt, description?: string): number {
    const now = performance.now();
    this.entries.push(`${name};dur=${(now - since).toFixed(2)}${description ? `;desc="${description}"` : ""}`);
    return now;
  }

  /** Seconds since the request started. */
  elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** The header's value, with `total` up to now. */
  header(): string {
    return [...this.entries, `total;dur=${(performance.now() - this.startedAt).toFixed(2)}`].join(", ");
  }
}
