// Write keys for server-to-server senders: EVENTS_WRITE_KEY, or keys created by
// an admin (shown once, stored as sha256 like API tokens). A write key may name
// the user an event is about. The same keys work on POST /api/v1/events
// (X-Events-Write-Key, or HTTP Basic with the key as user name) and on the
// Segment-compatible routes (HTTP Basic, or writeKey in the body).
import crypto from "node:crypto";
import type { Db } from "@/lib/db";

export const WRITE_KEY_HEADER = "x-events-write-key";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export type WriteKeyIdentity = { keyId: string; name: string };

/**
 * The write key of `Authorization: Basic base64(key:)` — Segment's scheme: the
 * key is the user name, the password empty. null when the header is absent or
 * of another scheme; `bad` when it is Basic but carries no key.
 */
export function basicAuthKey(header: string | null): { key: string } | { bad: true } | null {
  if (!header || !/^Basic\s/i.test(header)) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return { bad: true };
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const user = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
  return user ? { key: user } : { bad: true };
}

/** The key's identity, or null when it is not a valid key. Notes when it was used (at most once a minute). */
export async function checkWriteKey(db: Db, presented: string, envKey: string | null, now = new Date()): Promise<WriteKeyIdentity | null> {
  if (envKey) {
    const a = Buffer.from(sha256(presented));
    const b = Buffer.from(sha256(envKey));
    if (crypto.timingSafeEqual(a, b)) return { keyId: "env", name: "EVENTS_WRITE_KEY" };
  }
  if (!/^wk_[A-Za-z0-9_-]{20,}$/.test(presented)) return null;
  const row = await db.eventWriteKey.findUnique({ where: { keyHash: sha256(presented) } });
  if (!row || row.revokedAt) return null;
  // informative only: one write a minute per key, not one per batch
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.eventWriteKey.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastUsedAt: now } });
  }
  return { keyId: row.id, name: row.name };
}

export type WriteKeyView = { id: string; name: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null };

export async function createWriteKey(db: Db, name: string, createdBy: string | null) {
  const key = `wk_${crypto.randomBytes(24).toString("base64url")}`;
  const row = await db.eventWriteKey.create({ data: { name, keyHash: sha256(key), prefix: key.slice(0, 10), createdBy } });
  return { id: row.id, name: row.name, prefix: row.prefix, created_at: row.createdAt.toISOString(), key };
}

/** Every key, newest first (active and revoked); never the key itself. */
export async function listWriteKeys(db: Db): Promise<WriteKeyView[]> {
  const rows = await db.eventWriteKey.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    created_at: r.createdAt.toISOString(),
    last_used_at: r.lastUsedAt?.toISOString() ?? null,
    revoked_at: r.revokedAt?.toISOString() ?? null,
  }));
}

export async function revokeWriteKey(db: Db, id: string): Promise<boolean> {
  const r = await db.eventWriteKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return r.count > 0;
}
