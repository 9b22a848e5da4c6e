"use client";

import { useCallback, useState } from "react";

/** Copies text and says so for a moment; a refused clipboard (insecure origin, denied) changes nothing. */
export function useCopyToClipboard(): { copied: boolean; copy: (text: string) => Promise<void> } {
  const [copied, setCopied] = useState(false);
  const copy = useCallback(async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Selecting the text by hand still works.
    }
  }, []);
  return { copied, copy };
}
