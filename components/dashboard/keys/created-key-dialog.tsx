"use client";

import { useCopyToClipboard } from "@/components/use-copy-to-clipboard";
import { ModalDialog } from "../shared/modal-dialog";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "../shared/ui-classes";

/**
 * The new key's secret, shown this one time: the server keeps only a hash.
 * Escape and the backdrop do not close it, so the secret is not lost by a
 * stray click before it is copied.
 */
export function CreatedKeyDialog({ created, onClose }: { created: { name: string; secret: string } | null; onClose: () => void }) {
  const { copied, copy } = useCopyToClipboard();
  return (
    <ModalDialog open={created !== null} onClose={onClose} title={`Your new key “${created?.name ?? ""}”`} testId="created-key-dialog" dismissible={false}>
      <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
        <strong className="font-semibold">Copy this key now.</strong> It is shown only once: Switchyard stores a hash, not the key, so it cannot show it again. If you lose it, delete
        the key and create another.
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-stretch">
        <code
          className="min-w-0 flex-1 select-all break-all rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
          data-testid="created-key-secret"
        >
          {created?.secret}
        </code>
        <button type="button" onClick={() => created && void copy(created.secret)} className={SECONDARY_BUTTON} data-testid="copy-key-button">
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. Keep it out of code you publish.
      </p>
      <div className="flex justify-end">
        <button type="button" onClick={onClose} className={PRIMARY_BUTTON} data-testid="created-key-done">
          I have saved it
        </button>
      </div>
    </ModalDialog>
  );
}
