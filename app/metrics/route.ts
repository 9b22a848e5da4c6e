import { timingSafeEqual } from "node:crypto";
import { readBearerToken } from "@/lib/auth/api-key";
import { env } from "@/lib/env";
import { getMetrics } from "@/lib/observability/gateway-metrics";
import { getGateway } from "@/lib/server/gateway";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this instance. They sum every account's traffic, so
 * they are served only to a scraper holding METRICS_TOKEN (and not at all
 * when it is unset).
 */
export function GET(request: Request): Response {
  const expected = env.METRICS_TOKEN;
  const given = readBearerToken(request.headers.get("authorization"));
  if (!expected || !given || !sameText(given, expected)) {
    return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // The gateway registers its gauges when it is created.
  getGateway();
  return new Response(getMetrics().render(), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
