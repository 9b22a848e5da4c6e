import { checkReadiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

/** Readiness for a load balancer: 503 while draining for shutdown or while the database does not answer. */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  const headers = { "Cache-Control": "no-store" };
  if (readiness.ready) return Response.json({ status: "ready" }, { headers });
  return Response.json({ status: "unavailable", reason: readiness.reason }, { status: 503, headers });
}
