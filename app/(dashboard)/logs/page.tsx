import type { Metadata } from "next";
import { GenerationLogTable } from "@/components/dashboard/logs/generation-log-table";

export const metadata: Metadata = { title: "Logs · Switchyard" };

export default function LogsPage() {
  return <GenerationLogTable />;
}
