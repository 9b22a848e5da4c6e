"use client";

import { useState, type FormEvent } from "react";
import { InlineError } from "../shared/inline-error";
import { ModalDialog } from "../shared/modal-dialog";
import { errorText } from "../shared/request-json";
import { FIELD_LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT } from "../shared/ui-classes";
import type { ApiKeyJson } from "./keys-api";
import { LimitFields, readLimitDraft, type LimitDraft } from "./limit-fields";
import { useCreateKey } from "./use-keys";

const EMPTY_LIMIT: LimitDraft = { amount: "", reset: "never" };

export function CreateKeyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (created: { key: ApiKeyJson; secret: string }) => void }) {
  const [name, setName] = useState("");
  const [limit, setLimit] = useState<LimitDraft>(EMPTY_LIMIT);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateKey();

  function close() {
    setName("");
    setLimit(EMPTY_LIMIT);
    setProblem(null);
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === "") return setProblem("Give the key a name, such as the app that will use it.");
    const limitFields = readLimitDraft(limit);
    if ("problem" in limitFields) return setProblem(limitFields.problem);
    setProblem(null);
    create.mutate(
      { name: name.trim(), ...limitFields },
      {
        onSuccess: (created) => {
          close();
          onCreated(created);
        },
      },
    );
  }

  return (
    <ModalDialog open={open} onClose={close} title="Create an API key" testId="create-key-dialog">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor="new-key-name" className={FIELD_LABEL}>
            Name
          </label>
          <input
            id="new-key-name"
            autoFocus
            maxLength={100}
            autoComplete="off"
            placeholder="e.g. My laptop, Production app"
            value={name}
            onChange={(event) => setName(event.target.value)}
            className={TEXT_INPUT}
            data-testid="new-key-name-input"
          />
        </div>
        <LimitFields id="new-key-limit" draft={limit} onChange={setLimit} />
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          A limit caps what this key can spend from your credits; requests past it are refused until the period resets. Leave it empty for no cap.
        </p>
        <InlineError message={problem ?? (create.error ? errorText(create.error) : null)} testId="create-key-error" />
        <div className="flex justify-end gap-2">
          <button type="button" onClick={close} className={SECONDARY_BUTTON}>
            Cancel
          </button>
          <button type="submit" disabled={create.isPending} className={PRIMARY_BUTTON} data-testid="create-key-submit">
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
