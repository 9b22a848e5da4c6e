"use client";

import { useActionState } from "react";
import type { AuthFormAction, AuthFormState } from "./auth-form-state";
import { FormAlert } from "./form-alert";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

export function SignUpForm({ action, callbackUrl, minPasswordLength }: { action: AuthFormAction; callbackUrl: string; minPasswordLength: number }) {
  const [state, formAction, pending] = useActionState<AuthFormState, FormData>(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-4" data-testid="sign-up-form" noValidate>
      <FormAlert message={state.formError} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters.`}
        error={state.fieldErrors?.password}
      />
      <TextField
        name="name"
        label="Name (optional)"
        type="text"
        autoComplete="name"
        maxLength={100}
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <SubmitButton label="Create account" pendingLabel="Creating account…" pending={pending} />
    </form>
  );
}
