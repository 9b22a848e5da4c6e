/**
 * Resolves after `milliseconds`, or rejects with the signal's reason as soon
 * as it is aborted, clearing its timer so an abandoned request leaves nothing
 * scheduled. A zero wait still notices an abort but never touches the timer
 * queue, so speed 0 runs synchronously apart from promise hops.
 */
export function wait(milliseconds: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
