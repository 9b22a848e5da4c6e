"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { RequestError, deleteConversation, fetchAccount, fetchConversations, queryKeys } from "./chat-api";
import { formatCost } from "./format-numbers";

interface ConversationSidebarProps {
  onNewChat: () => void;
}

export function ConversationSidebar({ onNewChat }: ConversationSidebarProps) {
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const conversations = useQuery({ queryKey: queryKeys.conversations, queryFn: fetchConversations });
  const account = useQuery({ queryKey: queryKeys.account, queryFn: fetchAccount });
  const remove = useMutation({
    mutationFn: deleteConversation,
    onSuccess: (_result, id) => {
      queryClient.setQueryData(queryKeys.conversations, (previous: Awaited<ReturnType<typeof fetchConversations>> | undefined) =>
        previous?.filter((conversation) => conversation.id !== id),
      );
      queryClient.removeQueries({ queryKey: queryKeys.conversation(id) });
      if (pathname === `/chat/${id}`) onNewChat();
    },
  });
  const signedOut = conversations.error instanceof RequestError && conversations.error.status === 401;

  return (
    <nav aria-label="Conversations" className="flex h-full min-h-0 flex-col gap-2 p-3">
      <button
        type="button"
        data-testid="new-chat"
        onClick={onNewChat}
        className="focus-ring rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        New chat
      </button>
      <ul data-testid="conversation-list" className="-mx-1 flex min-h-0 flex-1 flex-col gap-0.5 overflow-y-auto px-1">
        {conversations.isPending ? <li className="px-2 py-1 text-sm text-zinc-500">Loading…</li> : null}
        {signedOut ? (
          <li className="px-2 py-1 text-sm">
            <Link href="/sign-in?callbackUrl=/chat" className="focus-ring text-indigo-700 underline dark:text-indigo-400">
              Sign in
            </Link>{" "}
            to see your conversations.
          </li>
        ) : conversations.isError ? (
          <li role="alert" className="px-2 py-1 text-sm text-red-700">
            {conversations.error.message}
          </li>
        ) : null}
        {conversations.data?.length === 0 ? <li className="px-2 py-1 text-sm text-zinc-500">No conversations yet.</li> : null}
        {conversations.data?.map((conversation) => {
          const active = pathname === `/chat/${conversation.id}`;
          return (
            <li
              key={conversation.id}
              data-testid="conversation-item"
              data-active={active}
              className={`group flex items-center rounded-md ${active ? "bg-indigo-100 dark:bg-indigo-950" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
            >
              <Link
                href={`/chat/${conversation.id}`}
                aria-current={active ? "page" : undefined}
                className="focus-ring min-w-0 flex-1 rounded-md px-2 py-1.5"
                title={conversation.models.join(", ")}
              >
                <span className={`block truncate text-sm ${active ? "font-semibold" : ""}`}>{conversation.title || "Untitled"}</span>
                <span className="block truncate text-[11px] text-zinc-500">{conversation.models.map((model) => model.split("/").at(-1)).join(" · ")}</span>
              </Link>
              <button
                type="button"
                data-testid="delete-conversation"
                aria-label={`Delete “${conversation.title || "Untitled"}”`}
                disabled={remove.isPending && remove.variables === conversation.id}
                onClick={() => remove.mutate(conversation.id)}
                className="focus-ring mr-1 rounded px-1.5 py-0.5 text-xs text-zinc-500 opacity-60 group-hover:opacity-100 hover:bg-red-100 hover:text-red-700 focus-visible:opacity-100 dark:hover:bg-red-950 dark:hover:text-red-300"
              >
                Delete
              </button>
            </li>
          );
        })}
      </ul>
      {remove.isError ? (
        <p role="alert" className="text-xs text-red-700">
          Could not delete: {remove.error.message}
        </p>
      ) : null}
      <div className="border-t border-zinc-200 pt-2 text-xs text-zinc-500 dark:border-zinc-800" data-testid="account-summary">
        {account.data ? (
          <>
            <div className="truncate">{account.data.email ?? account.data.name ?? "Signed in"}</div>
            <div>
              Balance <span data-testid="account-balance" className="font-medium text-zinc-800 tabular-nums dark:text-zinc-200">{formatCost(account.data.balance)}</span>
            </div>
          </>
        ) : account.isError ? null : (
          "…"
        )}
      </div>
    </nav>
  );
}
