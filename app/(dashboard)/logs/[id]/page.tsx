import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { toGenerationDetailJson } from "@/app/api/generations/to-generation-json";
import { GenerationDetailView } from "@/components/dashboard/logs/generation-detail-view";
import { getSessionUser } from "@/lib/auth/session";
import { GenerationNotFoundError, getGenerationDetail } from "@/lib/db/generation-log-queries";

export const metadata: Metadata = { title: "Generation · Switchyard" };

type Props = { params: Promise<{ id: string }> };

/** Rendered on the server straight from the query: the page has nothing to change, so it needs no client fetch. */
export default async function GenerationPage({ params }: Props) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const { id } = await params;
  const detail = await findGeneration({ userId: user.id, id });
  if (!detail) notFound();
  return <GenerationDetailView generation={toGenerationDetailJson(detail)} />;
}

async function findGeneration(input: { userId: string; id: string }) {
  try {
    return await getGenerationDetail(input);
  } catch (error) {
    if (error instanceof GenerationNotFoundError) return null;
    throw error;
  }
}
