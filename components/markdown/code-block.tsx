"use client";

import { useRef, type ReactNode } from "react";
import { useCopyToClipboard } from "@/components/use-copy-to-clipboard";

/** A fenced code block with a copy button; the text is read from the DOM so highlighting spans don't matter. */
export function CodeBlock({ children }: { children: ReactNode }) {
  const preRef = useRef<HTMLPreElement>(null);
  const { copied, copy: copyText } = useCopyToClipboard();
  const copy = () => copyText(preRef.current?.textContent ?? "");

  return (
    <div className="group relative my-2">
      <button
        type="button"
        onClick={copy}
        data-testid="copy-code"
        className="focus-ring absolute top-1.5 right-1.5 rounded border border-zinc-300 bg-white/90 px-1.5 py-0.5 text-[11px] text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800/90 dark:text-zinc-200"
      >
        {copied ? "Copied" : "Copy"}
      </button>
      <pre ref={preRef}>{children}</pre>
    </div>
  );
}
