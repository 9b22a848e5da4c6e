"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/activity", label: "Activity" },
  { href: "/logs", label: "Logs" },
  { href: "/credits", label: "Credits" },
  { href: "/keys", label: "API keys" },
  { href: "/settings", label: "Settings" },
] as const;

export function DashboardNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const links = isAdmin ? [...LINKS, { href: "/admin", label: "Admin" } as const] : LINKS;
  return (
    <nav aria-label="Account" className="md:w-44 md:shrink-0" data-testid="dashboard-nav">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {links.map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 ${
                  active
                    ? "bg-indigo-50 font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                }`}
                data-testid={`dashboard-nav-${link.href.slice(1)}`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
