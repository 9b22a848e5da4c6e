/**
 * Incremental server-sent events parser for upstream streams.
 *
 * Bytes are decoded once per network chunk (TextDecoder in streaming mode
 * keeps a multi-byte character split across chunks intact) and scanned with
 * indexOf, so the cost is per chunk and per line, never per byte. Only the
 * unfinished tail of the last line is carried to the next chunk, and only
 * new text is scanned for line endings, so a long line arriving in many
 * pieces is never rescanned from its start.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

export interface SseEvent {
  /** The `event:` field; absent for the default "message" type. */
  event?: string;
  /** The `data:` lines of the event joined with "\n". */
  data: string;
  /** The last `id:` seen on the stream (it persists across events, per spec). */
  id?: string;
}

const LINE_FEED = 10;
const COLON = 58;
const SPACE = 32;

/** One event was longer than the parser's `maxEventLength`. */
export class SseEventTooLarge extends Error {
  readonly code = "RESPONSE_TOO_LARGE";
}

export interface SseParseOptions {
  /**
   * The longest event (its unfinished line plus its data so far), in
   * characters. A peer that never ends a line or an event would otherwise
   * grow the buffers until the process runs out of memory.
   */
  maxEventLength?: number;
}

const DEFAULT_MAX_EVENT_LENGTH = 32 * 1024 * 1024;

export async function* parseSseStream(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: SseParseOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  const decoder = new TextDecoder();
  const maxEventLength = options.maxEventLength ?? DEFAULT_MAX_EVENT_LENGTH;
  const state = new EventState();
  let unfinishedLength = 0;
  const tooLarge = () => new SseEventTooLarge(`an event larger than ${maxEventLength} characters`);
  // Pieces of the unfinished last line. They are joined only once a line
  // ending arrives, so a huge line (a base64 image) arriving in many chunks
  // costs linear time instead of re-flattening an ever longer string.
  let unfinished: string[] = [];
  // The previous chunk ended in CR: an LF at the start of the next text is
  // the second half of a CRLF, not an empty line.
  let skipLeadingLineFeed = false;

  for await (const bytes of iterateBytes(source)) {
    let text = decoder.decode(bytes, { stream: true });
    if (text.length === 0) continue;
    if (skipLeadingLineFeed) {
      skipLeadingLineFeed = false;
      if (text.charCodeAt(0) === LINE_FEED) text = text.slice(1);
    }
    let nextLineFeed = text.indexOf("\n");
    let nextCarriageReturn = text.indexOf("\r");
    if (nextLineFeed === -1 && nextCarriageReturn === -1) {
      unfinished.push(text);
      unfinishedLength += text.length;
      if (unfinishedLength + state.dataLength > maxEventLength) throw tooLarge();
      continue;
    }
    let pending = text;
    if (unfinished.length > 0) {
      unfinished.push(text);
      pending = unfinished.join("");
      const offset = pending.length - text.length;
      if (nextLineFeed !== -1) nextLineFeed += offset;
      if (nextCarriageReturn !== -1) nextCarriageReturn += offset;
      unfinished = [];
      unfinishedLength = 0;
    }

    let lineStart = 0;
    while (nextLineFeed !== -1 || nextCarriageReturn !== -1) {
      let lineEnd: number;
      let nextLineStart: number;
      if (nextCarriageReturn !== -1 && (nextLineFeed === -1 || nextCarriageReturn < nextLineFeed)) {
        lineEnd = nextCarriageReturn;
        if (lineEnd + 1 === pending.length) {
          skipLeadingLineFeed = true;
          nextLineStart = lineEnd + 1;
        } else {
          nextLineStart = pending.charCodeAt(lineEnd + 1) === LINE_FEED ? lineEnd + 2 : lineEnd + 1;
        }
        if (nextLineFeed !== -1 && nextLineFeed < nextLineStart) nextLineFeed = pending.indexOf("\n", nextLineStart);
        nextCarriageReturn = pending.indexOf("\r", nextLineStart);
      } else {
        lineEnd = nextLineFeed;
        nextLineStart = lineEnd + 1;
        nextLineFeed = pending.indexOf("\n", nextLineStart);
      }
      const event = state.processLine(pending, lineStart, lineEnd);
      lineStart = nextLineStart;
      if (event) yield event;
      else if (state.dataLength > maxEventLength) throw tooLarge();
    }
    if (lineStart < pending.length) {
      const rest = pending.slice(lineStart);
      unfinished.push(rest);
      unfinishedLength = rest.length;
      if (unfinishedLength + state.dataLength > maxEventLength) throw tooLarge();
    }
  }
  // Per spec an event without its terminating blank line is discarded, and so
  // is an unterminated last line; flushing the decoder could only add to it.
}

/** The per-stream buffers of the spec's interpretation algorithm. */
class EventState {
  private data: string | undefined = undefined;
  private eventType: string | undefined = undefined;
  private lastEventId = "";

  /** Characters of data gathered for the event not yet dispatched. */
  get dataLength(): number {
    return this.data?.length ?? 0;
  }

  /** Interprets `text[start, end)` as one line; returns an event on a blank line. */
  processLine(text: string, start: number, end: number): SseEvent | undefined {
    if (start === end) return this.dispatch();
    if (text.charCodeAt(start) === COLON) return undefined;

    const colon = text.indexOf(":", start);
    let field: string;
    let value: string;
    if (colon === -1 || colon >= end) {
      field = text.slice(start, end);
      value = "";
    } else {
      field = text.slice(start, colon);
      const valueStart = text.charCodeAt(colon + 1) === SPACE && colon + 1 < end ? colon + 2 : colon + 1;
      value = text.slice(valueStart, end);
    }

    switch (field) {
      case "data":
        this.data = this.data === undefined ? value : `${this.data}\n${value}`;
        break;
      case "event":
        this.eventType = value;
        break;
      case "id":
        if (!value.includes("\u0000")) this.lastEventId = value;
        break;
      default:
        // `retry` only matters to a client that reconnects, which we never do;
        // unknown fields are ignored per spec.
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const data = this.data;
    const eventType = this.eventType;
    this.data = undefined;
    this.eventType = undefined;
    if (data === undefined) return undefined;
    const event: SseEvent = { data };
    if (eventType) event.event = eventType;
    if (this.lastEventId) event.id = this.lastEventId;
    return event;
  }
}

/**
 * Reads a web stream through its reader so that an early exit (the consumer
 * stops iterating, or an error) cancels the stream and frees the connection
 * behind it; Node's own async iterator would too, but the DOM typings do not
 * declare one.
 */
async function* iterateBytes(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (!isReadableStream(source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let finished = false;
  try {
    while (true) {
      const result = await reader.read();
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (!finished) {
      // Swallowed: the stream may already be errored, and the reason the
      // iteration ended (an exception or return) is what the caller needs.
      await reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}

function isReadableStream(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === "function";
}
