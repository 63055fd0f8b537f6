// The deliver-webhooks job: sends the deliveries that are due, signed, and
// records every attempt. Never on a request path.
//
// Claiming: due rows are taken with FOR UPDATE SKIP LOCKED and given a lease
// (claimed_until) in the same statement, so a second job run — on this or
// another instance — neither waits for them nor sends them; the attempt's
// outcome is written only while the lease is ours (attempt_count matches).
// A run that dies mid-send leaves the lease to expire, and the delivery is
// sent again after it (receivers de-duplicate on the event id).
//
// Retries: after the n-th failure in a row the next attempt waits
// BACKOFF_MINUTES[n-1] (1 m, 5 m, 30 m, 2 h, 6 h, 12 h: seven attempts over
// about 21 hours); after the last one the delivery is failed. An endpoint
// with no successful attempt for 24 hours since its first failure is
// disabled — its waiting deliveries failed — and its owner emailed.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { publicUrl } from "@/lib/links/public-url";
import { sendMail } from "@/lib/mail";
import { webhookDisabledEmail } from "@/lib/mail/templates/webhook-disabled";
import { decryptSecret, signatureHeader } from "./secrets";

export const BACKOFF_MINUTES = [1, 5, 30, 120, 360, 720];
export const DISABLE_AFTER_HOURS = 24;
export const TIMEOUT_MS = 10_000;
export const EXCERPT_BYTES = 1024;
/** How long a claimed delivery is ours: far more than one send (TIMEOUT_MS). */
const LEASE_MS = 5 * 60_000;

export type DeliverOptions = {
  /** The job's now (tests drive time with it); the signature's t is always the wall clock. */
  now?: Date;
  /** Most deliveries sent by one run. */
  limit?: number;
  /** Sends at the same time. */
  concurrency?: number;
  timeoutMs?: number;
};

export type DeliverResult = { sent: number; succeeded: number; failed: number; retrying: number; disabled: number };

type Claimed = {
  id: string; endpoint_id: string; event_id: string; event_type: string; payload: unknown; created_at: Date;
  attempt_count: number; failures: number; url: string; secret_encrypted: string;
};

/** The body as sent: {id, type, created_at, data}. */
export function webhookBody(d: { event_id: string; event_type: string; created_at: Date; payload: unknown }): string {
  return JSON.stringify({ id: d.event_id, type: d.event_type, created_at: d.created_at.toISOString(), data: d.payload });
}

export async function deliverWebhooks(db: Db, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const now = opts.now ?? new Date();
  const result: DeliverResult = { sent: 0, succeeded: 0, failed: 0, retrying: 0, disabled: 0 };
  result.disabled += await disableFailingEndpoints(db, now);
  const limit = opts.limit ?? 500;
  const concurrency = opts.concurrency ?? 8;
  while (result.sent < limit) {
    const batch = await claimDue(db, now, Math.min(concurrency, limit - result.sent));
    if (!batch.length) break;
    const outcomes = await Promise.all(batch.map((d) => attempt(db, d, now, opts.timeoutMs ?? TIMEOUT_MS)));
    for (const o of outcomes) {
      result.sent++;
      result[o]++;
    }
  }
  // a failure just recorded may complete an endpoint's 24 hours
  result.disabled += await disableFailingEndpoints(db, now);
  return result;
}

