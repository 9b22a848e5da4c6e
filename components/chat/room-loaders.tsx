"use client";

import { useQuery } from "@tanstack/react-query";
import { RequestError, fetchConversation, queryKeys } from "./chat-api";
import { ChatRoom } from "./chat-room";
import { useNewChatCounter } from "./chat-shell";

export function NewChatRoom({ initialModels }: { initialModels: readonly string[] }) {
  const counter = useNewChatCounter();
  return <ChatRoom key={counter} initial={undefined} initialModels={initialModels} />;
}

export function SavedChatRoom({ conversationId }: { conversationId: string }) {
  // Always fetched fresh: the room reads threads only when it mounts, and a cached copy may predate the last replies.
  const conversation = useQuery({
    queryKey: queryKeys.conversation(conversationId),
    queryFn: () => fetchConversation(conversationId),
    staleTime: 0,
    gcTime: 0,
    refetchOnMount: "always",
  });
  if (conversation.isPending) return <p className="p-6 text-sm text-zinc-500">Loading conversation…</p>;
  if (conversation.isError) {
    const notFound = conversation.error instanceof RequestError && conversation.error.status === 404;
    return (
      <p role="alert" className="p-6 text-sm text-red-700 dark:text-red-400">
        {notFound ? "This conversation does not exist or was deleted." : `Could not load the conversation: ${conversation.error.message}`}
      </p>
    );
  }
  return <ChatRoom key={conversationId} initial={conversation.data} />;
}
