import type { GatewayError } from "../gateway/errors";

/** A gateway error in words a person in the chatroom understands. */
export function describeChatError(error: GatewayError, model: string): string {
  // A 404 like an unknown model's, but the model is served: what the request asks is not.
  if (error.code === "no_endpoints_found") return `No provider can serve ${model} for this request. ${error.message}`;
  switch (error.status) {
    case 402:
      return "You're out of credits. Add credits to your account to keep using paid models, or pick a free one.";
    case 429:
      return error.retryAfterSeconds === undefined
        ? `${model} is rate limited right now. Try again in a moment.`
        : `${model} is rate limited right now. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    case 404:
      return `${model} isn't available: no configured provider serves it.`;
    case 408:
      return `${model} took too long to answer. Try again, or pick another model.`;
    case 503:
      return `No provider can serve ${model} for this request. ${error.message}`;
    case 400:
      return `${model} couldn't take this request: ${error.message}`;
    default:
      return error.status >= 500
        ? `The provider behind ${model} is having trouble (${error.message}). Try again, or pick another model.`
        : error.message;
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 3600)} hours`;
}
