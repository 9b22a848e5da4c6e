/** The first value of a query parameter, however often it was given. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Words for the `?error=` codes Auth.js redirects to the sign-in page with. */
export function describeSignInError(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === "OAuthAccountNotLinked") {
    return "That email already has an account here. Sign in the way you did before (for example with your password).";
  }
  if (code === "CredentialsSignin") return "That email and password don't match an account. Check them and try again.";
  if (code === "AccessDenied") return "Sign-in was cancelled or refused. Try again.";
  return "Sign-in didn't work. Try again.";
}
