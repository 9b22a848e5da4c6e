"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import type { z } from "zod";
import type { AuthFormState } from "@/components/auth/auth-form-state";
import { signIn, TooManySignIns } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/auth-config";
import { admitSignUp } from "@/lib/auth/sign-in-throttle";
import { env } from "@/lib/env";
import { findClientAddress } from "@/lib/http/client-address";
import { createUserWithPassword, EmailTakenError } from "@/lib/db/user-queries";
import { signInSchema, signUpSchema } from "./schema";

export async function signInWithPassword(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: textField(formData, "email") };
  const parsed = signInSchema.safeParse(formFields(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(parsed.data.callbackUrl),
    });
  } catch (error) {
    if (error instanceof TooManySignIns || (error instanceof AuthError && (error as { code?: unknown }).code === "too_many_attempts")) {
      return { formError: "Too many failed sign-ins for this email or from your network. Wait 15 minutes and try again.", values };
    }
    if (error instanceof AuthError) {
      // Deliberately the same words for an unknown email: saying which one was wrong would reveal who has an account.
      return { formError: "That email and password don't match an account. Check them and try again.", values };
    }
    throw error;
  }
  return {};
}

export async function signUpWithPassword(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: textField(formData, "email"), name: textField(formData, "name") };
  const parsed = signUpSchema.safeParse(formFields(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  // Every attempt counts, a taken email too: asking about email after email is what the limit stops as well.
  if (!(await admitSignUp({ clientAddress: findClientAddress(await headers(), { trustProxy: env.TRUST_PROXY }) }))) {
    return { formError: "Too many sign-ups from your network. Wait an hour and try again.", values };
  }
  try {
    await createUserWithPassword({ email: parsed.data.email, password: parsed.data.password, name: parsed.data.name });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return { fieldErrors: { email: "An account with this email already exists. Sign in instead, or use another email." }, values };
    }
    throw error;
  }
  await signIn("credentials", {
    email: parsed.data.email,
    password: parsed.data.password,
    redirectTo: safeCallbackPath(parsed.data.callbackUrl),
  });
  return {};
}

export async function signInWithProvider(formData: FormData): Promise<void> {
  const provider = textField(formData, "provider");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: safeCallbackPath(textField(formData, "callbackUrl")) });
}

function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) {
    // Next adds its own `$ACTION_…` fields; only the form's own matter.
    if (typeof value === "string" && !key.startsWith("$")) fields[key] = value;
  }
  return fields;
}

function textField(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

function fieldErrorsOf(error: z.ZodError): NonNullable<AuthFormState["fieldErrors"]> {
  const fieldErrors: NonNullable<AuthFormState["fieldErrors"]> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "password" || field === "name") && fieldErrors[field] === undefined) {
      fieldErrors[field] = issue.message;
    }
  }
  return fieldErrors;
}
