import "server-only";
import { hashPassword } from "../auth/password";
import { getPrisma, type PrismaClient } from "./client";

/** What sign-in, the session and the header need to know about a user. */
export interface AccountUser {
  id: string;
  email: string | null;
  name: string | null;
  isAdmin: boolean;
}

export interface UserForSignIn extends AccountUser {
  /** Null for accounts that only sign in through GitHub or Google. */
  passwordHash: string | null;
}

export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`An account with the email ${email} already exists.`);
    this.name = "EmailTakenError";
  }
}

/** New users differ only in these fields; Auth.js's adapter passes the same ones for GitHub and Google. */
export interface NewUserData {
  email: string | null;
  name?: string | null;
  image?: string | null;
  emailVerified?: Date | null;
  passwordHash?: string | null;
}

const ACCOUNT_USER_FIELDS = { id: true, email: true, name: true, isAdmin: true } as const;

// Prisma's codes for a unique constraint violation, and for a transaction
// that lost a race (PostgreSQL's serialization failure; SQLite's "database
// is busy", which the SQLite adapter reports as a timeout).
const UNIQUE_VIOLATION = "P2002";
const RETRYABLE_CODES = new Set(["P2034", "P1008"]);
const MAX_ATTEMPTS = 5;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Hashes the password and creates the user. The first user of a fresh
 * install becomes the admin.
 * @throws EmailTakenError when the (normalised) email already has an account.
 */
export async function createUserWithPassword(input: {
  email: string;
  password: string;
  name?: string;
  prisma?: PrismaClient;
}): Promise<AccountUser> {
  const name = input.name?.trim() || null;
  // Hashed before the transaction: it takes tens of milliseconds, and no lock should be held meanwhile.
  const passwordHash = await hashPassword(input.password);
  const user = await createUser({ data: { email: normalizeEmail(input.email), name, passwordHash }, prisma: input.prisma });
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}

/**
 * Creates a user, admin when there is no admin yet: the first account to sign
 * up on a fresh install, even when `npm run admin -- create-key` made API-only
 * users before it. The count and the insert
 * run in one serializable transaction, so of two concurrent first sign-ups
 * one commits and the other fails and is retried, now seeing a user: both
 * cannot become admin (PostgreSQL detects the conflict; SQLite allows one
 * writer at a time and rejects a write on a stale snapshot).
 */
export async function createUser(input: { data: NewUserData; prisma?: PrismaClient }) {
  const prisma = input.prisma ?? getPrisma();
  const data = { ...input.data, email: input.data.email === null ? null : normalizeEmail(input.data.email) };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(
        async (transaction) => {
          if (data.email !== null && (await transaction.user.findUnique({ where: { email: data.email }, select: { id: true } }))) {
            throw new EmailTakenError(data.email);
          }
          const noAdminYet = (await transaction.user.count({ where: { isAdmin: true } })) === 0;
          return transaction.user.create({ data: { ...data, isAdmin: noAdminYet } });
        },
        { isolationLevel: "Serializable" },
      );
    } catch (error) {
      const code = prismaErrorCode(error);
      // A concurrent sign-up with the same email got there first.
      if (code === UNIQUE_VIOLATION && data.email !== null) throw new EmailTakenError(data.email);
      if (code !== undefined && RETRYABLE_CODES.has(code) && attempt < MAX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
        continue;
      }
      throw error;
    }
  }
}

export async function findUserForSignIn(input: { email: string; prisma?: PrismaClient }): Promise<UserForSignIn | null> {
  const prisma = input.prisma ?? getPrisma();
  return prisma.user.findUnique({
    where: { email: normalizeEmail(input.email) },
    select: { ...ACCOUNT_USER_FIELDS, passwordHash: true },
  });
}

/** The user a session token names, or null when it no longer exists (deleted, or a token from another database). */
export async function findAccountUser(input: { id: string; prisma?: PrismaClient }): Promise<AccountUser | null> {
  const prisma = input.prisma ?? getPrisma();
  return prisma.user.findUnique({ where: { id: input.id }, select: ACCOUNT_USER_FIELDS });
}

function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
