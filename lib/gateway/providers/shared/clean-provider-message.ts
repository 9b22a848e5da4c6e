/** Error messages reach clients and logs: long ones are cut here. */
const MAX_MESSAGE_LENGTH = 300;
/** How much of a malformed answer an error quotes: enough to recognise it. */
export const SAMPLE_LENGTH = 80;

export interface CleanProviderMessageOptions {
  /** The configured key, removed wherever it appears. */
  apiKey?: string | undefined;
  /** Key formats this provider echoes back in its messages, each replaced in order. */
  keyPatterns: readonly RegExp[];
  /** Where the result is cut, after redaction so a cut cannot leave part of a key unrecognised; 300 unless set. */
  maxLength?: number;
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
  const maxLength = options.maxLength ?? MAX_MESSAGE_LENGTH;
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}
