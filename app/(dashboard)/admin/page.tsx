import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FreeLimitsPanel } from "@/components/dashboard/admin/free-limits-panel";
import { ProvidersPanel } from "@/components/dashboard/admin/providers-panel";
import { RedeemCodesPanel } from "@/components/dashboard/admin/redeem-codes-panel";
import { UsersPanel } from "@/components/dashboard/admin/users-panel";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin · Switchyard" };
export const dynamic = "force-dynamic";

const SECTIONS = [
  { href: "#users", label: "Users" },
  { href: "#redeem-codes", label: "Redeem codes" },
  { href: "#providers", label: "Providers" },
  { href: "#free-limits", label: "Free limits" },
] as const;

/** Instance administration. Not an admin: a 404 (./not-found.tsx says why), as the API answers 403. */
export default async function AdminPage() {
  const user = await getSessionUser();
  if (!user?.isAdmin) notFound();
  return (
    <div className="flex flex-col gap-6" data-testid="admin-page">
      <header className="flex flex-col gap-2">
        <h1 className="text-xl font-semibold tracking-tight">Admin</h1>
        <nav aria-label="Admin sections" className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
          {SECTIONS.map((section) => (
            <a key={section.href} href={section.href} className="text-indigo-700 hover:underline dark:text-indigo-300">
              {section.label}
            </a>
          ))}
        </nav>
      </header>
      <UsersPanel />
      <RedeemCodesPanel />
      <ProvidersPanel />
      <FreeLimitsPanel />
    </div>
  );
}
