// API tokens: random secrets shown once, stored as sha256. "session" tokens
// come from POST /api/v1/auth/token and expire within the hour; "personal"
// tokens are created from a browser session (settings) and expire after 90
// days by default, a year at most. The owner lists and revokes both kinds.
import crypto from "node:crypto";
import { prisma, type Db } from "@/lib/db";
import { toAuthUser } from "./credentials";
import type { AuthUser } from "./types";

export const SESSION_TOKEN_TTL_SECONDS = 60 * 60;
export const PERSONAL_TOKEN_DEFAULT_DAYS = 90;
export const PERSONAL_TOKEN_MAX_DAYS = 365;
const PREFIX = "mat_";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

function newSecret() {
  return PREFIX + crypto.randomBytes(32).toString("base64url");
}

export async function issueToken(userId: string, kind: "session" | "personal", name: string, expiresAt: Date) {
  const token = newSecret();
  const row = await prisma.apiToken.create({
    data: { userId, kind, name, tokenHash: hashToken(token), prefix: token.slice(0, 12), expiresAt },
  });
  return { token, row };
}

export function issueSessionToken(userId: string) {
  return issueToken(userId, "session", "api session", new Date(Date.now() + SESSION_TOKEN_TTL_SECONDS * 1000));
}

/** The active user behind a bearer token, or null (unknown, revoked, expired, or suspended user). */
export async function userForToken(token: string): Promise<AuthUser | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.expiresAt <= new Date()) return null;
  if (row.user.status !== "active") return null;
  // last_used_at is informative; at most one write a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return toAuthUser(row.user);
}

/** Every token of the user that still works or ended in the last 30 days (older ones are purged nightly), newest first. */
export async function listTokens(userId: string) {
  const recent = new Date(Date.now() - TOKEN_RETENTION_DAYS * 86_400_000);
  return prisma.apiToken.findMany({
    where: { userId, expiresAt: { gt: recent }, OR: [{ revokedAt: null }, { revokedAt: { gt: recent } }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

/** How long expired or revoked tokens, and sign-in attempts, are kept before the nightly purge. */
export const TOKEN_RETENTION_DAYS = 30;
export const AUTH_ATTEMPT_RETENTION_DAYS = 30;

/** Deletes tokens that expired or were revoked over TOKEN_RETENTION_DAYS ago and older sign-in attempts. */
export async function purgeAuthData(db: Db, now = new Date()) {
  const tokensBefore = new Date(now.getTime() - TOKEN_RETENTION_DAYS * 86_400_000);
  const attemptsBefore = new Date(now.getTime() - AUTH_ATTEMPT_RETENTION_DAYS * 86_400_000);
  const tokens = await db.apiToken.deleteMany({ where: { OR: [{ expiresAt: { lte: tokensBefore } }, { revokedAt: { lte: tokensBefore } }] } });
  const attempts = await db.authAttempt.deleteMany({ where: { createdAt: { lt: attemptsBefore } } });
  return { tokens_deleted: tokens.count, auth_attempts_deleted: attempts.count };
}

/** Revokes one of the user's own tokens; false when it is not theirs (or does not exist). */
export async function revokeToken(userId: string, tokenId: string): Promise<boolean> {
  const { count } = await prisma.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count) return true;
  return (await prisma.apiToken.count({ where: { id: tokenId, userId } })) > 0;
}
