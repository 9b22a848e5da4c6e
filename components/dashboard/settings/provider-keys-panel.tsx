"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "./request-json";
import { Badge, DANGER_BUTTON_CLASS, ErrorNote, INPUT_CLASS, Panel, PRIMARY_BUTTON_CLASS, SECONDARY_BUTTON_CLASS } from "./panel";
import { deleteProviderKey, fetchProviderKeys, saveProviderKey, settingsQueryKeys, type ProviderKeyJson, type ProviderKeysJson } from "./settings-api";

/** Bring your own key: one row per provider, with the key's mask when there is one. */
export function ProviderKeysPanel({ initial }: { initial: ProviderKeysJson }) {
  const { data } = useQuery({ queryKey: settingsQueryKeys.providerKeys, queryFn: fetchProviderKeys, initialData: initial });
  const keyByProvider = new Map(data.keys.map((key) => [key.providerId, key]));
  return (
    <Panel
      title="Your provider keys"
      testId="provider-keys-panel"
      description={
        <p>
          Bring your own key: requests to a provider you added a key for use your key first, and the provider bills you directly; your credits pay only a{" "}
          {data.feePercent}% fee on what the request would otherwise cost. If your key is refused or rate limited, this server&apos;s own key may serve the request at
          the usual price. Keys are stored encrypted and are never shown again; you see only the first and last few characters.
        </p>
      }
    >
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {data.providers.map((provider) => (
          <ProviderKeyRow key={provider.id} providerId={provider.id} providerName={provider.name} stored={keyByProvider.get(provider.id)} />
        ))}
      </ul>
    </Panel>
  );
}

function ProviderKeyRow({ providerId, providerName, stored }: { providerId: string; providerName: string; stored: ProviderKeyJson | undefined }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [apiKey, setApiKey] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsQueryKeys.providerKeys });
  const save = useMutation({
    mutationFn: saveProviderKey,
    onSuccess: async () => {
      setApiKey("");
      setEditing(false);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteProviderKey, onSuccess: refresh });

  return (
    <li className="flex flex-col gap-2 py-3" data-testid={`provider-key-row-${providerId}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="min-w-32 text-sm font-medium">{providerName}</span>
        {stored ? (
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800" data-testid={`provider-key-prefix-${providerId}`}>
            {stored.prefix}
          </code>
        ) : (
          <Badge tone="zinc">No key</Badge>
        )}
        <div className="ml-auto flex gap-2">
          {!editing ? (
            <button type="button" className={SECONDARY_BUTTON_CLASS} onClick={() => setEditing(true)} data-testid={`provider-key-edit-${providerId}`}>
              {stored ? "Replace" : "Add key"}
            </button>
          ) : null}
          {stored && !editing ? (
            <button
              type="button"
              className={DANGER_BUTTON_CLASS}
              disabled={remove.isPending}
              onClick={() => remove.mutate(providerId)}
              data-testid={`provider-key-remove-${providerId}`}
            >
              Remove
            </button>
          ) : null}
        </div>
      </div>
      {editing ? (
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-center"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ providerId, apiKey });
          }}
        >
          <label htmlFor={`${id}-key`} className="sr-only">
            {providerName} API key
          </label>
          <input
            id={`${id}-key`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={`Paste your ${providerName} API key`}
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            className={`${INPUT_CLASS} font-mono sm:flex-1`}
            data-testid={`provider-key-input-${providerId}`}
            autoFocus
          />
          <div className="flex gap-2">
            <button type="submit" className={PRIMARY_BUTTON_CLASS} disabled={save.isPending || apiKey.trim() === ""} data-testid={`provider-key-save-${providerId}`}>
              {save.isPending ? "Saving…" : "Save key"}
            </button>
            <button
              type="button"
              className={SECONDARY_BUTTON_CLASS}
              onClick={() => {
                setEditing(false);
                setApiKey("");
                save.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <ErrorNote message={errorMessage(save.error) ?? errorMessage(remove.error)} testId={`provider-key-error-${providerId}`} />
    </li>
  );
}
