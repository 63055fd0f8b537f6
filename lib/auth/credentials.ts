// Email + password check shared by the sign-in page (next-auth) and
// POST /api/v1/auth/token.
import { prisma } from "@/lib/db";
import { dummyPasswordCheck, verifyPassword } from "./password";
import { claimAttempt, markSucceeded } from "./rate-limit";
import type { AuthUser } from "./types";

export type CredentialsResult =
  | { ok: true; user: AuthUser }
  | { ok: false; reason: "invalid" | "suspended" | "rate_limited" };

export async function verifyCredentials(email: string, password: string, ip: string | null): Promise<CredentialsResult> {
  const normalized = email.trim().toLowerCase();
  const attempt = await claimAttempt(normalized, ip);
  if (attempt === null) return { ok: false, reason: "rate_limited" };
  const user = await prisma.user.findUnique({ where: { email: normalized } });
  // An unknown email costs one bcrypt comparison too, so timing does not tell which emails exist.
  const valid = user ? await verifyPassword(password, user.passwordHash) : await dummyPasswordCheck(password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await markSucceeded(attempt);
  if (user.status === "suspended") return { ok: false, reason: "suspended" };
  return { ok: true, user: toAuthUser(user) };
}

export function toAuthUser(u: { id: string; email: string; name: string; role: AuthUser["role"]; timeZone: string }): AuthUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, timeZone: u.timeZone };
}
