import { env } from "@/lib/env";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PromptLoggingForm } from "@/components/dashboard/settings/prompt-logging-form";
import { ProviderKeysPanel } from "@/components/dashboard/settings/provider-keys-panel";
import { getSessionUser } from "@/lib/auth/session";
import { listProviderChoices } from "@/lib/db/admin-settings-queries";
import { listUserProviderKeys } from "@/lib/db/provider-key-queries";
import { getUserSettings } from "@/lib/db/user-settings-queries";

export const metadata: Metadata = { title: "Settings · Switchyard" };
export const dynamic = "force-dynamic";

/** Prompt logging and the user's own provider keys; the forms start from what the server read, so nothing flashes empty. */
export default async function SettingsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const [settings, keys] = await Promise.all([getUserSettings({ userId: user.id }), listUserProviderKeys({ userId: user.id })]);
  const providers = listProviderChoices().map(({ id, name }) => ({ id, name }));
  return (
    <div className="flex flex-col gap-6" data-testid="settings-page">
      <header>
        <h1 className="text-xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">What Switchyard keeps of your requests, and the provider keys you bring.</p>
      </header>
      <PromptLoggingForm initial={settings} />
      <ProviderKeysPanel
        initial={{
          providers,
          keys: keys.map((key) => ({ providerId: key.providerId, prefix: key.prefix, createdAt: key.createdAt.toISOString() })),
          feePercent: env.BYOK_FEE_PERCENT,
        }}
      />
    </div>
  );
}
