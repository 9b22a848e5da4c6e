import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { configuredOAuthProviders } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/auth-config";
import { getSessionUser } from "@/lib/auth/session";
import { signInWithProvider, signUpWithPassword } from "../actions";
import { MIN_PASSWORD_LENGTH } from "../schema";
import { firstParam } from "../search-params";

export const metadata: Metadata = { title: "Create an account · Switchyard" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackPath(firstParam((await searchParams).callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);
  const signInHref = `/sign-in?${new URLSearchParams({ callbackUrl }).toString()}`;
  return (
    <AuthCard
      title="Create an account"
      testId="sign-up-page"
      footer={
        <>
          Already have an account?{" "}
          <Link href={signInHref} className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400" data-testid="sign-in-link">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm action={signUpWithPassword} callbackUrl={callbackUrl} minPasswordLength={MIN_PASSWORD_LENGTH} />
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} action={signInWithProvider} />
    </AuthCard>
  );
}
