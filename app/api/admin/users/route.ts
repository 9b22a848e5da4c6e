import { getSessionUser } from "@/lib/auth/session";
import { requireAdmin } from "@/lib/billing/admin-access";
import { toJsonSafe } from "@/lib/billing/json-safe";
import { listUsersForAdmin } from "@/lib/db/admin-user-queries";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { listUsersQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Users newest first with balance, purchases and recent requests; `search` matches part of the email. */
export async function GET(request: Request): Promise<Response> {
  try {
    requireAdmin(await getSessionUser());
    const query = parseRequest(listUsersQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const page = await listUsersForAdmin({ limit: query.limit, cursor: query.cursor, search: query.search || undefined });
    return Response.json({ data: toJsonSafe(page.users), nextCursor: page.nextCursor });
  } catch (error) {
    return errorResponse(error);
  }
}
