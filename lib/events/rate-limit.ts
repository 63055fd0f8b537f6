// Per-key and per-address request limits for the events endpoint, counted in
// PostgreSQL (event_rate_limits, one-minute windows) so every app instance on
// the database shares them. One upsert per request: no lock is held past it.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; limit: number };

export async function takeRequest(db: Db, bucket: string, limitPerMinute: number, now = new Date()): Promise<RateDecision> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [row] = await db.$queryRaw<{ requests: number }[]>(Prisma.sql`
    INSERT INTO event_rate_limits (bucket, window_start, requests) VALUES (${bucket.slice(0, 120)}, ${windowStart}::timestamptz, 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET requests = event_rate_limits.requests + 1
    RETURNING requests`);
  if (row.requests <= limitPerMinute) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000)), limit: limitPerMinute };
}

/** Windows that ended over an hour ago (nightly job). */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<number> {
  return db.$executeRaw(Prisma.sql`DELETE FROM event_rate_limits WHERE window_start < ${now}::timestamptz - interval '1 hour'`);
}
