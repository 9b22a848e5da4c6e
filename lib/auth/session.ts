import "server-only";
import { findAccountUser } from "../db/user-queries";
import { auth } from "./auth";

export interface SessionUser {
  id: string;
  email: string | null;
  name: string | null;
  isAdmin: boolean;
}

/**
 * The signed-in user, for server components, server actions and route
 * handlers; null when nobody is signed in. The cookie only names the user:
 * the rest is read from the database, so a demoted admin or a deleted
 * account takes effect at once rather than when the cookie expires.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return findAccountUser({ id });
}
