"use client";

import { useCopyToClipboard } from "@/components/use-copy-to-clipboard";
import { useState } from "react";
import type { ChatUIMessage } from "@/lib/chat/chat-contract";
import { MessageParts, messageText } from "./message-parts";
import { ReplyStats } from "./reply-stats";

const smallButton =
  "focus-ring rounded border border-zinc-300 px-2 py-0.5 text-xs text-zinc-700 hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800";

interface UserMessageProps {
  message: ChatUIMessage;
  disabled: boolean;
  isLastPrompt: boolean;
  onResend: (text: string) => void;
  onResendAll: (text: string) => void;
}

export function UserMessage({ message, disabled, isLastPrompt, onResend, onResendAll }: UserMessageProps) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const text = messageText(message);

  if (draft !== undefined) {
    const finish = (resend: (text: string) => void) => {
      if (!draft.trim()) return;
      resend(draft);
      setDraft(undefined);
    };
    return (
      <div className="ml-6 flex flex-col gap-1.5" data-testid="user-message">
        <textarea
          autoFocus
          aria-label="Edit your message"
          data-testid="edit-input"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setDraft(undefined);
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              finish(onResend);
            }
          }}
          rows={Math.min(8, Math.max(2, draft.split("\n").length))}
          className="focus-ring w-full rounded-md border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-600 dark:bg-zinc-900"
        />
        <div className="flex flex-wrap justify-end gap-1.5">
          <button type="button" className={smallButton} onClick={() => setDraft(undefined)}>
            Cancel
          </button>
          <button type="button" data-testid="edit-resend" className={smallButton} onClick={() => finish(onResend)} disabled={disabled}>
            Resend here
          </button>
          {isLastPrompt ? (
            <button type="button" data-testid="edit-resend-all" className={smallButton} onClick={() => finish(onResendAll)} disabled={disabled}>
              Resend to all columns
            </button>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <div className="group ml-6 flex flex-col items-end gap-1" data-testid="user-message">
      <div className="rounded-lg bg-indigo-600 px-3 py-2 text-sm whitespace-pre-wrap text-white">{text}</div>
      <button type="button" data-testid="edit-message" className={`${smallButton} border-transparent`} onClick={() => setDraft(text)} disabled={disabled}>
        Edit
      </button>
    </div>
  );
}

interface AssistantMessageProps {
  message: ChatUIMessage;
  modelName: string;
  streaming: boolean;
  stopped: boolean;
  errorText: string | undefined;
  canRegenerate: boolean;
  onRegenerate: () => void;
}

export function AssistantMessage({ message, modelName, streaming, stopped, errorText, canRegenerate, onRegenerate }: AssistantMessageProps) {
  const { copied, copy: copyText } = useCopyToClipboard();
  const metadata = message.metadata;
  // The server's word wins; the local flags cover streams it never got to finish describing.
  const status = streaming ? "streaming" : metadata?.status === "error" || errorText ? "error" : metadata?.status === "stopped" || stopped ? "stopped" : "complete";
  const shownError = metadata?.errorMessage ?? errorText;
  const text = messageText(message);

  const copy = () => copyText(text);

  return (
    <article data-testid="assistant-message" data-status={status} className="flex flex-col gap-2" aria-busy={streaming}>
      <MessageParts message={message} />
      {streaming && !text ? <PendingDots /> : null}
      {status === "error" && shownError ? (
        <p data-testid="reply-error" role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
          {shownError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-1.5">
        <StatusLabel status={status} />
        {!streaming ? (
          <>
            <button type="button" data-testid="copy-reply" className={smallButton} onClick={copy} disabled={!text}>
              {copied ? "Copied" : "Copy"}
            </button>
            {canRegenerate ? (
              <button type="button" data-testid="regenerate" className={smallButton} onClick={onRegenerate}>
                Regenerate
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      <ReplyStats metadata={metadata} modelName={modelName} />
    </article>
  );
}

function StatusLabel({ status }: { status: "streaming" | "stopped" | "error" | "complete" }) {
  if (status === "complete") return null;
  const styles = {
    streaming: "text-indigo-600 dark:text-indigo-400",
    stopped: "text-amber-700 dark:text-amber-400",
    error: "text-red-700 dark:text-red-400",
  };
  const labels = { streaming: "streaming…", stopped: "stopped", error: "error" };
  return (
    <span data-testid="reply-status" className={`text-xs font-medium ${styles[status]}`}>
      {labels[status]}
    </span>
  );
}

function PendingDots() {
  return (
    <span className="text-sm text-zinc-400" aria-label="Waiting for the first token">
      <span className="animate-pulse">●●●</span>
    </span>
  );
}

export function PendingReply() {
  return (
    <div data-testid="assistant-pending" className="flex items-center gap-2 text-xs text-zinc-500">
      <PendingDots /> waiting for the first token…
    </div>
  );
}
