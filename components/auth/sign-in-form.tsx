"use client";

import { useActionState } from "react";
import type { AuthFormAction, AuthFormState } from "./auth-form-state";
import { FormAlert } from "./form-alert";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

export function SignInForm({ action, callbackUrl, initialError }: { action: AuthFormAction; callbackUrl: string; initialError?: string }) {
  const [state, formAction, pending] = useActionState<AuthFormState, FormData>(action, { formError: initialError });
  return (
    <form action={formAction} className="flex flex-col gap-4" data-testid="sign-in-form" noValidate>
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
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={state.fieldErrors?.password} />
      <SubmitButton label="Sign in" pendingLabel="Signing in…" pending={pending} />
    </form>
  );
}
