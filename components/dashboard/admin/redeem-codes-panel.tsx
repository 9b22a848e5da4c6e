"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactElement } from "react";
import { useCopyToClipboard } from "@/components/use-copy-to-clipboard";
import { errorMessage } from "../settings/request-json";
import { Badge, DANGER_BUTTON_CLASS, ErrorNote, INPUT_CLASS, LABEL_CLASS, Panel, PRIMARY_BUTTON_CLASS, SECONDARY_BUTTON_CLASS } from "../settings/panel";
import { adminQueryKeys, createRedeemCodes, disableRedeemCode, fetchRedeemCodes, formatDate, formatDollars, type CreatedRedeemCodesJson, type RedeemCodeJson } from "./admin-api";

/** Create codes (shown once), list them without their secrets, switch one off. */
export function RedeemCodesPanel() {
  const codes = useQuery({ queryKey: adminQueryKeys.redeemCodes, queryFn: fetchRedeemCodes, staleTime: 0 });
  const [created, setCreated] = useState<CreatedRedeemCodesJson | null>(null);
  // Read once per visit: whether a code has expired needs a clock, and rendering must not read one.
  const [now] = useState(() => Date.now());
  return (
    <Panel
      title="Redeem codes"
      testId="admin-redeem-codes-panel"
      id="redeem-codes"
      description="Each code adds credits once per user. Only a hash is stored, so a new code is shown here once: copy it before you leave."
    >
      <CreateCodesForm onCreated={setCreated} />
      {created ? <CreatedCodes created={created} onDismiss={() => setCreated(null)} /> : null}
      <h3 className="mt-5 text-sm font-semibold">Existing codes</h3>
      {codes.isPending ? <p className="py-2 text-sm text-zinc-500">Loading codes…</p> : null}
      <ErrorNote message={errorMessage(codes.error)} />
      {codes.data?.length === 0 ? <p className="py-2 text-sm text-zinc-500">No codes yet.</p> : null}
      <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="admin-redeem-code-list">
        {codes.data?.map((code) => <CodeRow key={code.id} code={code} now={now} />)}
      </ul>
    </Panel>
  );
}

function CreateCodesForm({ onCreated }: { onCreated: (created: CreatedRedeemCodesJson) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState("10");
  const [count, setCount] = useState("1");
  const [maxRedemptions, setMaxRedemptions] = useState("1");
  const [note, setNote] = useState("");
  const create = useMutation({
    mutationFn: createRedeemCodes,
    onSuccess: async (created) => {
      onCreated(created);
      setNote("");
      await queryClient.invalidateQueries({ queryKey: adminQueryKeys.redeemCodes });
    },
  });
  const field = (label: string, name: string, input: ReactElement) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-${name}`} className={LABEL_CLASS}>
        {label}
      </label>
      {input}
    </div>
  );
  return (
    <form
      className="grid grid-cols-2 gap-3 sm:grid-cols-[7rem_5rem_8rem_minmax(0,1fr)_auto] sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ amount: amount.trim(), count: Number(count), maxRedemptions: Number(maxRedemptions), note: note.trim() || undefined });
      }}
      data-testid="admin-redeem-create-form"
    >
      {field("Worth ($)", "amount", <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} className={INPUT_CLASS} data-testid="admin-redeem-amount" />)}
      {field("How many", "count", <input id={`${id}-count`} type="number" min={1} max={1000} value={count} onChange={(event) => setCount(event.target.value)} className={INPUT_CLASS} data-testid="admin-redeem-count" />)}
      {field(
        "Uses per code",
        "uses",
        <input id={`${id}-uses`} type="number" min={1} value={maxRedemptions} onChange={(event) => setMaxRedemptions(event.target.value)} className={INPUT_CLASS} data-testid="admin-redeem-uses" />,
      )}
      {field("Note", "note", <input id={`${id}-note`} value={note} placeholder="Hackathon, May" onChange={(event) => setNote(event.target.value)} className={INPUT_CLASS} data-testid="admin-redeem-note" />)}
      <button type="submit" className={`${PRIMARY_BUTTON_CLASS} col-span-2 sm:col-span-1`} disabled={create.isPending} data-testid="admin-redeem-create">
        {create.isPending ? "Creating…" : "Create"}
      </button>
      <div className="col-span-2 sm:col-span-5">
        <ErrorNote message={errorMessage(create.error)} testId="admin-redeem-error" />
      </div>
    </form>
  );
}

function CreatedCodes({ created, onDismiss }: { created: CreatedRedeemCodesJson; onDismiss: () => void }) {
  const { copied, copy } = useCopyToClipboard();
  const text = created.codes.map((code) => code.code).join("\n");
  return (
    <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950" data-testid="admin-redeem-created">
      <p className="text-sm font-medium text-amber-900 dark:text-amber-200">
        {created.codes.length === 1 ? "The new code" : `${created.codes.length} new codes`}, worth {formatDollars(created.amountMicros)} each. This is the only time{" "}
        {created.codes.length === 1 ? "it is" : "they are"} shown.
      </p>
      <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-sm dark:bg-zinc-900" data-testid="admin-redeem-created-codes">
        {text}
      </pre>
      <div className="mt-2 flex gap-2">
        <button type="button" className={PRIMARY_BUTTON_CLASS} onClick={() => void copy(text)} data-testid="admin-redeem-copy">
          {copied ? "Copied" : created.codes.length === 1 ? "Copy code" : "Copy all"}
        </button>
        <button type="button" className={SECONDARY_BUTTON_CLASS} onClick={onDismiss}>
          I have saved {created.codes.length === 1 ? "it" : "them"}
        </button>
      </div>
    </div>
  );
}

function CodeRow({ code, now }: { code: RedeemCodeJson; now: number }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const disable = useMutation({
    mutationFn: disableRedeemCode,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminQueryKeys.redeemCodes }),
  });
  const expired = code.expiresAt !== null && new Date(code.expiresAt).getTime() <= now;
  const usedUp = code.redeemedCount >= code.maxRedemptions;
  const status = code.disabled ? (
    <Badge tone="red">Disabled</Badge>
  ) : expired ? (
    <Badge tone="zinc">Expired</Badge>
  ) : usedUp ? (
    <Badge tone="zinc">Used up</Badge>
  ) : (
    <Badge tone="green">Active</Badge>
  );
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2.5 text-sm" data-testid="admin-redeem-code-row" data-prefix={code.prefix}>
      <code className="font-mono text-xs">{code.prefix}…</code>
      <span className="tabular-nums">{formatDollars(code.amountMicros)}</span>
      <span className="text-zinc-600 dark:text-zinc-400">
        {code.redeemedCount} / {code.maxRedemptions} used
      </span>
      {code.expiresAt ? <span className="text-zinc-600 dark:text-zinc-400">expires {formatDate(code.expiresAt)}</span> : null}
      {status}
      {code.note ? <span className="min-w-0 truncate text-zinc-500">{code.note}</span> : null}
      <div className="ml-auto flex gap-2">
        {!code.disabled && !confirming ? (
          <button type="button" className={SECONDARY_BUTTON_CLASS} onClick={() => setConfirming(true)} data-testid="admin-redeem-disable">
            Disable
          </button>
        ) : null}
        {confirming && !code.disabled ? (
          <>
            <button type="button" className={DANGER_BUTTON_CLASS} disabled={disable.isPending} onClick={() => disable.mutate(code.id)} data-testid="admin-redeem-disable-confirm">
              Disable for good
            </button>
            <button type="button" className={SECONDARY_BUTTON_CLASS} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : null}
      </div>
      <ErrorNote message={errorMessage(disable.error)} />
    </li>
  );
}
