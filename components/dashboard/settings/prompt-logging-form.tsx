"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "./request-json";
import { ErrorNote, INPUT_CLASS, LABEL_CLASS, Panel, PRIMARY_BUTTON_CLASS, StatusNote } from "./panel";
import { fetchSettings, settingsQueryKeys, updateSettings, type UserSettingsJson } from "./settings-api";

const MIN_DAYS = 1;
const MAX_DAYS = 365;

/** Prompt logging on or off, and for how long prompts are kept. */
export function PromptLoggingForm({ initial }: { initial: UserSettingsJson }) {
  const id = useId();
  const queryClient = useQueryClient();
  const { data } = useQuery({ queryKey: settingsQueryKeys.settings, queryFn: fetchSettings, initialData: initial });
  const [enabled, setEnabled] = useState(data.promptLogging);
  const [days, setDays] = useState(String(data.promptRetentionDays));
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: updateSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsQueryKeys.settings, settings);
      setSaved(settings.promptLogging ? `Saved. Prompts are kept for ${settings.promptRetentionDays} days.` : "Saved. Prompt logging is off.");
    },
  });

  const dayCount = Number(days);
  const daysProblem = Number.isInteger(dayCount) && dayCount >= MIN_DAYS && dayCount <= MAX_DAYS ? null : `Enter a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}.`;
  const changed = enabled !== data.promptLogging || (enabled && dayCount !== data.promptRetentionDays);

  return (
    <Panel
      title="Prompt logging"
      testId="prompt-logging-panel"
      description={
        <>
          <p>
            Off by default. When on, Switchyard keeps the prompt and the reply of each request you make, so you can read them in your logs. Request metadata (model, tokens, cost,
            timing) is always kept; prompts and replies only with this on.
          </p>
          <p className="mt-1">Each one is deleted when its retention ends. Turning logging off deletes everything kept so far at once.</p>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(null);
          if (enabled && daysProblem) return;
          save.mutate(enabled ? { promptLogging: true, promptRetentionDays: dayCount } : { promptLogging: false });
        }}
      >
        <label className="flex items-center gap-3 text-sm font-medium">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            onChange={(event) => setEnabled(event.target.checked)}
            className="size-4 accent-indigo-600"
            data-testid="prompt-logging-toggle"
          />
          Keep my prompts and replies
        </label>
        <div className="flex max-w-xs flex-col gap-1">
          <label htmlFor={`${id}-days`} className={LABEL_CLASS}>
            Keep them for (days)
          </label>
          <input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={MIN_DAYS}
            max={MAX_DAYS}
            value={days}
            disabled={!enabled}
            onChange={(event) => setDays(event.target.value)}
            aria-invalid={enabled && daysProblem ? true : undefined}
            className={`${INPUT_CLASS} disabled:opacity-50`}
            data-testid="prompt-retention-input"
          />
          {enabled ? <ErrorNote message={daysProblem} testId="prompt-retention-error" /> : null}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={PRIMARY_BUTTON_CLASS} disabled={save.isPending || !changed || (enabled && daysProblem !== null)} data-testid="prompt-logging-save">
            {save.isPending ? "Saving…" : "Save"}
          </button>
          <StatusNote message={saved} testId="prompt-logging-saved" />
          {!saved && !changed ? (
            <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="prompt-logging-current">
              {data.promptLogging ? `On: prompts are kept for ${data.promptRetentionDays} days.` : "Off: no prompts are kept."}
            </span>
          ) : null}
          <ErrorNote message={errorMessage(save.error)} testId="prompt-logging-error" />
        </div>
      </form>
    </Panel>
  );
}
