"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { OpenRouterModel } from "@/lib/gateway/catalog/to-openrouter-models";
import { formatContextLength, formatPerMillion } from "./format-numbers";
import { readRecentModels, rememberRecentModel } from "./recent-models";
import { isFreeModel, modelCapabilities, useModels } from "./use-models";

interface ModelPickerProps {
  /** Ids already in the room; shown but not pickable twice. */
  excluded: readonly string[];
  disabled?: boolean;
  onPick: (modelId: string) => void;
}

/**
 * A combobox: the search field keeps focus while arrow keys move the active
 * option, the same pattern as OpenRouter's picker, so typing and choosing
 * never fight over focus.
 */
export function ModelPicker({ excluded, disabled, onPick }: ModelPickerProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-testid="add-model"
        disabled={disabled}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
        className="focus-ring rounded-md border border-dashed border-zinc-400 px-2.5 py-1 text-sm text-zinc-700 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        + Add model
      </button>
      {open ? (
        <ModelPickerPanel
          excluded={excluded}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
          onPick={(id) => {
            onPick(id);
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}

function matches(model: OpenRouterModel, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return `${model.name} ${model.id} ${model.providers.join(" ")}`.toLowerCase().includes(needle);
}

function ModelPickerPanel({ excluded, onClose, onPick }: { excluded: readonly string[]; onClose: () => void; onPick: (id: string) => void }) {
  const models = useModels();
  const [query, setQuery] = useState("");
  const [activeIndex, setActiveIndex] = useState(0);
  const [recent] = useState(() => readRecentModels());
  const listId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Recent picks first (when not searching), then the catalog in its own order.
  const options = useMemo(() => {
    const all = (models.data ?? []).filter((model) => !excluded.includes(model.id) && matches(model, query));
    if (query.trim()) return all;
    const recentModels = recent.map((id) => all.find((model) => model.id === id)).filter((model): model is OpenRouterModel => model !== undefined);
    return [...recentModels, ...all.filter((model) => !recent.includes(model.id))];
  }, [models.data, excluded, query, recent]);

  const clampedIndex = Math.min(activeIndex, Math.max(options.length - 1, 0));

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${clampedIndex}"]`)?.scrollIntoView({ block: "nearest" });
  }, [clampedIndex]);

  // Clicking outside closes, like any popover.
  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      if (panelRef.current && event.target instanceof Node && !panelRef.current.contains(event.target)) onClose();
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [onClose]);

  function choose(model: OpenRouterModel | undefined) {
    if (!model) return;
    rememberRecentModel(model.id);
    onPick(model.id);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActiveIndex(options.length === 0 ? 0 : (clampedIndex + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActiveIndex(options.length === 0 ? 0 : (clampedIndex - 1 + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(options[clampedIndex]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  }

  const activeId = options[clampedIndex] ? `${listId}-${clampedIndex}` : undefined;

  return (
    <div
      ref={panelRef}
      role="dialog"
      aria-label="Add a model"
      data-testid="model-picker"
      className="absolute left-0 z-30 mt-2 w-[min(26rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-2 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        aria-label="Search models by name or vendor"
        placeholder="Search models (name or vendor/id)…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActiveIndex(0);
        }}
        onKeyDown={onKeyDown}
        data-testid="model-search"
        className="focus-ring w-full rounded-md border border-zinc-300 bg-transparent px-2.5 py-1.5 text-sm dark:border-zinc-600"
      />
      <ul ref={listRef} id={listId} role="listbox" aria-label="Models" className="mt-2 max-h-80 overflow-y-auto">
        {models.isPending ? <li className="px-2 py-3 text-sm text-zinc-500">Loading models…</li> : null}
        {models.isError ? <li className="px-2 py-3 text-sm text-red-600">Could not load models: {models.error.message}</li> : null}
        {models.isSuccess && options.length === 0 ? <li className="px-2 py-3 text-sm text-zinc-500">No model matches “{query}”.</li> : null}
        {options.map((model, index) => {
          const free = isFreeModel(model);
          const isRecent = !query.trim() && recent.includes(model.id);
          return (
            <li
              key={model.id}
              id={`${listId}-${index}`}
              data-index={index}
              role="option"
              aria-selected={index === clampedIndex}
              data-testid="model-option"
              data-model={model.id}
              onPointerMove={() => setActiveIndex(index)}
              onClick={() => choose(model)}
              className={`cursor-pointer rounded-md px-2 py-2 text-sm ${index === clampedIndex ? "bg-indigo-50 ring-1 ring-indigo-400 dark:bg-indigo-950" : ""}`}
            >
              <div className="flex items-center gap-2">
                <span className="font-medium">{model.name}</span>
                {free ? <Badge tone="green">free</Badge> : null}
                {modelCapabilities(model).map((capability) => (
                  <Badge key={capability} tone="zinc">
                    {capability}
                  </Badge>
                ))}
                {isRecent ? <span className="ml-auto text-xs text-zinc-400">recent</span> : null}
              </div>
              <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
                <code>{model.id}</code>
                <span>
                  {formatPerMillion(model.pricing.prompt)} in · {formatPerMillion(model.pricing.completion)} out /M
                </span>
                <span>{formatContextLength(model.context_length)} context</span>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function Badge({ tone, children }: { tone: "green" | "zinc" | "red" | "amber"; children: string }) {
  const tones = {
    green: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
    zinc: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
    red: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
    amber: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
  };
  return <span className={`rounded px-1.5 py-0.5 text-[11px] font-medium leading-none ${tones[tone]}`}>{children}</span>;
}
