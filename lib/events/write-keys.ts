// Write keys for server-to-server senders: EVENTS_WRITE_KEY, or keys created by
// an admin (shown once, stored as sha256 like API tokens). A write key may name
// the user an event is about.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";

export const WRITE_KEY_HEADER = "x-events-write-key";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export type WriteKeyIdentity = { keyId: string; name: string };

/** The key's identity, or null when it is not a valid key. */
export async function checkWriteKey(db: Db, presented: string, envKey: string | null): Promise<WriteKeyIdentity | null> {
  if (envKey) {
    const a = Buffer.from(sha256(presented));
    const b = Buffer.from(sha256(envKey));
    if (crypto.timingSafeEqual(a, b)) return { keyId: "env", name: "EVENTS_WRITE_KEY" };
  }
  if (!/^wk_[A-Za-z0-9_-]{20,}$/.test(presented)) return null;
  const row = await db.eventWriteKey.findUnique({ where: { keyHash: sha256(presented) } });
  return row && !row.revokedAt ? { keyId: row.id, name: row.name } : null;
}

export async function createWriteKey(db: Db, name: string, createdBy: string | null) {
  const key = `wk_${crypto.randomBytes(24).toString("base64url")}`;
  const row = await db.eventWriteKey.create({ data: { name, keyHash: sha256(key), prefix: key.slice(0, 10), createdBy } });
  return { id: row.id, name: row.name, prefix: row.prefix, created_at: row.createdAt.toISOString(), key };
}

export async function listWriteKeys(db: Db) {
  const rows = await db.eventWriteKey.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, created_at: r.createdAt.toISOString(), revoked_at: r.revokedAt?.toISOString() ?? null }));
}

export async function revokeWriteKey(db: Db, id: string): Promise<boolean> {
  const r = await db.eventWriteKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return r.count > 0;
}
