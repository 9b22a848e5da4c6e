/**
 * Gemini gives function calls no ids, and Gemini 3 attaches a thought
 * signature to them that must come back on the same functionCall part in the
 * next request, or the request is rejected. OpenAI clients echo a tool call's
 * id faithfully but often drop fields they do not know, so the signature
 * travels inside the id: `call_<responseId>_<index>` plus
 * `__thought__<signature>` when there is one. The id is deterministic from
 * the response, so the same call has the same id on every turn.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
const SIGNATURE_SEPARATOR = "__thought__";

export function createGoogleToolCallId(responseId: string, index: number, thoughtSignature: string | null | undefined): string {
  const id = `call_${responseId}_${index}`;
  return thoughtSignature ? `${id}${SIGNATURE_SEPARATOR}${thoughtSignature}` : id;
}

/** The thought signature carried in an id made by createGoogleToolCallId, if any. */
export function parseGoogleToolCallId(id: string): { thoughtSignature: string | undefined } {
  const separator = id.indexOf(SIGNATURE_SEPARATOR);
  if (separator === -1) return { thoughtSignature: undefined };
  const signature = id.slice(separator + SIGNATURE_SEPARATOR.length);
  return { thoughtSignature: signature === "" ? undefined : signature };
}
