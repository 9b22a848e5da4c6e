import { getSessionUser } from "@/lib/auth/session";
import { ActivityRangeError, getActivity } from "@/lib/db/activity-queries";
import { AuthenticationError, InvalidRequestError } from "@/lib/gateway/errors";
import { parseRequest } from "@/lib/gateway/schema/parse-request";
import { errorResponse } from "@/lib/http/error-response";
import { activityQuerySchema } from "./schema";
import { toActivityJson } from "./to-activity-json";

export const dynamic = "force-dynamic";

/** The signed-in user's usage over [from, to), in hourly or daily buckets and by model, provider and key. */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return errorResponse(new AuthenticationError("Sign in to see your activity."));
    const query = parseRequest(activityQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const activity = await getActivity({ userId: user.id, from: query.from, to: query.to, granularity: query.granularity, offsetMinutes: query.offset });
    return Response.json({ data: toActivityJson(activity) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof ActivityRangeError) return errorResponse(new InvalidRequestError(error.message, { param: "from", code: "invalid_range" }));
    return errorResponse(error);
  }
}
