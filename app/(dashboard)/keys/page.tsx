import type { Metadata } from "next";
import { KeysView } from "@/components/dashboard/keys/keys-view";

export const metadata: Metadata = { title: "API keys · Switchyard" };

export default function KeysPage() {
  return <KeysView />;
}
