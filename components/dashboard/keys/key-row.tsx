"use client";

import { useState, type FormEvent } from "react";
import { formatDate, formatDateTime, formatRelative } from "../shared/format-date";
import { InlineError } from "../shared/inline-error";
import { ModalDialog } from "../shared/modal-dialog";
import { errorText } from "../shared/request-json";
import { DANGER_BUTTON, PRIMARY_BUTTON, SECONDARY_BUTTON, SMALL_BUTTON, TEXT_INPUT } from "../shared/ui-classes";
import type { ApiKeyJson } from "./keys-api";
import { LimitFields, readLimitDraft, type LimitDraft } from "./limit-fields";
import { UsageBar } from "./usage-bar";
import { useDeleteKey, useUpdateKey } from "./use-keys";

type Editing = "none" | "name" | "limit";

/** One key: what it is, what it spent, and everything that can be changed about it in place. */
export function KeyRow({ apiKey }: { apiKey: ApiKeyJson }) {
  const [editing, setEditing] = useState<Editing>("none");
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const update = useUpdateKey(apiKey.id);
  const remove = useDeleteKey(apiKey.id);

  function startEditing(next: Editing) {
    update.reset();
    setEditing(next);
  }

  return (
    <li
      className={`grid grid-cols-1 gap-x-6 gap-y-3 px-4 py-4 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1.2fr)_auto] lg:items-center ${apiKey.disabled ? "bg-zinc-50 dark:bg-zinc-900/50" : ""}`}
      data-testid="key-row"
      data-key-id={apiKey.id}
      data-disabled={apiKey.disabled}
    >
      <div className="min-w-0">
        {editing === "name" ? (
          <RenameForm apiKey={apiKey} pending={update.isPending} onSave={(name) => update.mutate({ name }, { onSuccess: () => setEditing("none") })} onCancel={() => setEditing("none")} />
        ) : (
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <span className={`truncate font-medium ${apiKey.disabled ? "text-zinc-500 dark:text-zinc-400" : ""}`} title={apiKey.name} data-testid="key-name">
              {apiKey.name}
            </span>
            {apiKey.disabled ? (
              <span className="rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" data-testid="key-disabled-badge">
                Disabled
              </span>
            ) : null}
          </div>
        )}
        <code className="mt-1 block truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" data-testid="key-prefix">
          {apiKey.prefix}…
        </code>
      </div>

      <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs lg:grid-cols-1">
        <div className="flex gap-1">
          <dt className="text-zinc-500 dark:text-zinc-400">Created</dt>
          <dd title={formatDateTime(apiKey.createdAt)}>{formatDate(apiKey.createdAt)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-zinc-500 dark:text-zinc-400">Last used</dt>
          <dd title={apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : undefined} data-testid="key-last-used">
            {apiKey.lastUsedAt ? formatRelative(apiKey.lastUsedAt) : "Never"}
          </dd>
        </div>
      </dl>

      <div className={editing === "limit" ? "min-w-0 lg:order-last lg:col-span-4" : "min-w-0"}>
        {editing === "limit" ? (
          <LimitForm
            apiKey={apiKey}
            pending={update.isPending}
            onSave={(limit) => update.mutate(limit, { onSuccess: () => setEditing("none") })}
            onCancel={() => setEditing("none")}
          />
        ) : (
          <UsageBar apiKey={apiKey} />
        )}
      </div>

      <div className="-ml-2 flex flex-wrap gap-0.5 lg:ml-0 lg:justify-end">
        <button type="button" className={SMALL_BUTTON} onClick={() => startEditing("name")} disabled={editing !== "none"} data-testid="rename-key-button">
          Rename
        </button>
        <button type="button" className={SMALL_BUTTON} onClick={() => startEditing("limit")} disabled={editing !== "none"} data-testid="edit-limit-button">
          Limit
        </button>
        <button
          type="button"
          className={SMALL_BUTTON}
          onClick={() => update.mutate({ disabled: !apiKey.disabled })}
          disabled={update.isPending}
          data-testid="toggle-key-button"
        >
          {apiKey.disabled ? "Enable" : "Disable"}
        </button>
        <button
          type="button"
          className={`${SMALL_BUTTON} text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`}
          onClick={() => {
            remove.reset();
            setConfirmingDelete(true);
          }}
          data-testid="delete-key-button"
        >
          Delete
        </button>
      </div>

      {update.error ? (
        <div className="lg:col-span-4">
          <InlineError message={errorText(update.error)} testId="key-row-error" />
        </div>
      ) : null}

      <ModalDialog open={confirmingDelete} onClose={() => setConfirmingDelete(false)} title="Delete this key?" testId="delete-key-dialog">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          <strong className="font-semibold">{apiKey.name}</strong> (<code className="font-mono">{apiKey.prefix}…</code>) stops working at once, for every app that uses it. This cannot be
          undone; to pause a key instead, disable it.
        </p>
        <InlineError message={remove.error ? errorText(remove.error) : null} testId="delete-key-error" />
        <div className="flex justify-end gap-2">
          <button type="button" className={SECONDARY_BUTTON} onClick={() => setConfirmingDelete(false)}>
            Cancel
          </button>
          <button
            type="button"
            className={DANGER_BUTTON}
            disabled={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSuccess: () => setConfirmingDelete(false) })}
            data-testid="confirm-delete-key"
          >
            {remove.isPending ? "Deleting…" : "Delete key"}
          </button>
        </div>
      </ModalDialog>
    </li>
  );
}

function RenameForm({ apiKey, pending, onSave, onCancel }: { apiKey: ApiKeyJson; pending: boolean; onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(apiKey.name);
  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === "" || trimmed === apiKey.name) return onCancel();
    onSave(trimmed);
  }
  return (
    <form onSubmit={submit} className="flex items-center gap-1.5">
      <input
        aria-label="Key name"
        autoFocus
        maxLength={100}
        value={name}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
        className={`${TEXT_INPUT} py-1`}
        data-testid="rename-key-input"
      />
      <button type="submit" disabled={pending} className={`${PRIMARY_BUTTON} py-1`} data-testid="rename-key-save">
        Save
      </button>
      <button type="button" onClick={onCancel} className={`${SECONDARY_BUTTON} py-1`}>
        Cancel
      </button>
    </form>
  );
}

function LimitForm({
  apiKey,
  pending,
  onSave,
  onCancel,
}: {
  apiKey: ApiKeyJson;
  pending: boolean;
  onSave: (limit: { limit: number | null; limitReset: ApiKeyJson["limitReset"] }) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<LimitDraft>({ amount: apiKey.limit === null ? "" : String(apiKey.limit), reset: apiKey.limitReset ?? "never" });
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const read = readLimitDraft(draft);
    if ("problem" in read) return setProblem(read.problem);
    setProblem(null);
    onSave(read);
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" data-testid="limit-form" noValidate>
      <LimitFields id={`limit-${apiKey.id}`} draft={draft} onChange={setDraft} disabled={pending} />
      <InlineError message={problem} />
      <div className="flex flex-wrap gap-1.5">
        <button type="submit" disabled={pending} className={`${PRIMARY_BUTTON} py-1`} data-testid="limit-save">
          Save limit
        </button>
        {apiKey.limit !== null ? (
          <button type="button" disabled={pending} onClick={() => onSave({ limit: null, limitReset: null })} className={`${SECONDARY_BUTTON} py-1`} data-testid="limit-clear">
            Remove limit
          </button>
        ) : null}
        <button type="button" onClick={onCancel} className={`${SECONDARY_BUTTON} py-1`}>
          Cancel
        </button>
      </div>
    </form>
  );
}
