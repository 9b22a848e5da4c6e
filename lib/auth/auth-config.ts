import type { DefaultSession, NextAuthConfig } from "next-auth";
import { env } from "../env";
import { loadOrCreateAuthSecret } from "./auth-secret";

/**
 * The part of the Auth.js configuration that needs no database: enough to
 * read and verify the session cookie. proxy.ts uses it alone, so guarding
 * /chat costs a cookie decryption, not a database connection; lib/auth/auth.ts
 * adds the adapter and the providers.
 */

declare module "next-auth" {
  interface Session {
    user: { id: string; isAdmin: boolean } & DefaultSession["user"];
  }
  interface User {
    isAdmin?: boolean;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    isAdmin?: boolean;
  }
}

export const SIGN_IN_PATH = "/sign-in";
export const AFTER_SIGN_IN_PATH = "/chat";

let resolvedSecret: string | undefined;

/**
 * `npm start` always passes AUTH_SECRET (generating ./data/auth-secret on the
 * first start); reading the file here as well covers `next dev` and a bare
 * `next start`. Resolved on first use, not at import, so `next build` writes nothing.
 */
export function resolveAuthSecret(): string {
  resolvedSecret ??= env.AUTH_SECRET ?? loadOrCreateAuthSecret();
  return resolvedSecret;
}

export function createBaseAuthConfig(): NextAuthConfig {
  return {
    secret: resolveAuthSecret(),
    // Self-hosted behind whatever host name or proxy the operator chose; there is no AUTH_URL to set.
    trustHost: true,
    // Credentials sign-in only works with JWT sessions; users and linked accounts still live in the database.
    session: { strategy: "jwt" },
    pages: { signIn: SIGN_IN_PATH },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        // `user` is present only on the request that signs in.
        if (user?.id) {
          token.sub = user.id;
          token.isAdmin = user.isAdmin === true;
        }
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? "";
        session.user.isAdmin = token.isAdmin === true;
        return session;
      },
    },
  };
}

/** A same-site path to return to after signing in; anything else (another origin, `//host`) falls back to /chat. */
export function safeCallbackPath(candidate: unknown): string {
  if (typeof candidate !== "string" || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) {
    return AFTER_SIGN_IN_PATH;
  }
  return candidate;
}
