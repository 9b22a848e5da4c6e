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

/**
 * Posts an email and password the way Auth.js's own sign-in form does: a
 * CSRF token, then the credentials callback. `headers` go with the callback
 * (an X-Forwarded-For a proxy would add, say).
 */
export async function postCredentials(
  app: RunningApp,
  email: string,
  password: string,
  options: { headers?: Record<string, string> } = {},
): Promise<{ response: Response; cookie: string; signedIn: boolean }> {
  const csrf = await fetch(`${app.origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiesFrom(csrf);
  const response = await fetch(`${app.origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...options.headers, "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${app.origin}/chat` }),
  });
  const cookie = cookiesFrom(response, csrfCookie);
  return { response, cookie, signedIn: /authjs\.session-token/.test(cookie) };
}

/**
 * Submits the sign-up form as a browser without JavaScript would: the
 * page's hidden fields (which name the server action) with the email and
 * password, posted to /sign-up. The answer is the page again with any
 * form error, or a redirect once the account is made.
 */
export async function postSignUpForm(
  app: RunningApp,
  email: string,
  password: string,
  options: { headers?: Record<string, string> } = {},
): Promise<{ response: Response; html: string }> {
  const page = await (await fetch(`${app.origin}/sign-up`)).text();
  const form = new FormData();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    form.append(decodeHtml(match[1] ?? ""), decodeHtml(match[2] ?? ""));
  }
  form.append("email", email);
  form.append("password", password);
  const response = await fetch(`${app.origin}/sign-up`, { method: "POST", redirect: "manual", headers: options.headers, body: form });
  return { response, html: await response.text() };
}

function decodeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
