/** Error messages reach clients and logs: long ones are cut here. */
const MAX_MESSAGE_LENGTH = 300;

export interface CleanProviderMessageOptions {
  /** The configured key, removed wherever it appears. */
  apiKey?: string | undefined;
  /** Key formats this provider echoes back in its messages, each replaced in order. */
  keyPatterns: readonly RegExp[];
}

/**
 * A provider's own error message, made safe to pass on: the configured key
 * and anything shaped like a key are redacted, whitespace is collapsed and
 * the result is cut to a readable length.
 */
export function cleanProviderMessage(message: string, options: CleanProviderMessageOptions): string {
  let cleaned = options.apiKey ? message.split(options.apiKey).join("[redacted]") : message;
  for (const pattern of options.keyPatterns) cleaned = cleaned.replace(pattern, "[redacted]");
  cleaned = cleaned.replace(/\s+/g, " ").trim();
  return cleaned.length > MAX_MESSAGE_LENGTH ? `${cleaned.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : cleaned;
}
