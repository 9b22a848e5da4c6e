/**
 * A generator's `finally` only runs once it has started, so a consumer that
 * calls return() before the first next() would leave the body open; this
 * cancels it in that case and otherwise defers to the generator.
 */
export function releaseWhenAbandoned<T>(body: { cancel(): Promise<unknown> }, chunks: AsyncGenerator<T, void, undefined>): AsyncIterable<T> {
  let started = false;
  const iterator: AsyncIterator<T, void, undefined> = {
    next: () => {
      started = true;
      return chunks.next();
    },
    return: async () => {
      if (!started) await body.cancel().catch(() => undefined);
      return chunks.return();
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
