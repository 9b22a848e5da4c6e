import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { Providers } from "@/components/providers";
import { getSessionUser } from "@/lib/auth/session";

/** The account pages: activity, logs, credits, keys, settings, and admin for admins. */
export default async function DashboardLayout({ children }: Readonly<{ children: ReactNode }>) {
  const user = await getSessionUser();
  // proxy.ts sends signed-out visitors to sign in; this covers a cookie whose account is gone.
  if (!user) redirect("/sign-in");
  return (
    <Providers>
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-3 py-6 sm:px-6 md:flex-row">
        <DashboardNav isAdmin={user.isAdmin} />
        <main className="min-w-0 flex-1" data-testid="dashboard-main">
          {children}
        </main>
      </div>
    </Providers>
  );
}
