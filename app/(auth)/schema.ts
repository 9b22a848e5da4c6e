import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 8;

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(320, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like you@example.com."));

export const signInSchema = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "That password is too long."),
  callbackUrl: z.string().optional(),
});

export const signUpSchema = z.object({
  email,
  password: z
    .string({ error: "Choose a password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
    .max(1024, "Use at most 1024 characters for your password."),
  name: z.string().trim().max(100, "Use at most 100 characters for your name.").optional(),
  callbackUrl: z.string().optional(),
});
