import type { Metadata } from "next";
import { CreditsView, type CheckoutReturn } from "@/components/dashboard/credits/credits-view";

export const metadata: Metadata = { title: "Credits · Switchyard" };

/** `?credits=` is what Stripe Checkout appends when it sends the buyer back. */
export default async function CreditsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { credits } = await searchParams;
  const checkoutReturn: CheckoutReturn = credits === "purchased" || credits === "cancelled" ? credits : null;
  return <CreditsView checkoutReturn={checkoutReturn} />;
}
