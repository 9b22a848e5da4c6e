export const dynamic = "force-dynamic";

/** Liveness: the process serves requests. Needs nothing else, so a database outage does not get the instance restarted. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
