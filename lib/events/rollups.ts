// The event rollups (events_daily, events_daily_actors, events_daily_pages)
// recomputed from analytics_events for a range of UTC days: the backfill after
// a seed, the nightly re-aggregation and its reconciliation (drift recorded in
// metric_drift as events_daily.<event_type>).
//
// Ingestion adds to these tables as it writes, so they are exact unless a
// write bypassed the writer, or an anonymous id was linked afterwards (which
// changes who an old event's actor is). Recomputing takes an EXCLUSIVE lock on
// the three tables first: a batch committing meanwhile waits, and its events,
// invisible to this recomputation, are added on top after it.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { actorHash, actorKey, pagePath, referrerKey } from "./write";

export type Drift = { day: string; event_type: string; stored: number; recomputed: number };

const range = (from: string, to: string) =>
  Prisma.sql`created_at >= (${from}::date)::timestamp AT TIME ZONE 'UTC' AND created_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'UTC')`;

/** Recomputes the rollups of days from…to (inclusive, YYYY-MM-DD); returns the counts that differed. */
export async function rebuildEventRollups(db: Db, from: string, to: string, opts: { jobRunId?: string } = {}): Promise<{ days: number; drift: Drift[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`LOCK TABLE events_daily, events_daily_actors, events_monthly_actors, events_daily_pages IN EXCLUSIVE MODE`);
    const drift = await tx.$queryRaw<Drift[]>(Prisma.sql`
      WITH stored AS (
        SELECT to_char(day, 'YYYY-MM-DD') AS day, event_type, sum(events)::bigint AS n FROM events_daily
        WHERE day BETWEEN ${from}::date AND ${to}::date GROUP BY day, event_type
      ), fresh AS (
        SELECT to_char((created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, event_type, count(*)::bigint AS n
        FROM analytics_events WHERE ${range(from, to)} GROUP BY 1, 2
      )
      SELECT coalesce(s.day, f.day) AS day, coalesce(s.event_type, f.event_type) AS event_type,
             coalesce(s.n, 0)::int AS stored, coalesce(f.n, 0)::int AS recomputed
      FROM stored s FULL JOIN fresh f ON f.day = s.day AND f.event_type = s.event_type
      WHERE coalesce(s.n, 0) <> coalesce(f.n, 0) ORDER BY 1, 2`);
    for (const t of ["events_daily", "events_daily_actors", "events_daily_pages"]) {
      await tx.$executeRawUnsafe(`DELETE FROM ${t} WHERE day BETWEEN $1::date AND $2::date`, from, to);
    }
    const ev = Prisma.raw("e");
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO events_daily (day, event_type, shard, events)
      SELECT (created_at AT TIME ZONE 'UTC')::date, event_type, 0, count(*) FROM analytics_events WHERE ${range(from, to)} GROUP BY 1, 2`);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO events_daily_actors (day, actor)
      SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date, ${actorHash(ev)} FROM analytics_events e
      WHERE ${range(from, to)} AND ${actorKey(ev)} IS NOT NULL`);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO events_daily_pages (day, kind, value, shard, views)
      SELECT (created_at AT TIME ZONE 'UTC')::date, v.kind, v.value, 0, count(*)
      FROM analytics_events e CROSS JOIN LATERAL (VALUES ('page', ${pagePath(Prisma.raw("e.page_url"))}), ('referrer', ${referrerKey(Prisma.raw("e.referrer"))})) v(kind, value)
      WHERE ${range(from, to)} AND e.event_type = 'page_view' AND v.value IS NOT NULL
      GROUP BY 1, 2, 3`);
    // the months touched, whole, from the day table
    await tx.$executeRaw(Prisma.sql`
      DELETE FROM events_monthly_actors WHERE month BETWEEN date_trunc('month', ${from}::date)::date AND date_trunc('month', ${to}::date)::date`);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO events_monthly_actors (month, actor)
      SELECT DISTINCT date_trunc('month', day)::date, actor FROM events_daily_actors
      WHERE day >= date_trunc('month', ${from}::date)::date AND day < (date_trunc('month', ${to}::date) + interval '1 month')::date`);
    if (opts.jobRunId && drift.length) {
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO metric_drift (job_run_id, date, column_name, stored, recomputed)
        SELECT ${opts.jobRunId}::uuid, d.day::date, left('events_daily.' || d.event_type, 50), d.stored::text, d.recomputed::text
        FROM jsonb_to_recordset(${JSON.stringify(drift)}::jsonb) AS d(day text, event_type text, stored int, recomputed int)`);
    }
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    return { days, drift };
  }, { timeout: 600_000, maxWait: 30_000 });
}

/** First and last UTC day with events, or null. */
export async function eventDayRange(db: Db): Promise<{ from: string; to: string } | null> {
  const [r] = await db.$queryRaw<{ from: string | null; to: string | null }[]>(Prisma.sql`
    SELECT to_char((min(created_at) AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS "from",
           to_char((max(created_at) AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS "to" FROM analytics_events`);
  return r.from && r.to ? { from: r.from, to: r.to } : null;
}

/**
 * Fills the rollups when they lack the first day with events (after a seed, or
 * on a database from before them) — not merely when empty, since the
 * simulator's first events may land before this runs.
 */
export async function backfillEventRollupsIfEmpty(db: Db): Promise<{ days: number } | null> {
  const r = await eventDayRange(db);
  if (!r) return null;
  const [{ covered }] = await db.$queryRaw<{ covered: boolean }[]>(Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM events_daily WHERE day = ${r.from}::date) AS covered`);
  if (covered) return null;
  const { days } = await rebuildEventRollups(db, r.from, r.to);
  return { days };
}
