// API tokens: random secrets shown once, stored as sha256. "session" tokens
// come from POST /api/v1/auth/token and expire soon; "personal" tokens are
// created in settings and live until revoked (or their optional expiry).
import crypto from "node:crypto";
import { prisma } from "@/lib/db";
import { toAuthUser } from "./credentials";
import type { AuthUser } from "./types";

export const SESSION_TOKEN_TTL_SECONDS = 60 * 60;
const PREFIX = "mat_";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

function newSecret() {
  return PREFIX + crypto.randomBytes(32).toString("base64url");
}

export async function issueToken(userId: string, kind: "session" | "personal", name: string, expiresAt: Date | null) {
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
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
  if (row.user.status !== "active") return null;
  // last_used_at is informative; at most one write a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return toAuthUser(row.user);
}

export async function listPersonalTokens(userId: string) {
  return prisma.apiToken.findMany({
    where: { userId, kind: "personal" },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
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
