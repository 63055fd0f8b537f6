// Forwarding stored events to Mixpanel (import API) and Amplitude (batch API),
// by a job — never on the request path.
//
// The queue is the cursor: ingestion writes one event_forward_queue row per
// provider in the same statement as the event, and a batch's rows are deleted
// in the same transaction that records the provider's 2xx. A row is locked
// (FOR UPDATE SKIP LOCKED) while its batch is in flight, so two runners never
// send it together, and a crash before the commit leaves it queued. So no
// event is skipped (a sequence-number cursor would skip a batch that commits
// after a later one), and the only resend is of a batch the provider accepted
// just before a crash — which its de-duplication drops, since our event_id is
// sent as Mixpanel's $insert_id and Amplitude's insert_id.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { clockNow } from "@/lib/clock";
import { forwardingProviders, type Env, type Provider } from "./providers";

export const PROVIDER_LIMITS: Record<Provider, { events: number; bytes: number }> = {
  mixpanel: { events: 2000, bytes: 10 * 1024 * 1024 },
  amplitude: { events: 2000, bytes: 10 * 1024 * 1024 },
};

type QueuedEvent = {
  seq: bigint; event_id: string; event_type: string | null; event_data: Record<string, unknown> | null; created_at: Date;
  user_id: string | null; anonymous_id: string | null; session_id: string | null; page_url: string | null; referrer: string | null; ip_address: string | null;
};

export type ProviderConfig = { provider: Provider; url: string; headers: Record<string, string>; body: (events: QueuedEvent[]) => string };

