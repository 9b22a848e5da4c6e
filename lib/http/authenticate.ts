import { readBearerToken } from "../auth/api-key";
import { AuthenticationError } from "../gateway/errors";
import type { Caller, GatewayStore } from "../gateway/store";

/**
 * The caller behind `Authorization: Bearer <key>`, or behind `x-api-key`
 * (what Anthropic's SDK sends), or a 401.
 */
export async function authenticate(request: { headers: { get(name: string): string | null } }, store: GatewayStore): Promise<Caller> {
  const secret = readBearerToken(request.headers.get("authorization")) ?? (request.headers.get("x-api-key")?.trim() || undefined);
  if (!secret) throw new AuthenticationError();
  const caller = await store.findCallerByApiKey(secret);
  if (!caller) throw new AuthenticationError("Invalid or disabled API key.");
  return caller;
}
