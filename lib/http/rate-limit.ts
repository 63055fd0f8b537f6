// Request limits for /api/v1: fixed windows counted in PostgreSQL
// (api_rate_limits), so every app instance on the database enforces one limit.
// One statement per request counts it in all of its buckets (the caller's
// token or user, and its address) and returns the counts: one round trip.
import crypto from "node:crypto";
import type { NextRequest } from "next/server";
import { prisma, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuthUser } from "@/lib/auth/types";
import { requestClientAddress } from "@/lib/auth/client-address";

export type Bucket = { key: string; limit: number };
export type RateResult = {
  ok: boolean;
  /** The bucket nearest its limit: what the X-RateLimit-* headers describe. */
  limit: number;
  remaining: number;
  /** When the window ends (Unix seconds). */
  resetAt: number;
  retryAfterSeconds: number;
};

const int = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Read per call so tests can start servers with their own limits (documented in README, "Retries and rate limits"). */
export function apiRateConfig(env = process.env) {
  return {
    perToken: int(env.API_RATE_LIMIT_PER_TOKEN, 600),
    perIp: int(env.API_RATE_LIMIT_PER_IP, 1200),
    windowSeconds: int(env.API_RATE_LIMIT_WINDOW_SECONDS, 60),
  };
}

/**
 * Counts one request in every bucket and decides. Buckets are written in key
 * order so two requests never wait on each other's rows crosswise. Shaped so
 * other limiters (event ingestion) can call it with their own buckets.
 */
export async function takeRequest(db: Db, buckets: Bucket[], windowSeconds: number, now = new Date()): Promise<RateResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const sorted = [...new Map(buckets.map((b) => [b.key.slice(0, 120), b])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = await db.$queryRaw<{ bucket: string; requests: number }[]>(Prisma.sql`
    INSERT INTO api_rate_limits (bucket, window_start, requests)
    VALUES ${Prisma.join(sorted.map(([key]) => Prisma.sql`(${key}, ${windowStart}::timestamptz, 1)`))}
    ON CONFLICT (bucket, window_start) DO UPDATE SET requests = api_rate_limits.requests + 1
    RETURNING bucket, requests`);
  const resetMs = windowStart.getTime() + windowMs;
  let tightest = { limit: 0, remaining: Infinity, over: false };
  for (const row of rows) {
    const limit = sorted.find(([k]) => k === row.bucket)![1].limit;
    const remaining = Math.max(0, limit - row.requests);
    const over = row.requests > limit;
    if (Number(over) > Number(tightest.over) || (over === tightest.over && remaining < tightest.remaining)) tightest = { limit, remaining, over };
  }
  return {
    ok: !tightest.over,
    limit: tightest.limit,
    remaining: tightest.remaining,
    resetAt: Math.ceil(resetMs / 1000),
    retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now.getTime()) / 1000)),
  };
}

/** The buckets of one API request: its bearer token (hashed) or session user, and its client address. */
export function apiBuckets(req: NextRequest, user: AuthUser | null, via: "bearer" | "session" | null, cfg = apiRateConfig()): Bucket[] {
  const address = requestClientAddress((name) => req.headers.get(name)) ?? "unknown";
  const buckets: Bucket[] = [{ key: `ip:${address}`, limit: cfg.perIp }];
  if (user && via === "bearer") {
    const token = /^Bearer\s+(\S+)/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
    buckets.push({ key: `tok:${crypto.createHash("sha256").update(token).digest("hex").slice(0, 40)}`, limit: cfg.perToken });
  } else if (user) {
    buckets.push({ key: `user:${user.id}`, limit: cfg.perToken });
  }
  return buckets;
}

export function rateHeaders(r: RateResult): Record<string, string> {
  return { "X-RateLimit-Limit": String(r.limit), "X-RateLimit-Remaining": String(r.remaining), "X-RateLimit-Reset": String(r.resetAt) };
}

/**
 * One per request: the subclass's `take` counts it once the caller is known
 * (a 429 response or null); `stamp` puts the headers on whatever answer goes
 * out, counting the request as anonymous when it ended before `take` (401,
 * 413). Shared by the API and the event intake, which differ in buckets only.
 */
export abstract class BucketMeter {
  protected result: RateResult | null = null;
  constructor(protected db: Db) {}

  protected async count(buckets: Bucket[], windowSeconds: number, now?: Date): Promise<Response | null> {
    this.result = await takeRequest(this.db, buckets, windowSeconds, now);
    return this.result.ok ? null : tooManyRequests(this.result);
  }

  /** Counts a request whose caller is not known (by its address). */
  protected abstract takeAnonymous(): Promise<Response | null>;

  async stamp(res: Response): Promise<Response> {
    if (!this.result) {
      try {
        const limited = await this.takeAnonymous();
        if (limited) return limited;
      } catch (err) {
        console.error(err); // the answer still goes out, without the headers
        return res;
      }
    }
    for (const [k, v] of Object.entries(rateHeaders(this.result!))) res.headers.set(k, v);
    return res;
  }
}

/** The /api/v1 meter: the caller's token or session user, and its address. */
export class RateMeter extends BucketMeter {
  constructor(private req: NextRequest, db: Db = prisma) {
    super(db);
  }

  async take(user: AuthUser | null, via: "bearer" | "session" | null): Promise<Response | null> {
    const cfg = apiRateConfig();
    return this.count(apiBuckets(this.req, user, via, cfg), cfg.windowSeconds);
  }

  protected takeAnonymous() {
    return this.take(null, null);
  }
}

export function tooManyRequests(r: RateResult): Response {
  return Response.json(
    { error: { code: "rate_limited", message: `too many requests; limit ${r.limit} per window, retry in ${r.retryAfterSeconds} s` } },
    { status: 429, headers: { ...rateHeaders(r), "Retry-After": String(r.retryAfterSeconds) } },
  );
}

/** Windows that ended over an hour ago (nightly purge). */
export async function pruneApiRateLimits(db: Db, now = new Date()): Promise<number> {
  return db.$executeRaw(Prisma.sql`DELETE FROM api_rate_limits WHERE window_start < ${now}::timestamptz - interval '1 hour'`);
}
