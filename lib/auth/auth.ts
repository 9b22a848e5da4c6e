import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { z } from "zod";
import { getPrisma } from "../db/client";
import { createUser, findUserForSignIn } from "../db/user-queries";
import { env } from "../env";
import { findClientAddress } from "../http/client-address";
import { createBaseAuthConfig } from "./auth-config";
import { getDecoyPasswordHash, verifyPassword } from "./password";
import { isSignInThrottled, recordFailedSignIn } from "./sign-in-throttle";

/** A sign-in refused unchecked because its email or its address had too many failed attempts; the code reaches the form. */
export class TooManySignIns extends CredentialsSignin {
  override code = "too_many_attempts";
}

const credentialsSchema = z.object({
  email: z.string().trim().email().max(320),
  // The cap keeps a megabyte "password" from costing a megabyte of scrypt input.
  password: z.string().min(1).max(1024),
});

/** Which sign-in buttons besides email and password to show; a provider counts only when both its variables are set. */
export function configuredOAuthProviders(): { github: boolean; google: boolean } {
  return {
    github: Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET),
    google: Boolean(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET),
  };
}

function createProviders(): Provider[] {
  const providers: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        // Password guessing stops after MAX_FAILED_SIGN_INS misses for one email, or
        // MAX_FAILED_SIGN_INS_PER_ADDRESS from one client address, on every instance.
        const attempt = { email: parsed.data.email, clientAddress: findClientAddress(request.headers, { trustProxy: env.TRUST_PROXY }) };
        if (await isSignInThrottled(attempt)) throw new TooManySignIns();
        const user = await findUserForSignIn({ email: parsed.data.email });
        // Verify against a decoy when there is no password to check, so the
        // answer takes as long for an unknown email as for a wrong password.
        const storedHash = user?.passwordHash ?? (await getDecoyPasswordHash());
        const matches = await verifyPassword({ password: parsed.data.password, storedHash });
        if (!user?.passwordHash || !matches) {
          await recordFailedSignIn(attempt);
          return null;
        }
        return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
      },
    }),
  ];
  const oauth = configuredOAuthProviders();
  if (oauth.github) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  if (oauth.google) providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  return providers;
}

function createAuthConfig(): NextAuthConfig {
  // The adapter's types name @prisma/client's PrismaClient; ours is generated
  // to lib/generated with the same models, which is all the adapter touches.
  const adapter = PrismaAdapter(getPrisma() as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...createBaseAuthConfig(),
    adapter: {
      ...adapter,
      // Users arriving through GitHub or Google go through the same rule as
      // sign-ups with a password: the first user of a fresh install is the admin.
      async createUser({ email, name, image, emailVerified }) {
        const user = await createUser({ data: { email, name, image, emailVerified } });
        return { id: user.id, email: user.email ?? email, name: user.name, image: user.image, emailVerified: user.emailVerified, isAdmin: user.isAdmin };
      },
    },
    providers: createProviders(),
  };
}

let config: NextAuthConfig | undefined;

// The lazy form defers the secret, the database client and the providers to
// the first request, so importing this module (as `next build` does) has no side effects.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  config ??= createAuthConfig();
  return config;
});
