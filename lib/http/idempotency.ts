// Idempotency-Key for POSTs that create something (apiHandler option
// `idempotent: true`). The first request with a key inserts its row before the
// work starts (the unique (user_id, key) is the lock); later requests with the
// key and the same method + path + canonical body get the stored answer with
// `Idempotent-Replayed: true`, a different body gets 409, and a request that
// arrives while the first is still running gets 409 "in progress" — the work
// never runs twice. Answers are kept 24 h; 5xx/thrown errors free the key.
// The key is stored hashed and the answer encrypted with a key derived from it
// (answers may carry secrets such as a new API token).
import crypto from "node:crypto";
import { prisma, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim whose request never finished (process died) is taken over after this. */
export const STALE_CLAIM_MINUTES = 5;
const KEPT_HEADERS = ["content-type", "location"];

type ErrorFn = (status: number, code: string, message: string, field?: string, headers?: HeadersInit) => Response;

/** JSON with object keys sorted at every level, so key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(method: string, path: string, body: unknown): string {
  return crypto.createHash("sha256").update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest("hex");
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest();

/** AES-256-GCM under a key derived from the user and the Idempotency-Key; base64 of iv + tag + ciphertext. */
export function sealAnswer(userId: string, key: string, text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", sha256(`idempotency-answer\0${userId}\0${key}`), iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

export function openAnswer(userId: string, key: string, sealed: string): string {
  const buf = Buffer.from(sealed, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", sha256(`idempotency-answer\0${userId}\0${key}`), buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8");
}

export type IdempotentClaim = { finish(res: Response): Promise<Response>; abandon(): Promise<void> };

/**
 * null when the request has no Idempotency-Key (it runs normally); a Response
 * to send instead of running (replay, 409, 400); or a claim whose finish()
 * stores the answer.
 */
export async function claimIdempotencyKey(
  req: Request,
  userId: string,
  body: unknown,
  error: ErrorFn,
  db: Db = prisma,
): Promise<IdempotentClaim | Response | null> {
  const key = req.headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    return error(400, "invalid_request", "Idempotency-Key: must be 1 to 255 visible ASCII characters", "Idempotency-Key");
  }
  const hash = requestHash(req.method, new URL(req.url).pathname, body);
  const keyHash = sha256(key).toString("hex");
  // Insert-first: only one request can own the row; an expired answer or a stale claim is taken over in the same statement.
  const claimed = await db.$queryRaw<{ ok: boolean }[]>(Prisma.sql`
    INSERT INTO idempotency_keys (user_id, key_hash, request_hash, expires_at)
    VALUES (${userId}::uuid, ${keyHash}, ${hash}, now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}::int))
    ON CONFLICT (user_id, key_hash) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, status = NULL, response_headers = NULL, response_body = NULL,
          created_at = now(), expires_at = EXCLUDED.expires_at
      WHERE idempotency_keys.expires_at <= now()
         OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - make_interval(mins => ${STALE_CLAIM_MINUTES}::int))
    RETURNING true AS ok`);
  if (claimed.length) return ownClaim(db, userId, key, keyHash);

  const [row] = await db.$queryRaw<{ request_hash: string; status: number | null; response_headers: Record<string, string> | null; response_body: string | null }[]>(
    Prisma.sql`SELECT request_hash, status, response_headers, response_body FROM idempotency_keys WHERE user_id = ${userId}::uuid AND key_hash = ${keyHash}`,
  );
  // Deleted in between (the first request failed): ask the client to retry rather than racing again.
  if (!row || row.status === null) {
    if (row && row.request_hash !== hash) return reused(error);
    return error(409, "idempotency_key_in_progress", "Idempotency-Key: a request with this key is still being processed; retry shortly", "Idempotency-Key", { "Retry-After": "1" });
  }
  if (row.request_hash !== hash) return reused(error);
  const headers = new Headers(row.response_headers ?? {});
  headers.set("Idempotent-Replayed", "true");
  return new Response(row.response_body === null ? null : openAnswer(userId, key, row.response_body), { status: row.status, headers });
}

function reused(error: ErrorFn) {
  return error(409, "idempotency_key_reused", "Idempotency-Key: this key was used with a different request (method, path or body)", "Idempotency-Key");
}

function ownClaim(db: Db, userId: string, key: string, keyHash: string): IdempotentClaim {
  const release = async () => {
    await db.$executeRaw(Prisma.sql`DELETE FROM idempotency_keys WHERE user_id = ${userId}::uuid AND key_hash = ${keyHash} AND status IS NULL`);
  };
  return {
    async finish(res) {
      // A server error is not an answer worth repeating: the client may retry and run the work.
      if (res.status >= 500) {
        await release();
        return res;
      }
      const text = await res.clone().text();
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const v = res.headers.get(name);
        if (v !== null) headers[name] = v;
      }
      await db.$executeRaw(Prisma.sql`
        UPDATE idempotency_keys SET status = ${res.status}::int, response_headers = ${JSON.stringify(headers)}::jsonb, response_body = ${sealAnswer(userId, key, text)}
        WHERE user_id = ${userId}::uuid AND key_hash = ${keyHash}`);
      return res;
    },
    abandon: release,
  };
}

/** Answers past their 24 h (nightly purge). */
export async function purgeIdempotencyKeys(db: Db, now = new Date()): Promise<number> {
  return db.$executeRaw(Prisma.sql`DELETE FROM idempotency_keys WHERE expires_at < ${now}::timestamptz`);
}
