import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { configuredOAuthProviders } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/auth-config";
import { getSessionUser } from "@/lib/auth/session";
import { signInWithPassword, signInWithProvider } from "../actions";
import { describeSignInError, firstParam } from "../search-params";

export const metadata: Metadata = { title: "Sign in · Switchyard" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parameters = await searchParams;
  const callbackUrl = safeCallbackPath(firstParam(parameters.callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);
  const signUpHref = `/sign-up?${new URLSearchParams({ callbackUrl }).toString()}`;
  return (
    <AuthCard
      title="Sign in"
      testId="sign-in-page"
      footer={
        <>
          No account yet?{" "}
          <Link href={signUpHref} className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400" data-testid="sign-up-link">
            Create one
          </Link>
        </>
      }
    >
      <SignInForm action={signInWithPassword} callbackUrl={callbackUrl} initialError={describeSignInError(firstParam(parameters.error))} />
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} action={signInWithProvider} />
    </AuthCard>
  );
}
