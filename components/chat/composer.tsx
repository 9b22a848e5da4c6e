"use client";

import { useState } from "react";

interface ComposerProps {
  busy: boolean;
  disabled: boolean;
  columnCount: number;
  onSend: (text: string) => Promise<boolean>;
  onStopAll: () => void;
}

/** One prompt for every column: Enter sends, Shift+Enter breaks the line (IME composition is left alone). */
export function Composer({ busy, disabled, columnCount, onSend, onStopAll }: ComposerProps) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const canSend = !busy && !disabled && !sending && text.trim().length > 0;

  async function send() {
    if (!canSend) return;
    setSending(true);
    const sent = await onSend(text);
    setSending(false);
    // Keep the draft when sending failed (e.g. the conversation could not be created) so nothing typed is lost.
    if (sent) setText("");
  }

  return (
    <form
      className="flex items-end gap-2 border-t border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-950"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <textarea
        data-testid="composer"
        aria-label={`Message ${columnCount === 1 ? "the model" : `all ${columnCount} models`}`}
        placeholder={columnCount > 1 ? `Message all ${columnCount} models… (Enter sends, Shift+Enter for a new line)` : "Message… (Enter sends, Shift+Enter for a new line)"}
        value={text}
        rows={Math.min(8, Math.max(2, text.split("\n").length))}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
        className="focus-ring min-h-12 flex-1 resize-none rounded-lg border border-zinc-300 bg-transparent px-3 py-2 text-sm dark:border-zinc-700"
      />
      <div className="flex flex-col gap-1.5">
        {busy ? (
          <button type="button" data-testid="stop-all" onClick={onStopAll} className="focus-ring rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800">
            Stop all
          </button>
        ) : null}
        <button
          type="submit"
          data-testid="send"
          disabled={!canSend}
          className="focus-ring rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-40"
        >
          {sending ? "Sending…" : "Send"}
        </button>
      </div>
    </form>
  );
}