/** Each configured provider's endpoint and request format (base URLs overridable, e.g. a local receiver in tests). */
export function providerConfig(provider: Provider, env: Env = process.env): ProviderConfig {
  if (provider === "mixpanel") {
    const token = env.MIXPANEL_TOKEN!;
    const secret = env.MIXPANEL_API_SECRET ?? token;
    return {
      provider,
      url: `${(env.MIXPANEL_API_URL ?? "https://api.mixpanel.com").replace(/\/$/, "")}/import?strict=1`,
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}` },
      body: (events) => JSON.stringify(events.map((e) => ({
        event: e.event_type,
        properties: {
          ...(e.event_data ?? {}),
          token,
          time: e.created_at.getTime(),
          distinct_id: e.user_id ?? (e.anonymous_id ? `$device:${e.anonymous_id}` : (e.session_id ?? e.event_id)),
          $insert_id: e.event_id,
          ...(e.anonymous_id ? { $device_id: e.anonymous_id } : {}),
          ...(e.user_id ? { $user_id: e.user_id } : {}),
          ...(e.page_url ? { $current_url: e.page_url } : {}),
          ...(e.referrer ? { $referrer: e.referrer } : {}),
          ...(e.ip_address ? { ip: e.ip_address } : {}),
        },
      }))),
    };
  }
  return {
    provider,
    url: `${(env.AMPLITUDE_API_URL ?? "https://api2.amplitude.com").replace(/\/$/, "")}/batch`,
    headers: { "content-type": "application/json" },
    body: (events) => JSON.stringify({
      api_key: env.AMPLITUDE_API_KEY,
      events: events.map((e) => ({
        event_type: e.event_type,
        ...(e.user_id ? { user_id: e.user_id } : {}),
        device_id: e.anonymous_id ?? e.session_id ?? e.event_id,
        time: e.created_at.getTime(),
        insert_id: e.event_id,
        event_properties: { ...(e.event_data ?? {}), ...(e.page_url ? { page_url: e.page_url } : {}), ...(e.referrer ? { referrer: e.referrer } : {}) },
        ...(e.ip_address ? { ip: e.ip_address } : {}),
      })),
    }),
  };
}

/** Wait after the n-th consecutive failure: 5 s, 10 s, 20 s … at most 10 minutes (or the provider's Retry-After when longer). */
export function backoffMs(failures: number, retryAfterSeconds?: number | null, baseMs = 5_000): number {
  const b = Math.min(baseMs * 2 ** Math.max(0, failures - 1), 600_000);
  return Math.max(b, (retryAfterSeconds ?? 0) * 1000);
}

export type ProviderRun = { provider: Provider; batches: number; sent: number; status: "idle" | "sent" | "backing_off" | "retrying" | "failed"; error?: string };

/** Sends queued events of each configured provider, batch by batch, until the queue is empty, a send fails, or maxBatches. */
export type ForwardOptions = {
  now?: Date;
  maxBatches?: number;
  env?: Env;
  timeoutMs?: number;
  /** First backoff (doubles per consecutive failure). */
  baseBackoffMs?: number;
  /** A backoff up to this long is waited out within the run (else the next run retries). */
  maxWaitInRunMs?: number;
};

export async function forwardEvents(db: Db, opts: ForwardOptions = {}): Promise<ProviderRun[]> {
  const env = opts.env ?? process.env;
  const out: ProviderRun[] = [];
  for (const provider of forwardingProviders(env)) out.push(await forwardProvider(db, providerConfig(provider, env), opts));
  return out;
}

async function forwardProvider(db: Db, cfg: ProviderConfig, opts: ForwardOptions): Promise<ProviderRun> {
  const run: ProviderRun = { provider: cfg.provider, batches: 0, sent: 0, status: "idle" };
  const limits = PROVIDER_LIMITS[cfg.provider];
  const [state] = await db.$queryRaw<{ failures: number; next_attempt_at: Date | null }[]>(Prisma.sql`
    SELECT failures, next_attempt_at FROM event_forward_state WHERE provider = ${cfg.provider}`);
  const now = () => opts.now ?? clockNow();
  if (state?.next_attempt_at && state.next_attempt_at > now()) return { ...run, status: "backing_off" };
  const maxWait = opts.maxWaitInRunMs ?? 30_000;
  let failures = state?.failures ?? 0;
  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    const result = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<QueuedEvent[]>(Prisma.sql`
        SELECT q.seq, q.event_id::text, e.event_type, e.event_data, q.created_at, e.user_id::text, e.anonymous_id, e.session_id,
               e.page_url, e.referrer, host(e.ip_address) AS ip_address, (e.id IS NULL) AS gone
        FROM event_forward_queue q
        LEFT JOIN analytics_events e ON e.id = q.event_id AND e.created_at = q.created_at
        WHERE q.provider = ${cfg.provider}
        ORDER BY q.seq LIMIT ${limits.events}
        FOR UPDATE OF q SKIP LOCKED`);
      if (rows.length === 0) return { done: true as const };
      // events dropped by retention before they could be sent: nothing to send
      const gone = rows.filter((r) => (r as unknown as { gone: boolean }).gone).map((r) => r.seq);
      if (gone.length) await tx.$executeRaw(Prisma.sql`DELETE FROM event_forward_queue WHERE seq = ANY(${gone}::bigint[])`);
      let batch = rows.filter((r) => !(r as unknown as { gone: boolean }).gone);
      let body = cfg.body(batch);
      while (Buffer.byteLength(body) > limits.bytes && batch.length > 1) {
        batch = batch.slice(0, Math.floor(batch.length / 2));
        body = cfg.body(batch);
      }
      if (batch.length === 0) return { done: false as const, sent: 0 };
      const seqs = batch.map((r) => r.seq);
      const log = (status: string, attempt: number, http: number | null, error: string | null) => tx.$executeRaw(Prisma.sql`
        INSERT INTO event_forward_log (provider, status, events, bytes, first_seq, last_seq, attempt, http_status, error)
        VALUES (${cfg.provider}, ${status}, ${batch.length}, ${Buffer.byteLength(body)}, ${seqs[0]}, ${seqs[seqs.length - 1]}, ${attempt}, ${http}, ${error})`);
      let status: number | null = null;
      let error: string | null = null;
      let retryAfter: number | null = null;
      try {
        const res = await fetch(cfg.url, { method: "POST", headers: cfg.headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
        status = res.status;
        const text = await res.text().catch(() => "");
        if (!res.ok) error = `HTTP ${res.status}: ${text.slice(0, 500)}`;
        retryAfter = Number(res.headers.get("retry-after")) || null;
      } catch (err) {
        error = String(err instanceof Error ? err.message : err).slice(0, 500);
      }
      if (status !== null && status >= 200 && status < 300) {
        await tx.$executeRaw(Prisma.sql`DELETE FROM event_forward_queue WHERE seq = ANY(${seqs}::bigint[])`);
        await log("sent", failures + 1, status, null);
        await setState(tx as unknown as Db, cfg.provider, 0, null, null);
        return { done: false as const, sent: batch.length };
      }
      const retryable = status === null || status === 429 || status >= 500;
      if (retryable) {
        failures++;
        await log("retrying", failures, status, error);
        const wait = backoffMs(failures, retryAfter, opts.baseBackoffMs);
        await setState(tx as unknown as Db, cfg.provider, failures, new Date(now().getTime() + wait), error);
        return { done: true as const, retrying: error ?? "failed", wait };
      }
      // refused for good (bad request, bad credentials): recorded with its seq range, not retried forever
      await tx.$executeRaw(Prisma.sql`DELETE FROM event_forward_queue WHERE seq = ANY(${seqs}::bigint[])`);
      await log("failed", failures + 1, status, error);
      await setState(tx as unknown as Db, cfg.provider, 0, null, error);
      return { done: false as const, sent: 0, failed: error ?? "failed" };
    }, { timeout: (opts.timeoutMs ?? 30_000) + 30_000, maxWait: 30_000 });
    if ("retrying" in result) {
      // a short backoff is waited out here; a long one is left to a later run (event_forward_state.next_attempt_at)
      if ((result.wait ?? 0) > maxWait || opts.now) return { ...run, status: "retrying", error: result.retrying };
      await new Promise((r) => setTimeout(r, result.wait ?? 0));
      continue;
    }
    if (result.done) break;
    run.batches++;
    run.sent += result.sent;
    run.status = "failed" in result ? "failed" : "sent";
    if ("failed" in result) run.error = result.failed;
  }
  return run;
}

async function setState(db: Db, provider: Provider, failures: number, next: Date | null, error: string | null) {
  await db.$executeRaw(Prisma.sql`
    INSERT INTO event_forward_state (provider, failures, next_attempt_at, last_error, updated_at)
    VALUES (${provider}, ${failures}, ${next}::timestamptz, ${error}, now())
    ON CONFLICT (provider) DO UPDATE SET failures = excluded.failures, next_attempt_at = excluded.next_attempt_at,
      last_error = coalesce(excluded.last_error, event_forward_state.last_error), updated_at = now()`);
}

export type ForwardingHealth = {
  provider: Provider;
  configured: boolean;
  backlog: number;
  oldest_unsent_at: string | null;
  consecutive_failures: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_sent_at: string | null;
  failed_batches_24h: number;
  retrying_batches_24h: number;
};

/** The forwarding queue per provider, for the health dashboard: backlog, oldest unsent event, failures. */
export async function forwardingHealth(db: Db, now = clockNow(), env: Env = process.env): Promise<ForwardingHealth[]> {
  const configured = new Set(forwardingProviders(env));
  const rows = await db.$queryRaw<{
    provider: Provider; backlog: number; oldest: Date | null; failures: number | null; next_attempt_at: Date | null; last_error: string | null;
    last_sent: Date | null; failed: number; retrying: number;
  }[]>(Prisma.sql`
    SELECT p.provider,
      (SELECT count(*)::int FROM event_forward_queue q WHERE q.provider = p.provider) AS backlog,
      (SELECT enqueued_at FROM event_forward_queue q WHERE q.provider = p.provider ORDER BY seq LIMIT 1) AS oldest,
      s.failures, s.next_attempt_at, s.last_error,
      (SELECT max(created_at) FROM event_forward_log l WHERE l.provider = p.provider AND l.status = 'sent') AS last_sent,
      (SELECT count(*)::int FROM event_forward_log l WHERE l.provider = p.provider AND l.status = 'failed' AND l.created_at > ${now}::timestamptz - interval '24 hours') AS failed,
      (SELECT count(*)::int FROM event_forward_log l WHERE l.provider = p.provider AND l.status = 'retrying' AND l.created_at > ${now}::timestamptz - interval '24 hours') AS retrying
    FROM (VALUES ('mixpanel'), ('amplitude')) p(provider)
    LEFT JOIN event_forward_state s ON s.provider = p.provider`);
  return rows.map((r) => ({
    provider: r.provider,
    configured: configured.has(r.provider),
    backlog: r.backlog,
    oldest_unsent_at: r.oldest?.toISOString() ?? null,
    consecutive_failures: r.failures ?? 0,
    next_attempt_at: r.next_attempt_at?.toISOString() ?? null,
    last_error: r.last_error,
    last_sent_at: r.last_sent?.toISOString() ?? null,
    failed_batches_24h: r.failed,
    retrying_batches_24h: r.retrying,
  }));
}
