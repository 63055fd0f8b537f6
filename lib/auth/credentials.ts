// Email + password check shared by the sign-in page (next-auth) and
// POST /api/v1/auth/token.
import { prisma } from "@/lib/db";
import { verifyPassword } from "./password";
import { isRateLimited, recordAttempt } from "./rate-limit";
import type { AuthUser } from "./types";

export type CredentialsResult =
  | { ok: true; user: AuthUser }
  | { ok: false; reason: "invalid" | "suspended" | "rate_limited" };

export async function verifyCredentials(email: string, password: string, ip: string | null): Promise<CredentialsResult> {
  const normalized = email.trim().toLowerCase();
  if (await isRateLimited(normalized, ip)) return { ok: false, reason: "rate_limited" };
  const user = await prisma.user.findUnique({ where: { email: normalized } });
  const valid = user ? await verifyPassword(password, user.passwordHash) : false;
  await recordAttempt(normalized, ip, valid);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.status === "suspended") return { ok: false, reason: "suspended" };
  return { ok: true, user: toAuthUser(user) };
}

export function toAuthUser(u: { id: string; email: string; name: string; role: AuthUser["role"]; timeZone: string }): AuthUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, timeZone: u.timeZone };
}
