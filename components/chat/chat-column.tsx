"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatRequestBody, ChatUIMessage, ConversationSettings, Slot } from "@/lib/chat/chat-contract";
import { readableErrorMessage } from "./chat-api";
import { messageText } from "./message-parts";
import { AssistantMessage, PendingReply, UserMessage } from "./message-view";

/** What the room needs from every column to drive them all from one composer. */
export interface ColumnHandle {
  send(text: string): void;
  stop(): void;
  /** Replaces this column's last prompt and resends from there; false when the column has no prompt yet. */
  editLastPrompt(text: string): boolean;
}

/** Read when a request leaves, not when the column rendered, so a late system-prompt edit still applies. */
export interface RequestContext {
  conversationId: string;
  systemPrompt: string | undefined;
  settings: ConversationSettings;
}

interface ChatColumnProps {
  slot: Slot;
  chatId: string;
  modelName: string;
  initialMessages: ChatUIMessage[];
  canRemove: boolean;
  getRequestContext: () => RequestContext | undefined;
  onRegister: (slotId: string, handle: ColumnHandle | null) => void;
  onStateChange: (slotId: string, state: { busy: boolean; cost: number }) => void;
  onReplyFinished: () => void;
  onRemove: () => void;
  onEditAll: (text: string) => void;
}

type RequestFields = Omit<ChatRequestBody, "messages">;

/**
 * Posts the column's own thread to /api/chat. The other fields travel as the
 * per-request `body` option, so the transport needs no access to React state.
 */
function createColumnTransport() {
  return new DefaultChatTransport<ChatUIMessage>({
    api: "/api/chat",
    prepareSendMessagesRequest: ({ messages, body }) => {
      const request: ChatRequestBody = {
        ...(body as RequestFields),
        messages: messages.map((message) => ({ id: message.id, role: message.role, parts: message.parts, metadata: message.metadata })),
      };
      return { body: request };
    },
  });
}

export function ChatColumn(props: ChatColumnProps) {
  const { slot, chatId, modelName, initialMessages, canRemove, onRegister, onStateChange, onReplyFinished, onRemove, onEditAll } = props;
  const { getRequestContext } = props;
  const [transport] = useState(createColumnTransport);

  // Read when a request leaves rather than at render, so a system prompt edited a moment ago still applies.
  const requestOptions = useCallback((): { body: RequestFields } => {
    const context = getRequestContext();
    if (!context) throw new Error("The conversation has not been created yet.");
    return { body: { conversationId: context.conversationId, slotId: slot.id, model: slot.model, systemPrompt: context.systemPrompt, settings: context.settings } };
  }, [getRequestContext, slot.id, slot.model]);

  // Replies the user stopped: the server may never send a "stopped" status for a stream it saw cut.
  const [stoppedIds, setStoppedIds] = useState<ReadonlySet<string>>(() => new Set());

  const chat = useChat<ChatUIMessage>({
    id: chatId,
    messages: initialMessages,
    transport,
    // Tokens arrive every few milliseconds from fast models; batching keeps eight columns responsive.
    experimental_throttle: 50,
    onFinish: ({ message, isAbort }) => {
      if (isAbort) setStoppedIds((previous) => new Set(previous).add(message.id));
      onReplyFinished();
    },
  });
  const { messages, status, error, sendMessage, regenerate, stop } = chat;
  const busy = status === "submitted" || status === "streaming";

  const messagesRef = useRef(messages);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);

  useEffect(() => {
    const handle: ColumnHandle = {
      send: (text) => void sendMessage({ text }, requestOptions()),
      stop: () => void stop(),
      editLastPrompt: (text) => {
        const lastPrompt = messagesRef.current.findLast((message) => message.role === "user");
        if (!lastPrompt) return false;
        void sendMessage({ text, messageId: lastPrompt.id }, requestOptions());
        return true;
      },
    };
    onRegister(slot.id, handle);
    return () => onRegister(slot.id, null);
  }, [onRegister, slot.id, sendMessage, stop, requestOptions]);

  const cost = messages.reduce((sum, message) => sum + (message.metadata?.cost ?? 0), 0);
  useEffect(() => {
    onStateChange(slot.id, { busy, cost });
  }, [onStateChange, slot.id, busy, cost]);

  // Follow the stream unless the reader scrolled up to read something earlier.
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastText = messages.at(-1) ? messageText(messages.at(-1) as ChatUIMessage).length : 0;
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (element.scrollHeight - element.scrollTop - element.clientHeight < 160) element.scrollTop = element.scrollHeight;
  }, [messages.length, lastText]);

  const lastMessage = messages.at(-1);
  const lastUserId = messages.findLast((message) => message.role === "user")?.id;
  const errorText = error ? readableErrorMessage(error.message) : undefined;

  return (
    <section
      data-testid="chat-column"
      data-model={slot.model}
      data-status={status}
      aria-label={`${modelName} column`}
      className="flex min-h-40 min-w-0 flex-col rounded-lg border border-zinc-200 bg-white lg:min-h-0 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold" title={slot.model}>
            {modelName}
          </h2>
          <p className="truncate text-[11px] text-zinc-500">{slot.model}</p>
        </div>
        {busy ? (
          <button type="button" data-testid="stop-column" onClick={() => void stop()} className="focus-ring rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800">
            Stop
          </button>
        ) : null}
        <button
          type="button"
          data-testid="remove-model"
          onClick={() => {
            if (busy) void stop();
            onRemove();
          }}
          disabled={!canRemove}
          aria-label={`Remove ${modelName} from the room`}
          title={canRemove ? "Remove from the room" : "A room needs at least one model"}
          className="focus-ring rounded px-1.5 text-lg leading-none text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-30 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          ×
        </button>
      </header>
      <div ref={scrollRef} className="flex flex-1 flex-col gap-3 p-3 lg:min-h-0 lg:overflow-y-auto">
        {messages.length === 0 ? <p className="m-auto text-center text-xs text-zinc-400">{modelName} will answer here.</p> : null}
        {messages.map((message, index) => {
          const isLast = index === messages.length - 1;
          if (message.role === "user") {
            return (
              <UserMessage
                key={message.id}
                message={message}
                disabled={busy}
                isLastPrompt={message.id === lastUserId}
                onResend={(text) => void sendMessage({ text, messageId: message.id }, requestOptions())}
                onResendAll={onEditAll}
              />
            );
          }
          if (message.role !== "assistant") return null;
          return (
            <AssistantMessage
              key={message.id}
              message={message}
              modelName={modelName}
              streaming={isLast && busy}
              stopped={stoppedIds.has(message.id)}
              errorText={isLast && status === "error" ? errorText : undefined}
              canRegenerate={isLast && !busy}
              onRegenerate={() => void regenerate(requestOptions())}
            />
          );
        })}
        {status === "submitted" && lastMessage?.role !== "assistant" ? <PendingReply /> : null}
        {status === "error" && lastMessage?.role !== "assistant" && errorText ? (
          <div className="flex flex-col gap-1.5 rounded-md border border-red-200 bg-red-50 p-2 text-sm dark:border-red-900 dark:bg-red-950/50">
            <p data-testid="reply-error" role="alert" className="text-red-800 dark:text-red-200">
              {errorText}
            </p>
            <button type="button" data-testid="regenerate" onClick={() => void regenerate(requestOptions())} className="focus-ring self-start rounded border border-red-300 px-2 py-0.5 text-xs dark:border-red-800">
              Retry
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
