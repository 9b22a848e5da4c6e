import type { Metadata } from "next";
import { ActivityDashboard } from "@/components/dashboard/activity/activity-dashboard";

export const metadata: Metadata = { title: "Activity · Switchyard" };

export default function ActivityPage() {
  return <ActivityDashboard />;
}
