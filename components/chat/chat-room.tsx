"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ChatUIMessage, ConversationDetail, ConversationSettings, Slot } from "@/lib/chat/chat-contract";
import { createConversation, exportUrl, queryKeys, updateConversation } from "./chat-api";
import { ChatColumn, type ColumnHandle, type RequestContext } from "./chat-column";
import { Composer } from "./composer";
import { formatCost } from "./format-numbers";
import { ModelPicker } from "./model-picker";
import { readRecentModels } from "./recent-models";
import { RoomSettings, checkSettings, type SettingsDraft } from "./room-settings";
import { findModel, maxOutputTokens, useModels } from "./use-models";

/** OpenRouter's chatroom and the arena both stop being readable past eight columns. */
const maxColumns = 8;

function newSlotId(): string {
  return `slot-${crypto.randomUUID().slice(0, 8)}`;
}

function draftFromDetail(detail: ConversationDetail | undefined): SettingsDraft {
  const settings = detail?.settings ?? {};
  return {
    systemPrompt: detail?.systemPrompt ?? "",
    temperature: settings.temperature?.toString() ?? "",
    topP: settings.top_p?.toString() ?? "",
    maxTokens: settings.max_tokens?.toString() ?? "",
  };
}

function settingsFromDraft(draft: SettingsDraft): ConversationSettings {
  const settings: ConversationSettings = {};
  if (draft.temperature.trim()) settings.temperature = Number(draft.temperature);
  if (draft.topP.trim()) settings.top_p = Number(draft.topP);
  if (draft.maxTokens.trim()) settings.max_tokens = Number(draft.maxTokens);
  return settings;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface ChatRoomProps {
  /** The saved conversation, or undefined for a room that exists only in this tab until its first message. */
  initial: ConversationDetail | undefined;
  /** Models a new room starts with (from `?models=`); ignored for a saved conversation. */
  initialModels?: readonly string[];
}

/**
 * One room: its columns, its settings and the composer that drives them.
 * It stays mounted when a new room gets its id (the URL changes through
 * history.replaceState), so the first replies keep streaming.
 */
export function ChatRoom({ initial, initialModels }: ChatRoomProps) {
  const queryClient = useQueryClient();
  const models = useModels();
  const [conversationId, setConversationId] = useState(initial?.id);
  const [chosenSlots, setChosenSlots] = useState<Slot[] | undefined>(() => {
    if (initial) return initial.slots;
    const picked = (initialModels ?? []).slice(0, maxColumns).map((model) => ({ id: newSlotId(), model }));
    return picked.length > 0 ? picked : undefined;
  });
  const [defaultSlotId] = useState(newSlotId);
  const [draft, setDraft] = useState(() => draftFromDetail(initial));
  const [showSettings, setShowSettings] = useState(false);
  const [roomError, setRoomError] = useState<string>();
  // Chat ids must not change when a new room gets its id: the AI SDK starts a new, empty chat whenever the id changes.
  const [roomKey] = useState(() => initial?.id ?? `new-${crypto.randomUUID().slice(0, 8)}`);
  const [columnStates, setColumnStates] = useState<Record<string, { busy: boolean; cost: number }>>({});

  // A new room with no `?models=` starts with the most recently used model, else the first listed.
  // Read only once the models arrive, which is after hydration, so the server and browser render alike.
  const fallbackModel = useMemo(() => {
    const available = models.data;
    if (!available) return undefined;
    return readRecentModels().find((id) => available.some((model) => model.id === id)) ?? available[0]?.id;
  }, [models.data]);
  const slots = useMemo<Slot[]>(() => chosenSlots ?? (fallbackModel ? [{ id: defaultSlotId, model: fallbackModel }] : []), [chosenSlots, fallbackModel, defaultSlotId]);

  const maxTokensLimit = useMemo(() => {
    const limits = slots.map((slot) => findModel(models.data, slot.model)).filter((model) => model !== undefined).map(maxOutputTokens);
    return limits.length > 0 ? Math.min(...limits) : undefined;
  }, [slots, models.data]);
  const problems = checkSettings(draft, maxTokensLimit);
  const hasProblems = Object.keys(problems).length > 0;

  const handles = useRef(new Map<string, ColumnHandle>());
  const onRegister = useCallback((slotId: string, handle: ColumnHandle | null) => {
    if (handle) handles.current.set(slotId, handle);
    else handles.current.delete(slotId);
  }, []);
  const onStateChange = useCallback((slotId: string, state: { busy: boolean; cost: number }) => {
    setColumnStates((previous) => {
      const current = previous[slotId];
      if (current && current.busy === state.busy && current.cost === state.cost) return previous;
      return { ...previous, [slotId]: state };
    });
  }, []);

  const contextRef = useRef<RequestContext | undefined>(undefined);
  useEffect(() => {
    contextRef.current = conversationId ? { conversationId, systemPrompt: draft.systemPrompt.trim() || undefined, settings: settingsFromDraft(draft) } : undefined;
  }, [conversationId, draft]);
  const getRequestContext = useCallback(() => contextRef.current, []);

  const busy = slots.some((slot) => columnStates[slot.id]?.busy);
  // Replies of columns removed from the room were still paid for; the saved total includes them.
  const removedCost = useMemo(() => {
    if (!initial) return 0;
    return Object.entries(initial.threads)
      .filter(([slotId]) => !slots.some((slot) => slot.id === slotId))
      .reduce((sum, [, thread]) => sum + thread.reduce((threadSum, message) => threadSum + (message.metadata?.cost ?? 0), 0), 0);
  }, [initial, slots]);
  const totalCost = removedCost + slots.reduce((sum, slot) => sum + (columnStates[slot.id]?.cost ?? 0), 0);

  const onReplyFinished = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations, exact: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.account });
  }, [queryClient]);

  async function saveRoom(changes: { slots?: Slot[]; settingsChanged?: boolean }) {
    if (!conversationId) return;
    try {
      await updateConversation(conversationId, {
        slots: changes.slots,
        ...(changes.settingsChanged ? { systemPrompt: draft.systemPrompt.trim() || null, settings: settingsFromDraft(draft) } : {}),
      });
      setRoomError(undefined);
    } catch (error) {
      setRoomError(`Could not save the room: ${describeError(error)}`);
    }
  }

  function addModel(model: string) {
    const next = [...slots, { id: newSlotId(), model }];
    setChosenSlots(next);
    void saveRoom({ slots: next });
  }

  function removeSlot(slotId: string) {
    const next = slots.filter((slot) => slot.id !== slotId);
    setChosenSlots(next);
    void saveRoom({ slots: next });
  }

  /** Creates the conversation on the first send, then sends to every column at once. */
  async function sendToAll(text: string): Promise<boolean> {
    if (slots.length === 0 || hasProblems) return false;
    if (!contextRef.current) {
      try {
        const created = await createConversation({
          title: text.trim().slice(0, 80),
          slots,
          systemPrompt: draft.systemPrompt.trim() || undefined,
          settings: settingsFromDraft(draft),
        });
        contextRef.current = { conversationId: created.id, systemPrompt: draft.systemPrompt.trim() || undefined, settings: settingsFromDraft(draft) };
        setConversationId(created.id);
        setChosenSlots(slots);
        // Not router.replace: that would remount the page and cut the streams that are about to start.
        window.history.replaceState(null, "", `/chat/${created.id}`);
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations, exact: true });
      } catch (error) {
        setRoomError(`Could not start the conversation: ${describeError(error)}`);
        return false;
      }
    }
    setRoomError(undefined);
    for (const slot of slots) handles.current.get(slot.id)?.send(text);
    return true;
  }

  function editAll(text: string) {
    for (const slot of slots) {
      const handle = handles.current.get(slot.id);
      // A column added after the last prompt has nothing to edit; it gets the prompt as a fresh message.
      if (handle && !handle.editLastPrompt(text)) handle.send(text);
    }
  }

  function stopAll() {
    for (const handle of handles.current.values()) handle.stop();
  }

  const initialThreads = initial?.threads;

  return (
    <div className="flex flex-col lg:h-full lg:min-h-0">
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-950">
        <ModelPicker excluded={slots.map((slot) => slot.model)} disabled={slots.length >= maxColumns} onPick={addModel} />
        <span className="text-xs text-zinc-500">
          {slots.length}/{maxColumns} models
        </span>
        <button
          type="button"
          aria-expanded={showSettings}
          aria-controls="room-settings"
          data-testid="toggle-settings"
          onClick={() => setShowSettings((value) => !value)}
          className={`focus-ring rounded-md border px-2.5 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${hasProblems ? "border-red-500" : "border-zinc-300 dark:border-zinc-600"}`}
        >
          <span className="hidden sm:inline">System prompt &amp; </span>parameters
        </button>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-zinc-500">
            Room cost{" "}
            <strong data-testid="room-total-cost" className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100">
              {formatCost(totalCost)}
            </strong>
          </span>
          {conversationId ? (
            <>
              <a data-testid="export-markdown" href={exportUrl(conversationId, "markdown")} download className="focus-ring rounded text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400">
                Markdown
              </a>
              <a data-testid="export-json" href={exportUrl(conversationId, "json")} download className="focus-ring rounded text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400">
                JSON
              </a>
            </>
          ) : null}
        </div>
      </div>
      {/* Kept mounted while hidden so the system prompt and parameter inputs are always in the page. */}
      <div id="room-settings" hidden={!showSettings} className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
        <RoomSettings draft={draft} problems={problems} maxTokensLimit={maxTokensLimit} onChange={setDraft} onCommit={() => void (hasProblems ? undefined : saveRoom({ settingsChanged: true }))} />
      </div>
      {roomError ? (
        <p role="alert" data-testid="room-error" className="border-b border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {roomError}
        </p>
      ) : null}
      {models.isError ? (
        <p role="alert" className="px-3 py-2 text-sm text-red-700">
          Could not load the model list: {models.error.message}
        </p>
      ) : null}
      <div className="flex-1 p-3 lg:min-h-0 lg:overflow-x-auto lg:overflow-y-hidden">
        <div className="grid grid-cols-1 gap-3 lg:h-full lg:auto-cols-[minmax(20rem,1fr)] lg:grid-flow-col lg:grid-cols-none">
          {slots.map((slot) => (
            <ChatColumn
              key={slot.id}
              slot={slot}
              chatId={`${roomKey}:${slot.id}`}
              modelName={findModel(models.data, slot.model)?.name ?? slot.model}
              initialMessages={(initialThreads?.[slot.id] ?? []) as ChatUIMessage[]}
              canRemove={slots.length > 1}
              getRequestContext={getRequestContext}
              onRegister={onRegister}
              onStateChange={onStateChange}
              onReplyFinished={onReplyFinished}
              onRemove={() => removeSlot(slot.id)}
              onEditAll={editAll}
            />
          ))}
          {slots.length === 0 && models.isPending ? <p className="text-sm text-zinc-500">Loading models…</p> : null}
        </div>
      </div>
      <div className="sticky bottom-0 z-10">
        <Composer busy={busy} disabled={slots.length === 0 || hasProblems} columnCount={slots.length} onSend={sendToAll} onStopAll={stopAll} />
      </div>
    </div>
  );
}
