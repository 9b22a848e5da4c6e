export interface StoppedText {
  text: string;
  stopped: boolean;
}

/**
 * Cuts text before the earliest stop sequence; as with OpenAI, the stop
 * sequence itself is not part of the output.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stop
 */
export function applyStopSequences(text: string, stop: string | readonly string[] | null | undefined): StoppedText {
  const sequences = (typeof stop === "string" ? [stop] : (stop ?? [])).filter((sequence) => sequence.length > 0);
  let cutAt = -1;
  for (const sequence of sequences) {
    const index = text.indexOf(sequence);
    if (index !== -1 && (cutAt === -1 || index < cutAt)) cutAt = index;
  }
  return cutAt === -1 ? { text, stopped: false } : { text: text.slice(0, cutAt), stopped: true };
}
