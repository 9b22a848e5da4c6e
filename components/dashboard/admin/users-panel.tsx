"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useId, useState, type ReactNode } from "react";
import { errorMessage } from "../settings/request-json";
import { Badge, ErrorNote, INPUT_CLASS, LABEL_CLASS, Panel, PRIMARY_BUTTON_CLASS, SECONDARY_BUTTON_CLASS, StatusNote } from "../settings/panel";
import { adminQueryKeys, fetchUsers, formatDate, formatDollars, grantCredits, type AdminUserJson } from "./admin-api";

const COLUMNS = "md:grid-cols-[minmax(0,2.2fr)_6rem_6rem_6rem_5rem_5.5rem]";

/** Every user with balance and recent use; an admin grants credits (or takes some back) from a row. */
export function UsersPanel() {
  const id = useId();
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const users = useQuery({ queryKey: adminQueryKeys.users(deferredSearch), queryFn: () => fetchUsers(deferredSearch), staleTime: 0 });
  return (
    <Panel title="Users" testId="admin-users-panel" id="users" description="Newest first. Balances are in dollars; requests count the last 30 days.">
      <div className="mb-3 flex max-w-sm flex-col gap-1">
        <label htmlFor={`${id}-search`} className={LABEL_CLASS}>
          Find by email
        </label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="ada@example.com"
          className={INPUT_CLASS}
          data-testid="admin-user-search"
        />
      </div>
      <div className={`hidden gap-3 border-b border-zinc-200 pb-2 text-xs font-medium uppercase tracking-wide text-zinc-500 md:grid dark:border-zinc-800 ${COLUMNS}`}>
        <span>User</span>
        <span>Joined</span>
        <span className="text-right">Balance</span>
        <span className="text-right">Purchased</span>
        <span className="text-right">Requests</span>
        <span />
      </div>
      {users.isPending ? <p className="py-3 text-sm text-zinc-500">Loading users…</p> : null}
      <ErrorNote message={errorMessage(users.error)} />
      {users.data?.length === 0 ? <p className="py-3 text-sm text-zinc-500">No users match.</p> : null}
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="admin-users-list">
        {users.data?.map((user) => <UserRow key={user.id} user={user} />)}
      </ul>
    </Panel>
  );
}

function UserRow({ user }: { user: AdminUserJson }) {
  const [granting, setGranting] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <li className="py-3" data-testid="admin-user-row" data-email={user.email ?? ""}>
      <div className={`grid grid-cols-2 items-center gap-x-3 gap-y-1 text-sm md:gap-3 ${COLUMNS}`}>
        <div className="col-span-2 min-w-0 md:col-span-1">
          <div className="flex min-w-0 items-center gap-2">
            <span className="truncate font-medium" title={user.email ?? undefined} data-testid="admin-user-email">
              {user.email ?? "(no email)"}
            </span>
            {user.isAdmin ? (
              <Badge tone="indigo" testId="admin-user-admin-badge">
                Admin
              </Badge>
            ) : null}
          </div>
          {user.name ? <div className="truncate text-xs text-zinc-500">{user.name}</div> : null}
        </div>
        <Cell label="Joined">{formatDate(user.createdAt)}</Cell>
        <Cell label="Balance" numeric testId="admin-user-balance">
          {formatDollars(user.balanceMicros)}
        </Cell>
        <Cell label="Purchased" numeric>
          {formatDollars(user.purchasedMicros)}
        </Cell>
        <Cell label="Requests" numeric>
          {user.requestsLast30Days.toLocaleString("en-US")}
        </Cell>
        <div className="col-span-2 md:col-span-1 md:text-right">
          <button
            type="button"
            className={SECONDARY_BUTTON_CLASS}
            aria-expanded={granting}
            onClick={() => {
              setGranting((open) => !open);
              setDone(null);
            }}
            data-testid="admin-user-grant-open"
          >
            {granting ? "Close" : "Credits…"}
          </button>
        </div>
      </div>
      {granting ? (
        <GrantForm
          user={user}
          onGranted={(message) => {
            setGranting(false);
            setDone(message);
          }}
        />
      ) : null}
      <StatusNote message={done} testId="admin-user-grant-done" />
    </li>
  );
}

function Cell({ label, numeric, testId, children }: { label: string; numeric?: boolean; testId?: string; children: ReactNode }) {
  return (
    <div className={`flex justify-between gap-2 md:block ${numeric ? "md:text-right md:tabular-nums" : ""}`} data-testid={testId}>
      <span className="text-zinc-500 md:hidden">{label}</span>
      <span>{children}</span>
    </div>
  );
}

function GrantForm({ user, onGranted }: { user: AdminUserJson; onGranted: (message: string) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const grant = useMutation({
    mutationFn: grantCredits,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: adminQueryKeys.allUsers });
      onGranted(`Done. The balance is now ${formatDollars(result.balanceMicros)}.`);
    },
  });
  return (
    <form
      className="mt-3 grid gap-3 rounded-md bg-zinc-50 p-3 sm:grid-cols-[8rem_minmax(0,1fr)_auto] sm:items-end dark:bg-zinc-900"
      onSubmit={(event) => {
        event.preventDefault();
        grant.mutate({ userId: user.id, amount: amount.trim(), note: note.trim() });
      }}
      data-testid="admin-grant-form"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-amount`} className={LABEL_CLASS}>
          Amount ($)
        </label>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          placeholder="5.00"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          className={INPUT_CLASS}
          data-testid="admin-grant-amount"
          autoFocus
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-note`} className={LABEL_CLASS}>
          Note (kept in the ledger)
        </label>
        <input
          id={`${id}-note`}
          placeholder="Welcome credits"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          className={INPUT_CLASS}
          data-testid="admin-grant-note"
        />
      </div>
      <button type="submit" className={PRIMARY_BUTTON_CLASS} disabled={grant.isPending || !amount.trim() || !note.trim()} data-testid="admin-grant-submit">
        {grant.isPending ? "Saving…" : "Grant"}
      </button>
      <p className="text-xs text-zinc-500 sm:col-span-3">A negative amount takes credits back; the balance never goes below zero.</p>
      <div className="sm:col-span-3">
        <ErrorNote message={errorMessage(grant.error)} testId="admin-grant-error" />
      </div>
    </form>
  );
}
