import { rawChunkText, type ChatCompletionChunk } from "../chat-types";

/**
 * The client's copy of a chunk a provider sent as OpenAI-format JSON, made
 * from its text: our id, model and provider in place of the upstream's, and
 * the upstream's `"usage":null` dropped, the rest passed through byte for
 * byte. Undefined when the chunk was not marked raw or its text is not laid
 * out as expected (then it is serialised as usual).
 *
 * The replaced tokens are found by their exact text: inside a JSON string a
 * quote is escaped, so `"model":"…"` cannot match within content.
 */
export function presentRawChunk(chunk: ChatCompletionChunk, replacement: { id: string; model: string; provider: string }): string | undefined {
  const raw = rawChunkText(chunk);
  if (raw === undefined || chunk.usage) return undefined;
  const idToken = `{"id":${JSON.stringify(chunk.id)},`;
  if (!raw.startsWith(idToken)) return undefined;
  const modelToken = `"model":${JSON.stringify(chunk.model)}`;
  const modelAt = raw.indexOf(modelToken, idToken.length);
  if (modelAt === -1 || raw.indexOf(modelToken, modelAt + modelToken.length) !== -1) return undefined;
  let rest = `${raw.slice(idToken.length, modelAt)}"model":${JSON.stringify(replacement.model)}${raw.slice(modelAt + modelToken.length)}`;
  const usageAt = rest.indexOf(`,"usage":null`);
  if (usageAt !== -1) rest = rest.slice(0, usageAt) + rest.slice(usageAt + `,"usage":null`.length);
  return `{"id":${JSON.stringify(replacement.id)},"provider":${JSON.stringify(replacement.provider)},${rest}`;
}
