import { createPrismaClient } from "@/lib/db/client";
import { createUserWithPassword } from "@/lib/db/user-queries";
import type { RunningApp } from "./start-app";

export const TEST_PASSWORD = "correct horse battery staple";

/**
 * The Cookie header after a response: `previous` with the cookies the
 * response sets, a cookie set again replacing the old value and one set
 * empty (deleted) dropped, as a browser would.
 */
export function cookiesFrom(response: { headers: Headers }, previous = ""): string {
  const jar = new Map<string, string>();
  const pairs = [...previous.split(/;\s*/), ...response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "")];
  for (const pair of pairs.filter(Boolean)) {
    const name = pair.slice(0, pair.indexOf("=") === -1 ? pair.length : pair.indexOf("="));
    if (pair.length <= name.length + 1) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}

/**
 * A session cookie for a new password account, signed in the way Auth.js's
 * own sign-in form posts: a CSRF token, then the credentials callback.
 */
export async function signedInUser(app: RunningApp, email: string, options: { admin?: boolean } = {}): Promise<{ cookie: string; userId: string }> {
  const prisma = createPrismaClient({ databaseUrl: app.databaseUrl });
  try {
    const user = await createUserWithPassword({ email, password: TEST_PASSWORD, prisma });
    if (options.admin !== undefined) await prisma.user.update({ where: { id: user.id }, data: { isAdmin: options.admin } });
    const { response, cookie, signedIn } = await postCredentials(app, email, TEST_PASSWORD);
    if (!signedIn) throw new Error(`sign-in answered ${response.status} without a session cookie`);
    return { cookie, userId: user.id };
  } finally {
    await prisma.$disconnect();
  }
}

/** Posts an email and password the way Auth.js's own sign-in form does: a CSRF token, then the credentials callback. */
export async function postCredentials(app: RunningApp, email: string, password: string): Promise<{ response: Response; cookie: string; signedIn: boolean }> {
  const csrf = await fetch(`${app.origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiesFrom(csrf);
  const response = await fetch(`${app.origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${app.origin}/chat` }),
  });
  const cookie = cookiesFrom(response, csrfCookie);
  return { response, cookie, signedIn: /authjs\.session-token/.test(cookie) };
}
