import type { ChatMessage } from "../../schema/chat-completion-request";
import { findLastUserMessage, textOf } from "./read-message-content";

/** What the `[fault:...]` markers in the last user message ask for (see index.ts). */
export interface FaultPlan {
  /** Fail before any output with this upstream status. */
  failWithStatus: number | undefined;
  /** Stream part of the reply, then break. */
  breakMidstream: boolean;
  /** Ten times slower than the model's normal timing. */
  slow: boolean;
}

export const slowFaultFactor = 10;

const faultMarker = /\[fault:([a-z0-9]+)\]/gi;

export function detectFaults(messages: readonly ChatMessage[]): FaultPlan {
  const plan: FaultPlan = { failWithStatus: undefined, breakMidstream: false, slow: false };
  const lastUserMessage = findLastUserMessage(messages);
  if (!lastUserMessage) return plan;
  for (const match of textOf(lastUserMessage).matchAll(faultMarker)) {
    const kind = (match[1] ?? "").toLowerCase();
    if (kind === "midstream") plan.breakMidstream = true;
    else if (kind === "slow") plan.slow = true;
    else if (/^\d{3}$/.test(kind)) {
      const status = Number(kind);
      // Only error statuses are faults; "[fault:200]" is ordinary text.
      if (status >= 400 && status <= 599) plan.failWithStatus ??= status;
    }
  }
  return plan;
}

/** Removes fault markers so they never leak into the generated answer. */
export function stripFaultMarkers(text: string): string {
  return text.replace(faultMarker, " ");
}
