/** What a sign-in or sign-up form action answers when it does not redirect. */
export interface AuthFormState {
  /** A problem with the whole submission, e.g. a wrong password. */
  formError?: string;
  fieldErrors?: Partial<Record<"email" | "password" | "name", string>>;
  /** What the person typed (never the password), to refill the form. */
  values?: { email?: string; name?: string };
}

export type AuthFormAction = (previous: AuthFormState, formData: FormData) => Promise<AuthFormState>;