async function claimDue(db: Db, now: Date, n: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>(Prisma.sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= ${now}::timestamptz
        AND (d.claimed_until IS NULL OR d.claimed_until <= ${now}::timestamptz) AND e.enabled
      ORDER BY d.next_attempt_at, d.id
      LIMIT ${n}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d SET attempt_count = d.attempt_count + 1, claimed_until = ${new Date(now.getTime() + LEASE_MS)}::timestamptz
    FROM due, webhook_endpoints e
    WHERE d.id = due.id AND e.id = d.endpoint_id
    RETURNING d.id::text, d.endpoint_id::text, d.event_id::text, d.event_type, d.payload, d.created_at, d.attempt_count, d.failures,
      e.url, e.secret_encrypted`);
}

type Outcome = { ok: boolean; status: number | null; latencyMs: number | null; excerpt: string | null; error: string | null };

/** First EXCERPT_BYTES of the answer, reading no more than that. */
async function excerptOf(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  // cut at 1 KB; a character split there becomes U+FFFD (then dropped); NUL cannot be stored in text
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8").replace(/\uFFFD$/, "").replace(/\u0000/g, "");
}

/** One POST: 2xx is success; anything else (3xx included: redirects are not followed), a timeout or a network error is a failure. */
export async function send(url: string, secret: string, d: { event_id: string; event_type: string; created_at: Date; payload: unknown }, timeoutMs = TIMEOUT_MS): Promise<Outcome> {
  const body = webhookBody(d);
  const t = Math.floor(Date.now() / 1000);
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/json",
        "user-agent": "MarketplaceAnalytics-Webhooks/1",
        "webhook-id": d.event_id,
        "webhook-signature": signatureHeader(secret, body, t),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const excerpt = await excerptOf(res).catch(() => "");
    const latencyMs = Math.round(performance.now() - started);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, latencyMs, excerpt, error: ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const message = e.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: null, latencyMs: Math.round(performance.now() - started), excerpt: null, error: String(message).slice(0, 500) };
  }
}

async function attempt(db: Db, d: Claimed, now: Date, timeoutMs: number): Promise<"succeeded" | "failed" | "retrying"> {
  let out: Outcome;
  try {
    out = await send(d.url, decryptSecret(d.secret_encrypted), d, timeoutMs);
  } catch (err) {
    out = { ok: false, status: null, latencyMs: null, excerpt: null, error: err instanceof Error ? err.message : String(err) };
  }
  const failures = out.ok ? d.failures : d.failures + 1;
  const status = out.ok ? "succeeded" : failures > BACKOFF_MINUTES.length ? "failed" : "retrying";
  const next = status === "retrying" ? new Date(now.getTime() + BACKOFF_MINUTES[failures - 1] * 60_000) : null;
  await db.$transaction(async (tx) => {
    // only while the lease is ours (a newer claim would have raised attempt_count)
    const mine = await tx.$executeRaw(Prisma.sql`
      UPDATE webhook_deliveries SET status = ${status}, failures = ${failures}, next_attempt_at = ${next}::timestamptz,
        claimed_until = NULL, last_attempt_at = ${now}::timestamptz
      WHERE id = ${d.id}::uuid AND attempt_count = ${d.attempt_count}`);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO webhook_delivery_attempts (delivery_id, attempt, at, succeeded, status_code, latency_ms, response_excerpt, error)
      VALUES (${d.id}::uuid, ${d.attempt_count}, ${now}::timestamptz, ${out.ok}, ${out.status}, ${out.latencyMs}, ${out.excerpt}, ${out.error})`);
    if (!mine) return;
    await tx.$executeRaw(out.ok
      ? Prisma.sql`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ${d.endpoint_id}::uuid AND failing_since IS NOT NULL`
      : Prisma.sql`UPDATE webhook_endpoints SET failing_since = ${now}::timestamptz WHERE id = ${d.endpoint_id}::uuid AND failing_since IS NULL`);
  });
  return status;
}

/**
 * Disables every enabled endpoint failing for DISABLE_AFTER_HOURS, fails its
 * waiting deliveries and emails its owner (every admin when the owner is
 * gone). The UPDATE decides: of two runs, one disables and emails.
 */
export async function disableFailingEndpoints(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - DISABLE_AFTER_HOURS * 3_600_000);
  const disabled = await db.$queryRaw<{ id: string; url: string; created_by: string | null; failing_since: Date }[]>(Prisma.sql`
    UPDATE webhook_endpoints
    SET enabled = false, disabled_at = ${now}::timestamptz,
        disabled_reason = 'every delivery failed for ' || ${DISABLE_AFTER_HOURS}::int || ' hours (failing since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC)'
    WHERE enabled AND failing_since <= ${cutoff}::timestamptz
    RETURNING id::text, url, created_by::text, failing_since`);
  for (const e of disabled) {
    await db.$executeRaw(Prisma.sql`
      UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL
      WHERE endpoint_id = ${e.id}::uuid AND status IN ('pending', 'retrying')`);
    const owners = await db.$queryRaw<{ email: string }[]>(Prisma.sql`
      SELECT email::text FROM users WHERE id = ${e.created_by}::uuid AND suspended_at IS NULL
      UNION SELECT email::text FROM users WHERE ${e.created_by}::uuid IS NULL AND role = 'admin' AND suspended_at IS NULL`);
    const mail = await webhookDisabledEmail({
      url: e.url, failingSince: e.failing_since, disabledAt: now, manageUrl: publicUrl(`/admin/webhooks?endpoint=${e.id}`),
    });
    for (const o of owners) {
      await sendMail(db, { to: o.email, ...mail, kind: "webhook_disabled", ref: e.id }).catch((err) => console.error("[webhooks] disable notice:", err));
    }
  }
  return disabled.length;
}
