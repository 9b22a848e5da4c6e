/**
 * A reader's chunks as an async iterable. Parsing from an iterable over a
 * reader we hold (rather than from the stream) lets the holder cancel the
 * reader at any time, which ends a pending read at once.
 */
export async function* readerChunks(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
