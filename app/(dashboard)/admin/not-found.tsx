import Link from "next/link";

/** What a signed-in user who is not an admin sees at /admin (with a 404 status, so the page's existence is no help to anyone). */
export default function AdminNotFound() {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-950" data-testid="admin-only">
      <h1 className="text-xl font-semibold tracking-tight">Admins only</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        This page is for the people who run this Switchyard server. If you should have access, ask an admin to make your account an admin.
      </p>
      <Link href="/settings" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        Go to your settings
      </Link>
    </div>
  );
}
