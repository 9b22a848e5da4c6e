import { SavedChatRoom } from "@/components/chat/room-loaders";

export default async function SavedChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SavedChatRoom conversationId={id} />;
}
