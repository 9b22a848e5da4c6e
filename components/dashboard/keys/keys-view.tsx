"use client";

import { useState } from "react";
import { useModels } from "@/components/chat/use-models";
import { useCopyToClipboard } from "@/components/use-copy-to-clipboard";
import { InlineError } from "../shared/inline-error";
import { PageHeading } from "../shared/page-heading";
import { errorText } from "../shared/request-json";
import { CARD, PRIMARY_BUTTON, SMALL_BUTTON } from "../shared/ui-classes";
import { useOrigin } from "../shared/use-origin";
import { CreateKeyDialog } from "./create-key-dialog";
import { CreatedKeyDialog } from "./created-key-dialog";
import { KeyRow } from "./key-row";
import { useKeys } from "./use-keys";

export function KeysView() {
  const keys = useKeys();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  return (
    <div data-testid="keys-page">
      <PageHeading
        title="API keys"
        description="Keys let your apps and scripts call Switchyard's OpenAI-compatible API with your credits."
        action={
          <button type="button" className={PRIMARY_BUTTON} onClick={() => setCreating(true)} data-testid="create-key-button">
            Create key
          </button>
        }
      />

      {keys.isPending ? (
        <div className={`${CARD} h-32 animate-pulse`} aria-label="Loading keys" />
      ) : keys.isError ? (
        <InlineError message={`Your keys could not be loaded: ${errorText(keys.error)}`} testId="keys-load-error" />
      ) : keys.data.length === 0 ? (
        <EmptyState onCreate={() => setCreating(true)} />
      ) : (
        <>
          <ul className={`${CARD} divide-y divide-zinc-200 dark:divide-zinc-800`} data-testid="key-list">
            {keys.data.map((apiKey) => (
              <KeyRow key={apiKey.id} apiKey={apiKey} />
            ))}
          </ul>
          <UsageHint className="mt-6" />
        </>
      )}

      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} onCreated={({ key, secret }) => setCreated({ name: key.name, secret })} />
      <CreatedKeyDialog created={created} onClose={() => setCreated(null)} />
    </div>
  );
}

function EmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <div className={`${CARD} flex flex-col items-start gap-4 p-6`} data-testid="keys-empty">
      <div>
        <h2 className="text-base font-semibold">You have no API keys yet</h2>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          Create one to use Switchyard from your own code: any OpenAI client works once it points at the base URL below and sends the key.
        </p>
      </div>
      <button type="button" className={PRIMARY_BUTTON} onClick={onCreate}>
        Create your first key
      </button>
      <UsageHint />
    </div>
  );
}

/** How to use a key, with this server's own address, so it can be pasted as it is. */
function UsageHint({ className = "" }: { className?: string }) {
  const origin = useOrigin();
  const baseUrl = `${origin}/api/v1`;
  const { copied, copy } = useCopyToClipboard();
  // A model this server really offers, so the example works when pasted.
  const model = useModels().data?.[0]?.id ?? "vendor/model";
  const example = `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $SWITCHYARD_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`;
  return (
    <section className={`w-full min-w-0 ${className}`} aria-labelledby="usage-hint-title" data-testid="keys-usage-hint">
      <h2 id="usage-hint-title" className="text-sm font-semibold">
        Using a key
      </h2>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Base URL</span>
        <code className="min-w-0 break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800" data-testid="base-url">
          {baseUrl}
        </code>
        <button type="button" className={SMALL_BUTTON} onClick={() => void copy(baseUrl)}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <pre className="mt-3 overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100 dark:bg-black">{example}</pre>
    </section>
  );
}
