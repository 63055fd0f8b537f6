// Every queue the health page shows, in one list: adding a queue (event
// forwarding, scheduled deliveries…) is adding one entry. Each entry's SQL
// returns one row: pending, processing, oldest_wait_s (age of the oldest
// waiting item), finished (in the window) and failed (in the window);
// finished per minute is derived from `finished`.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";

export type QueueCtx = { from: Date; to: Date; now: Date; columns: Set<string> };
export type QueueDef = {
  name: string;
  label: string;
  /** What "oldest waiting" measures for this queue. */
  note?: string;
  /** null when the queue's table is not there yet (said so on the page). */
  sql: (c: QueueCtx) => Prisma.Sql | null;
};

// report_runs.kind ('report' | 'export') arrives with the report runs work;
// until then every run is a report run and the exports queue says so.
const runsOfKind = (kind: "report" | "export", c: QueueCtx): Prisma.Sql | null => {
  if (!c.columns.has("report_runs.kind")) return kind === "report" ? Prisma.sql`TRUE` : null;
  return Prisma.sql`kind = ${kind}`;
};

const reportRunsSql = (kind: "report" | "export") => (c: QueueCtx) => {
  const filter = runsOfKind(kind, c);
  if (!filter) return null;
  return Prisma.sql`
    SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
           count(*) FILTER (WHERE status IN ('processing', 'running'))::int AS processing,
           extract(epoch FROM ${c.now}::timestamptz - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS oldest_wait_s,
           count(*) FILTER (WHERE status IN ('completed', 'failed') AND completed_at >= ${c.from} AND completed_at < ${c.to})::int AS finished,
           count(*) FILTER (WHERE status = 'failed' AND coalesce(completed_at, started_at, created_at) >= ${c.from} AND coalesce(completed_at, started_at, created_at) < ${c.to})::int AS failed
    FROM report_runs
    WHERE ${filter} AND (status IN ('pending', 'processing', 'running') OR coalesce(completed_at, started_at, created_at) >= ${c.from})`;
};

export const QUEUES: QueueDef[] = [
  { name: "report_runs", label: "Report runs", sql: reportRunsSql("report") },
  { name: "exports", label: "Exports", sql: reportRunsSql("export") },
  {
    name: "jobs",
    label: "Jobs",
    note: "jobs start at once: oldest waiting is the oldest run still running",
    sql: (c) => Prisma.sql`
      SELECT 0 AS pending,
             count(*) FILTER (WHERE status = 'running')::int AS processing,
             extract(epoch FROM ${c.now}::timestamptz - min(started_at) FILTER (WHERE status = 'running'))::float8 AS oldest_wait_s,
             count(*) FILTER (WHERE status IN ('completed', 'failed') AND finished_at >= ${c.from} AND finished_at < ${c.to})::int AS finished,
             count(*) FILTER (WHERE status = 'failed' AND finished_at >= ${c.from} AND finished_at < ${c.to})::int AS failed
      FROM job_runs
      WHERE status = 'running' OR finished_at >= ${c.from}`,
  },
  {
    name: "event_forwarding",
    label: "Event forwarding",
    note: "events queued for Mixpanel/Amplitude; finished and failed count batches",
    sql: (c) => Prisma.sql`
      SELECT (SELECT count(*)::int FROM event_forward_queue) AS pending,
             0 AS processing,
             (SELECT extract(epoch FROM ${c.now}::timestamptz - min(enqueued_at))::float8 FROM event_forward_queue) AS oldest_wait_s,
             (SELECT count(*)::int FROM event_forward_log WHERE status = 'sent' AND created_at >= ${c.from} AND created_at < ${c.to}) AS finished,
             (SELECT count(*)::int FROM event_forward_log WHERE status = 'failed' AND created_at >= ${c.from} AND created_at < ${c.to}) AS failed`,
  },
  {
    name: "scheduled_deliveries",
    label: "Scheduled report deliveries",
    note: "scheduled report runs waiting or running, and emails waiting for a retry",
    sql: (c) => Prisma.sql`
      SELECT ((SELECT count(*)::int FROM report_schedule_slots WHERE status = 'pending')
              + (SELECT count(*)::int FROM report_deliveries WHERE status = 'pending')) AS pending,
             (SELECT count(*)::int FROM report_schedule_slots WHERE status = 'running') AS processing,
             (SELECT extract(epoch FROM ${c.now}::timestamptz - min(scheduled_for))::float8 FROM report_schedule_slots WHERE status = 'pending') AS oldest_wait_s,
             (SELECT count(*)::int FROM report_schedule_slots WHERE status IN ('sent', 'skipped', 'failed') AND finished_at >= ${c.from} AND finished_at < ${c.to}) AS finished,
             (SELECT count(*)::int FROM report_schedule_slots WHERE status = 'failed' AND finished_at >= ${c.from} AND finished_at < ${c.to}) AS failed`,
  },
  {
    name: "webhooks",
    label: "Webhook deliveries",
    note: "deliveries waiting for their first attempt or a retry; finished counts attempts that succeeded or gave up",
    sql: (c) => Prisma.sql`
      SELECT (SELECT count(*)::int FROM webhook_deliveries WHERE status IN ('pending', 'retrying')
               AND (claimed_until IS NULL OR claimed_until <= ${c.now}::timestamptz)) AS pending,
             (SELECT count(*)::int FROM webhook_deliveries WHERE status IN ('pending', 'retrying') AND claimed_until > ${c.now}::timestamptz) AS processing,
             (SELECT extract(epoch FROM ${c.now}::timestamptz - min(next_attempt_at))::float8 FROM webhook_deliveries
               WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ${c.now}::timestamptz) AS oldest_wait_s,
             (SELECT count(*)::int FROM webhook_deliveries WHERE status IN ('succeeded', 'failed') AND last_attempt_at >= ${c.from} AND last_attempt_at < ${c.to}) AS finished,
             (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'failed' AND last_attempt_at >= ${c.from} AND last_attempt_at < ${c.to}) AS failed`,
  },
];

export type QueueStats = {
  name: string; label: string; note: string | null; available: boolean;
  pending: number | null; processing: number | null; oldest_wait_s: number | null; finished: number | null; finished_per_minute: number | null; failed: number | null;
};

export async function tableColumns(db: Db, tables: string[]): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ c: string }[]>(Prisma.sql`
    SELECT table_name || '.' || column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ANY(${tables}::text[])`);
  return new Set(rows.map((r) => r.c));
}

export async function queueStats(db: Db, from: Date, to: Date, now: Date): Promise<QueueStats[]> {
  const columns = await tableColumns(db, ["report_runs"]);
  const ctx = { from, to, now, columns };
  const minutes = (to.getTime() - from.getTime()) / 60_000;
  return Promise.all(
    QUEUES.map(async (q) => {
      const sql = q.sql(ctx);
      const base = { name: q.name, label: q.label, note: q.note ?? null };
      if (!sql) return { ...base, available: false, pending: null, processing: null, oldest_wait_s: null, finished: null, finished_per_minute: null, failed: null };
      const [r] = await db.$queryRaw<{ pending: number; processing: number; oldest_wait_s: number | null; finished: number; failed: number }[]>(sql);
      return {
        ...base, available: true, pending: r.pending, processing: r.processing,
        oldest_wait_s: r.oldest_wait_s == null ? null : Math.max(0, Math.round(r.oldest_wait_s)),
        finished: r.finished, finished_per_minute: Math.round((r.finished / minutes) * 1000) / 1000, failed: r.failed,
      };
    }),
  );
}
