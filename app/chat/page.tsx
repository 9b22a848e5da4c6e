import { NewChatRoom } from "@/components/chat/room-loaders";

/** `?models=a,b` opens a room with those models, the way OpenRouter's chatroom links work. */
export default async function NewChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { models } = await searchParams;
  const initialModels = (Array.isArray(models) ? models.join(",") : (models ?? ""))
    .split(",")
    .map((model) => model.trim())
    .filter(Boolean);
  return <NewChatRoom initialModels={initialModels} />;
}
