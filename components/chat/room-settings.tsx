"use client";

import { useId } from "react";

/** The form's view of the parameters: strings, so a half-typed "0." isn't turned into 0 under the cursor. */
export interface SettingsDraft {
  systemPrompt: string;
  temperature: string;
  topP: string;
  maxTokens: string;
}

export interface SettingsProblems {
  temperature?: string;
  topP?: string;
  maxTokens?: string;
}

/** Checks the draft against the contract's bounds and the room's smallest model limit; problems are shown, never silently clamped. */
export function checkSettings(draft: SettingsDraft, maxTokensLimit: number | undefined): SettingsProblems {
  const problems: SettingsProblems = {};
  const temperature = draft.temperature.trim();
  if (temperature && !(Number(temperature) >= 0 && Number(temperature) <= 2)) problems.temperature = "Temperature must be between 0 and 2.";
  const topP = draft.topP.trim();
  if (topP && !(Number(topP) >= 0 && Number(topP) <= 1)) problems.topP = "Top P must be between 0 and 1.";
  const maxTokens = draft.maxTokens.trim();
  if (maxTokens) {
    const value = Number(maxTokens);
    if (!Number.isInteger(value) || value < 1) problems.maxTokens = "Max tokens must be a whole number above 0.";
    else if (maxTokensLimit !== undefined && value > maxTokensLimit)
      problems.maxTokens = `At most ${maxTokensLimit.toLocaleString("en-US")} for the models in this room.`;
  }
  return problems;
}

interface RoomSettingsProps {
  draft: SettingsDraft;
  problems: SettingsProblems;
  maxTokensLimit: number | undefined;
  onChange: (draft: SettingsDraft) => void;
  /** Called when a field loses focus, so the server is told once per edit rather than once per keystroke. */
  onCommit: () => void;
}

export function RoomSettings({ draft, problems, maxTokensLimit, onChange, onCommit }: RoomSettingsProps) {
  const id = useId();
  const field = "focus-ring w-full rounded-md border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-600";
  return (
    <div className="grid gap-3 p-3 text-sm md:grid-cols-[2fr_1fr]">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-system`} className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
          System prompt
        </label>
        <textarea
          id={`${id}-system`}
          data-testid="system-prompt"
          rows={3}
          value={draft.systemPrompt}
          placeholder="You are a helpful assistant."
          onChange={(event) => onChange({ ...draft, systemPrompt: event.target.value })}
          onBlur={onCommit}
          className={field}
        />
      </div>
      <div className="grid grid-cols-3 gap-2 md:grid-cols-1">
        <NumberField
          id={`${id}-temperature`}
          label="Temperature"
          testId="settings-temperature"
          value={draft.temperature}
          placeholder="default"
          min={0}
          max={2}
          step={0.1}
          problem={problems.temperature}
          onChange={(temperature) => onChange({ ...draft, temperature })}
          onCommit={onCommit}
        />
        <NumberField
          id={`${id}-top-p`}
          label="Top P"
          testId="settings-top-p"
          value={draft.topP}
          placeholder="default"
          min={0}
          max={1}
          step={0.05}
          problem={problems.topP}
          onChange={(topP) => onChange({ ...draft, topP })}
          onCommit={onCommit}
        />
        <NumberField
          id={`${id}-max-tokens`}
          label={maxTokensLimit ? `Max tokens (≤ ${maxTokensLimit.toLocaleString("en-US")})` : "Max tokens"}
          testId="settings-max-tokens"
          value={draft.maxTokens}
          placeholder="default"
          min={1}
          max={maxTokensLimit}
          step={1}
          problem={problems.maxTokens}
          onChange={(maxTokens) => onChange({ ...draft, maxTokens })}
          onCommit={onCommit}
        />
      </div>
    </div>
  );
}

interface NumberFieldProps {
  id: string;
  label: string;
  testId: string;
  value: string;
  placeholder: string;
  min: number;
  max: number | undefined;
  step: number;
  problem: string | undefined;
  onChange: (value: string) => void;
  onCommit: () => void;
}

function NumberField({ id, label, testId, value, placeholder, min, max, step, problem, onChange, onCommit }: NumberFieldProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
        {label}
      </label>
      <input
        id={id}
        data-testid={testId}
        type="number"
        inputMode="decimal"
        value={value}
        placeholder={placeholder}
        min={min}
        max={max}
        step={step}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onCommit}
        className={`focus-ring w-full rounded-md border bg-transparent px-2 py-1 text-sm ${problem ? "border-red-500" : "border-zinc-300 dark:border-zinc-600"}`}
      />
      {problem ? (
        <p id={`${id}-problem`} className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
