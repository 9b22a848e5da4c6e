import type { InputHTMLAttributes } from "react";

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ name, label, hint, error, ...inputProps }: TextFieldProps) {
  const inputId = `field-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={`${name}-input`}
        className={`rounded-md border bg-white px-3 py-2 text-base outline-none focus-visible:ring-2 focus-visible:ring-offset-1 dark:bg-zinc-900 sm:text-sm ${
          error
            ? "border-red-500 focus-visible:ring-red-500 dark:border-red-500"
            : "border-zinc-300 focus-visible:ring-indigo-500 dark:border-zinc-700"
        }`}
        {...inputProps}
      />
      {hint && !error ? (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-600 dark:text-red-400" data-testid={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
