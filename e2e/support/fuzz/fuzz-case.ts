import type { Expectation, KnownState } from "./fuzz-targets";
import type { RawRequest } from "./send-raw-request";

/** One request of the fuzz run and what a correct answer to it looks like. */
export interface FuzzCase {
  category: string;
  /** How it was made, to read a failure by. */
  description: string;
  request: RawRequest;
  expectation: Expectation;
  /** No answer within this is a hang. */
  timeoutMs: number;
}

/** What every generator needs: the key to send, and what exists on the server. */
export interface FuzzContext {
  apiKey: string;
  known: KnownState;
}

/** A normal request is answered in milliseconds; this is far beyond it, so only a hang passes it. */
export const TIMEOUT_MS = 15_000;
/** Megabytes take longer to send, parse and count on a busy machine. */
export const LARGE_TIMEOUT_MS = 60_000;

export function authorization(apiKey: string): Record<string, string> {
  return { Authorization: `Bearer ${apiKey}` };
}
