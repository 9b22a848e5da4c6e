import type { SessionUser } from "../auth/session";
import { AuthenticationError } from "../gateway/errors";
import { PermissionDeniedError } from "./billing-errors";

/** The signed-in user, or a 401. */
export function requireSignedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AuthenticationError("Sign in to manage your credits.");
  return user;
}

/** The signed-in admin: 401 when nobody is signed in, 403 for everyone else. */
export function requireAdmin(user: SessionUser | null): SessionUser {
  const signedIn = requireSignedIn(user);
  if (!signedIn.isAdmin) throw new PermissionDeniedError();
  return signedIn;
}
