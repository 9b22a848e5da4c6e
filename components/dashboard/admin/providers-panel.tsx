"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "../settings/request-json";
import { Badge, DANGER_BUTTON_CLASS, ErrorNote, INPUT_CLASS, LABEL_CLASS, Panel, PRIMARY_BUTTON_CLASS, SECONDARY_BUTTON_CLASS } from "../settings/panel";
import { adminQueryKeys, fetchProviders, resetProvider, updateProvider, type ProviderConfigurationJson } from "./admin-api";

/** Each upstream: what the environment configures, and the admin's override of key, base URL and on/off. */
export function ProvidersPanel() {
  const providers = useQuery({ queryKey: adminQueryKeys.providers, queryFn: fetchProviders, staleTime: 0 });
  return (
    <Panel
      title="Providers"
      testId="admin-providers-panel"
      id="providers"
      description={
        <p>
          Settings made here override the environment&apos;s <code className="font-mono text-xs">&lt;PROVIDER&gt;_API_KEY</code> and{" "}
          <code className="font-mono text-xs">_BASE_URL</code>. Keys are stored encrypted and cannot be read back; only their first and last characters are shown.
          {providers.data?.allowPrivateUrls ? " Private and local base URLs are allowed (ALLOW_PRIVATE_PROVIDER_URLS)." : " Base URLs must be https to a public host."}
        </p>
      }
    >
      {providers.isPending ? <p className="text-sm text-zinc-500">Loading providers…</p> : null}
      <ErrorNote message={errorMessage(providers.error)} />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {providers.data?.providers.map((provider) => <ProviderRow key={provider.id} provider={provider} />)}
      </ul>
    </Panel>
  );
}

function describeKey(provider: ProviderConfigurationJson) {
  const override = provider.override;
  if (override && override.enabled === false) return <Badge tone="red">Switched off</Badge>;
  if (override?.keyUnreadable) return <Badge tone="amber">Stored key unreadable: enter it again</Badge>;
  if (override?.keyPrefix) return <Badge tone="indigo">Admin key</Badge>;
  if (provider.environment.hasApiKey) return <Badge tone="green">Key from environment</Badge>;
  return <Badge tone="zinc">Not configured</Badge>;
}

function ProviderRow({ provider }: { provider: ProviderConfigurationJson }) {
  const [editing, setEditing] = useState(false);
  const effectiveUrl = provider.override?.baseUrl ?? provider.environment.baseUrl ?? provider.defaultBaseUrl;
  return (
    <li className="py-3" data-testid={`admin-provider-row-${provider.id}`}>
      <div className="flex items-start gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <span className="text-sm font-medium">{provider.name}</span>
            <code className="font-mono text-xs text-zinc-500">{provider.id}</code>
            <span data-testid={`admin-provider-status-${provider.id}`}>{describeKey(provider)}</span>
            {provider.override?.keyPrefix ? (
              <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800" data-testid={`admin-provider-key-prefix-${provider.id}`}>
                {provider.override.keyPrefix}
              </code>
            ) : null}
          </div>
          <p className="break-all font-mono text-xs text-zinc-500" data-testid={`admin-provider-url-${provider.id}`}>
            {effectiveUrl}
          </p>
        </div>
        <button type="button" className={`${SECONDARY_BUTTON_CLASS} shrink-0`} aria-expanded={editing} onClick={() => setEditing((open) => !open)} data-testid={`admin-provider-edit-${provider.id}`}>
          {editing ? "Close" : "Configure"}
        </button>
      </div>
      {editing ? <ProviderForm provider={provider} onSaved={() => setEditing(false)} /> : null}
    </li>
  );
}

function ProviderForm({ provider, onSaved }: { provider: ProviderConfigurationJson; onSaved: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [apiKey, setApiKey] = useState("");
  const [baseUrl, setBaseUrl] = useState(provider.override?.baseUrl ?? "");
  const [enabled, setEnabled] = useState(provider.override?.enabled ?? true);
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminQueryKeys.providers });
  const save = useMutation({
    mutationFn: updateProvider,
    onSuccess: async () => {
      setApiKey("");
      await refresh();
      onSaved();
    },
  });
  const removeKey = useMutation({ mutationFn: () => updateProvider({ providerId: provider.id, apiKey: null }), onSuccess: refresh });
  const reset = useMutation({ mutationFn: () => resetProvider(provider.id), onSuccess: async () => (await refresh(), onSaved()) });
  const error = errorMessage(save.error) ?? errorMessage(removeKey.error) ?? errorMessage(reset.error);

  return (
    <form
      className="mt-3 grid gap-3 rounded-md bg-zinc-50 p-3 dark:bg-zinc-900"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          providerId: provider.id,
          // An empty key field keeps the stored key: it is write-only, so there is nothing to show in it.
          ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
          baseUrl: baseUrl.trim() ? baseUrl.trim() : null,
          enabled,
        });
      }}
      data-testid={`admin-provider-form-${provider.id}`}
    >
      <div className="grid gap-3 md:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-key`} className={LABEL_CLASS}>
            API key
          </label>
          <input
            id={`${id}-key`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            placeholder={provider.override?.keyPrefix ? `Keep ${provider.override.keyPrefix}` : provider.environment.hasApiKey ? "Use the environment's key" : "Paste a key"}
            className={`${INPUT_CLASS} font-mono`}
            data-testid={`admin-provider-key-input-${provider.id}`}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-url`} className={LABEL_CLASS}>
            Base URL
          </label>
          <input
            id={`${id}-url`}
            type="url"
            spellCheck={false}
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            placeholder={provider.environment.baseUrl ?? provider.defaultBaseUrl}
            className={`${INPUT_CLASS} font-mono`}
            data-testid={`admin-provider-url-input-${provider.id}`}
          />
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} className="size-4 accent-indigo-600" data-testid={`admin-provider-enabled-${provider.id}`} />
        Enabled (off takes the provider out of routing, whatever the environment says)
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={PRIMARY_BUTTON_CLASS} disabled={save.isPending} data-testid={`admin-provider-save-${provider.id}`}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        {provider.override?.keyPrefix || provider.override?.keyUnreadable ? (
          <button type="button" className={DANGER_BUTTON_CLASS} disabled={removeKey.isPending} onClick={() => removeKey.mutate()} data-testid={`admin-provider-remove-key-${provider.id}`}>
            Remove stored key
          </button>
        ) : null}
        {provider.override ? (
          <button type="button" className={SECONDARY_BUTTON_CLASS} disabled={reset.isPending} onClick={() => reset.mutate()} data-testid={`admin-provider-reset-${provider.id}`}>
            Use the environment only
          </button>
        ) : null}
      </div>
      <ErrorNote message={error} testId={`admin-provider-error-${provider.id}`} />
    </form>
  );
}
