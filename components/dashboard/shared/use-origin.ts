"use client";

import { useSyncExternalStore } from "react";

function subscribe(): () => void {
  return () => {};
}

/**
 * The address this app is served at, as the browser sees it (behind a proxy
 * the server may not know it). Empty during server rendering, so the
 * first client render matches the server's HTML.
 */
export function useOrigin(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => "",
  );
}
