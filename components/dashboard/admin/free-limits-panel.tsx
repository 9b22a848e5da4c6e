"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "../settings/request-json";
import { Badge, ErrorNote, INPUT_CLASS, LABEL_CLASS, Panel, PRIMARY_BUTTON_CLASS, SECONDARY_BUTTON_CLASS, StatusNote } from "../settings/panel";
import { adminQueryKeys, fetchFreeLimits, resetFreeLimits, saveFreeLimits, type FreeLimitsJson } from "./admin-api";

const FIELDS = [
  { name: "perMinute", label: "Requests per minute", environment: "FREE_REQUESTS_PER_MINUTE" },
  { name: "perDay", label: "Requests per day", environment: "FREE_REQUESTS_PER_DAY" },
  { name: "perDayPurchased", label: "Per day, accounts that bought credits", environment: "FREE_REQUESTS_PER_DAY_PURCHASED" },
] as const;

type Draft = Record<(typeof FIELDS)[number]["name"], string>;

function toDraft(limits: FreeLimitsJson): Draft {
  return { perMinute: String(limits.perMinute), perDay: String(limits.perDay), perDayPurchased: String(limits.perDayPurchased) };
}

/** How many requests to free models each account may make. */
export function FreeLimitsPanel() {
  const limits = useQuery({ queryKey: adminQueryKeys.freeLimits, queryFn: fetchFreeLimits, staleTime: 0 });
  const [saved, setSaved] = useState<string | null>(null);
  const data = limits.data;
  return (
    <Panel
      title="Free-model limits"
      testId="admin-free-limits-panel"
      id="free-limits"
      description="Requests each account may make to free (:free) models. Accounts that have bought credits get the larger daily limit."
    >
      {limits.isPending ? <p className="text-sm text-zinc-500">Loading limits…</p> : null}
      <ErrorNote message={errorMessage(limits.error)} />
      {data ? (
        // Keyed by the stored values, so the fields start over from what was saved.
        <FreeLimitsForm key={`${data.source}:${data.perMinute}:${data.perDay}:${data.perDayPurchased}`} limits={data} onSaved={setSaved} />
      ) : null}
      <StatusNote message={saved} testId="admin-free-limits-saved" />
    </Panel>
  );
}

function FreeLimitsForm({ limits, onSaved }: { limits: FreeLimitsJson; onSaved: (message: string | null) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(limits));
  const onSuccess = (result: FreeLimitsJson, message: string) => {
    queryClient.setQueryData(adminQueryKeys.freeLimits, result);
    onSaved(message);
  };
  const save = useMutation({ mutationFn: saveFreeLimits, onSuccess: (result) => onSuccess(result, "Saved. The new limits apply from the next request.") });
  const reset = useMutation({ mutationFn: resetFreeLimits, onSuccess: (result) => onSuccess(result, "Back to the environment's limits.") });
  const problems = FIELDS.filter((field) => !/^\d+$/.test(draft[field.name].trim()) || Number(draft[field.name]) < 1 || Number(draft[field.name]) > 1_000_000);

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        onSaved(null);
        if (problems.length > 0) return;
        save.mutate({ perMinute: Number(draft.perMinute), perDay: Number(draft.perDay), perDayPurchased: Number(draft.perDayPurchased) });
      }}
      data-testid="admin-free-limits-form"
    >
      <div>
        {limits.source === "admin" ? (
          <Badge tone="indigo" testId="admin-free-limits-source">
            Set by an admin
          </Badge>
        ) : (
          <Badge tone="zinc" testId="admin-free-limits-source">
            From the environment
          </Badge>
        )}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {FIELDS.map((field) => (
          <div key={field.name} className="flex flex-col gap-1">
            <label htmlFor={`${id}-${field.name}`} className={LABEL_CLASS}>
              {field.label}
            </label>
            <input
              id={`${id}-${field.name}`}
              type="number"
              inputMode="numeric"
              min={1}
              max={1_000_000}
              value={draft[field.name]}
              onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
              aria-invalid={problems.includes(field) ? true : undefined}
              className={INPUT_CLASS}
              data-testid={`admin-free-limit-${field.name}`}
            />
            <span className="text-xs text-zinc-500">
              Default {limits.defaults[field.name].toLocaleString("en-US")} ({field.environment})
            </span>
          </div>
        ))}
      </div>
      {problems.length > 0 ? <ErrorNote message="Each limit must be a whole number from 1 to 1,000,000." /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className={PRIMARY_BUTTON_CLASS} disabled={save.isPending || problems.length > 0} data-testid="admin-free-limits-save">
          {save.isPending ? "Saving…" : "Save limits"}
        </button>
        {limits.source === "admin" ? (
          <button type="button" className={SECONDARY_BUTTON_CLASS} disabled={reset.isPending} onClick={() => reset.mutate()} data-testid="admin-free-limits-reset">
            Use the environment&apos;s
          </button>
        ) : null}
        <ErrorNote message={errorMessage(save.error) ?? errorMessage(reset.error)} testId="admin-free-limits-error" />
      </div>
    </form>
  );
}
