// Browser sessions are JWTs, so ending one needs state on the server: each
// user has a session_version, copied into the JWT at sign-in and compared
// wherever the user row is re-read. Sign-out bumps it (ending every session of
// that user), and so does a password change or a suspension (a trigger on
// users, see the session_version migration). Independent of activity, a
// session also ends SESSION_MAX_AGE_DAYS after sign-in.
import { prisma } from "@/lib/db";

export const SESSION_IDLE_SECONDS = 8 * 60 * 60;

export function sessionMaxAgeSeconds(): number {
  const days = Number(process.env.SESSION_MAX_AGE_DAYS ?? 7);
  return (Number.isFinite(days) && days > 0 ? days : 7) * 86_400;
}

/** The claims a session JWT carries besides next-auth's own. */
export type SessionClaims = { sub?: string; sv?: number; auth_time?: number };

/** Whether a session that started at auth_time (seconds) with version sv is still valid for a user row. */
export function sessionStillValid(claims: SessionClaims, user: { sessionVersion: number; status: string }, nowMs = Date.now()): boolean {
  if (user.status !== "active") return false;
  if (typeof claims.sv !== "number" || claims.sv !== user.sessionVersion) return false;
  if (typeof claims.auth_time !== "number") return false;
  return nowMs / 1000 < claims.auth_time + sessionMaxAgeSeconds();
}

/** Ends every browser session of the user (sign-out). */
export async function endSessions(userId: string) {
  await prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
