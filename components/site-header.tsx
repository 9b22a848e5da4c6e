import Link from "next/link";
import { signOut } from "@/lib/auth/auth";
import { getSessionUser } from "@/lib/auth/session";

const LINK_CLASS =
  "rounded-md px-1.5 py-1 text-sm sm:px-2 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white";

export async function SiteHeader() {
  const user = await getSessionUser();

  async function signOutAndGoHome() {
    "use server";
    await signOut({ redirectTo: "/" });
  }

  return (
    <header className="border-b border-zinc-200 bg-white/80 dark:border-zinc-800 dark:bg-zinc-950/80" data-testid="site-header">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-2 gap-y-2 px-3 py-3 sm:gap-x-4 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-600" data-testid="home-link">
          Switchyard
        </Link>
        <div className="flex items-center gap-0.5 sm:gap-1">
          <Link href="/chat" className={LINK_CLASS} data-testid="chat-link">
            Chat
          </Link>
          <Link href="/" className={LINK_CLASS} data-testid="models-link">
            Models
          </Link>
          {user ? (
            <Link href="/activity" className={LINK_CLASS} data-testid="dashboard-link">
              Dashboard
            </Link>
          ) : null}
        </div>
        <div className="ml-auto flex min-w-0 items-center gap-1 sm:gap-2">
          {user ? (
            <>
              <span className="max-w-[12rem] truncate text-sm text-zinc-600 sm:max-w-xs dark:text-zinc-400" title={user.email ?? undefined} data-testid="user-email">
                {user.email ?? user.name ?? "Signed in"}
              </span>
              <form action={signOutAndGoHome}>
                <button type="submit" className={LINK_CLASS} data-testid="sign-out-button">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/sign-in" className={LINK_CLASS} data-testid="header-sign-in">
                Sign in
              </Link>
              <Link
                href="/sign-up"
                className="rounded-md bg-indigo-600 px-2 py-1 text-sm sm:px-3 font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                data-testid="header-sign-up"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
