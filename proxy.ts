import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { createBaseAuthConfig, SIGN_IN_PATH } from "@/lib/auth/auth-config";

// Only the cookie is checked here (no database): pages and route handlers
// still ask getSessionUser() for the user; this just sends visitors who are
// plainly signed out to the sign-in page instead of an empty chat.
const { auth } = NextAuth(() => {
  const base = createBaseAuthConfig();
  return {
    ...base,
    callbacks: {
      ...base.callbacks,
      authorized({ auth: session, request }) {
        if (session?.user?.id) return true;
        // Auth.js's own redirect would put the absolute URL in callbackUrl;
        // the sign-in page accepts only same-site paths, so pass the path.
        const signInUrl = new URL(SIGN_IN_PATH, request.nextUrl.origin);
        signInUrl.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
        return NextResponse.redirect(signInUrl);
      },
    },
  };
});

// Called with (request, event), `auth` runs as middleware and applies the
// `authorized` callback; its published types lack that overload.
const checkSession = auth as unknown as NextMiddleware;

// A function declaration, as Next requires of proxy.ts; the lazily
// configured `auth(handler)` wrapper would export a promise instead.
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const response = await checkSession(request, event);
  // Auth.js's middleware re-issues the session cookie on every request it
  // sees. A response to a background request (a prefetch of /chat or
  // /activity from the header) still in flight when the user signs out would
  // then set the cookie again and sign them back in. Sessions here last their
  // fixed lifetime from sign-in instead of being extended by each visit.
  if (response instanceof Response) response.headers.delete("set-cookie");
  return response;
}

export const config = {
  matcher: ["/chat", "/chat/:path*", "/activity", "/logs/:path*", "/logs", "/credits", "/keys", "/settings", "/admin", "/admin/:path*"],
};
