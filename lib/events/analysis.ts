// The events page (/admin/events) and its API: counts by type over time,
// unique users, top pages and referrers (from the day rollups), funnels (from
// the partitions of the period only) and the live tail. METRICS.md "Events".
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { clockNow } from "@/lib/clock";
import { periodRanges, type Granularity, type Period } from "@/lib/period";
import { actorHash, actorKey } from "./write";

const day = (d: Date) => d.toISOString().slice(0, 10);
const TRUNC: Record<Granularity, string> = { hour: "hour", day: "day", week: "week", month: "month" };

export type EventCounts = {
  period: { name: Period; start: string; end: string; granularity: Granularity; time_zone: "UTC" };
  data_as_of: string;
  total: number;
  unique_users: number;
  by_type: { event_type: string; events: number }[];
  series: { bucket: string; event_type: string; events: number }[];
  top_pages: { page: string; views: number }[];
  top_referrers: { referrer: string; views: number }[];
};

/** Events of each type in the period (UTC), by bucket; distinct actors; top pages and referrers of the page views. */
export async function eventCounts(db: Db, opts: { period: Period; now?: Date }): Promise<EventCounts> {
  const now = opts.now ?? clockNow();
  const r = periodRanges(opts.period, "UTC", now);
  const from = day(r.current.start);
  const to = day(new Date(r.current.end.getTime() - 1));
  const days = Prisma.sql`day BETWEEN ${from}::date AND ${to}::date`;
  // a day's buckets are hours: only the base table has them (one day, one partition)
  const series = r.granularity === "hour"
    ? await db.$queryRaw<{ bucket: string; event_type: string; events: number }[]>(Prisma.sql`
        SELECT to_char(date_trunc('hour', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00"Z"') AS bucket, event_type, count(*)::int AS events
        FROM analytics_events WHERE created_at >= ${r.current.start}::timestamptz AND created_at < ${r.current.end}::timestamptz
        GROUP BY 1, 2 ORDER BY 1, 2`)
    : await db.$queryRaw<{ bucket: string; event_type: string; events: number }[]>(Prisma.sql`
        SELECT to_char(date_trunc(${TRUNC[r.granularity]}, day), 'YYYY-MM-DD') AS bucket, event_type, sum(events)::int AS events
        FROM events_daily WHERE ${days} GROUP BY 1, 2 ORDER BY 1, 2`);
  const byType = new Map<string, number>();
  for (const s of series) byType.set(s.event_type, (byType.get(s.event_type) ?? 0) + s.events);
  const [[users], pages, referrers] = await Promise.all([
    uniqueActors(db, from, to),
    topValues(db, "page", days),
    topValues(db, "referrer", days),
  ]);
  const by_type = [...byType].map(([event_type, events]) => ({ event_type, events })).sort((a, b) => b.events - a.events || a.event_type.localeCompare(b.event_type));
  return {
    period: { name: opts.period, start: r.current.start.toISOString(), end: r.current.end.toISOString(), granularity: r.granularity, time_zone: "UTC" },
    data_as_of: now.toISOString(),
    total: by_type.reduce((a, b) => a + b.events, 0),
    unique_users: users.n,
    by_type,
    series,
    top_pages: pages.map((p) => ({ page: p.value, views: p.views })),
    top_referrers: referrers.map((p) => ({ referrer: p.value, views: p.views })),
  };
}

/**
 * Distinct actors over from…to (UTC days): the whole months inside the range
 * from events_monthly_actors, the days around them from events_daily_actors.
 */
function uniqueActors(db: Db, from: string, to: string) {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  const iso = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
  const m0 = fd === 1 ? iso(fy, fm) : iso(fy, fm + 1); // first whole month
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const m1 = td === lastDay ? iso(ty, tm + 1) : iso(ty, tm); // after the last whole month
  const parts: Prisma.Sql[] = [];
  if (m0 < m1) {
    parts.push(Prisma.sql`SELECT actor FROM events_monthly_actors WHERE month >= ${m0}::date AND month < ${m1}::date`);
    if (from < m0) parts.push(Prisma.sql`SELECT actor FROM events_daily_actors WHERE day >= ${from}::date AND day < ${m0}::date`);
    if (m1 <= to) parts.push(Prisma.sql`SELECT actor FROM events_daily_actors WHERE day >= ${m1}::date AND day <= ${to}::date`);
  } else {
    parts.push(Prisma.sql`SELECT actor FROM events_daily_actors WHERE day BETWEEN ${from}::date AND ${to}::date`);
  }
  // GROUP BY (a hash aggregate) rather than count(DISTINCT), which sorts
  return db.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM (SELECT actor FROM (${Prisma.join(parts, " UNION ALL ")}) a GROUP BY actor) u`);
}

function topValues(db: Db, kind: string, days: Prisma.Sql) {
  return db.$queryRaw<{ value: string; views: number }[]>(Prisma.sql`
    SELECT value, sum(views)::int AS views FROM events_daily_pages WHERE ${days} AND kind = ${kind}
    GROUP BY value ORDER BY 2 DESC, 1 LIMIT 10`);
}

export type FunnelStep = {
  event_type: string;
  /** Actors who reached this step. */
  actors: number;
  /** Share of step 1's actors, in percent (null when step 1 has none). */
  conversion: number | null;
  /** Share of the previous step's actors, in percent. */
  step_conversion: number | null;
  /** Median seconds from the previous step (null for step 1 or when nobody reached it). */
  median_seconds_from_previous: number | null;
};
export type Funnel = { period: { name: Period; start: string; end: string }; window_days: number; steps: FunnelStep[] };

/**
 * METRICS.md "funnel conversion": the actors (user, else anonymous id, else
 * session) with step 1 in the period, from their first step-1 event; each
 * later step is their first event of that type at or after the previous step
 * and within window_days of step 1. Only the partitions from the period's
 * start to its end + the window are read, index-only (the type index carries
 * the actor's columns); actors are compared by their 64-bit hash.
 */
export async function eventFunnel(db: Db, opts: { period: Period; steps: string[]; windowDays: number; now?: Date }): Promise<Funnel> {
  const now = opts.now ?? clockNow();
  const r = periodRanges(opts.period, "UTC", now);
  const start = r.current.start;
  const end = r.current.end;
  const windowEnd = new Date(end.getTime() + opts.windowDays * 86_400_000);
  const e = Prisma.raw("e");
  const window = Prisma.sql`make_interval(days => ${opts.windowDays}::int)`;
  const ctes: Prisma.Sql[] = [Prisma.sql`
    f1 AS (
      SELECT ${actorHash(e)} AS actor, min(created_at) AS t1, min(created_at) AS t
      FROM analytics_events e
      WHERE e.event_type = ${opts.steps[0]} AND e.created_at >= ${start}::timestamptz AND e.created_at < ${end}::timestamptz
        AND ${actorKey(e)} IS NOT NULL
      GROUP BY 1)`];
  for (let k = 2; k <= opts.steps.length; k++) {
    const prev = Prisma.raw(`f${k - 1}`);
    ctes.push(Prisma.sql`
      s${Prisma.raw(String(k))} AS (
        SELECT ${actorHash(e)} AS actor, e.created_at
        FROM analytics_events e
        WHERE e.event_type = ${opts.steps[k - 1]} AND e.created_at >= ${start}::timestamptz AND e.created_at < ${windowEnd}::timestamptz),
      f${Prisma.raw(String(k))} AS (
        SELECT p.actor, p.t1, min(s.created_at) AS t, extract(epoch FROM min(s.created_at) - p.t)::float8 AS gap
        FROM ${prev} p JOIN s${Prisma.raw(String(k))} s ON s.actor = p.actor AND s.created_at >= p.t AND s.created_at <= p.t1 + ${window}
        GROUP BY p.actor, p.t1, p.t)`);
  }
  const selects = opts.steps.map((_, i) => {
    const f = Prisma.raw(`f${i + 1}`);
    return i === 0
      ? Prisma.sql`SELECT 1 AS k, count(*)::int AS actors, NULL::float8 AS median FROM ${f}`
      : Prisma.sql`SELECT ${i + 1}::int AS k, count(*)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) FROM ${f}`;
  });
  const rows = await db.$queryRaw<{ k: number; actors: number; median: number | null }[]>(Prisma.sql`
    WITH ${Prisma.join(ctes, ",")}
    ${Prisma.join(selects, " UNION ALL ")} ORDER BY 1`);
  const first = rows[0]?.actors ?? 0;
  const steps: FunnelStep[] = rows.map((row, i) => {
    const prev = i === 0 ? null : rows[i - 1].actors;
    return {
      event_type: opts.steps[i],
      actors: row.actors,
      conversion: first === 0 ? null : round1((row.actors / first) * 100),
      step_conversion: i === 0 ? null : prev ? round1((row.actors / prev) * 100) : null,
      median_seconds_from_previous: i === 0 || row.median == null ? null : Math.round(row.median),
    };
  });
  return { period: { name: opts.period, start: start.toISOString(), end: end.toISOString() }, window_days: opts.windowDays, steps };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export type TailEvent = {
  id: string; event_type: string; created_at: string; user_id: string | null; anonymous_id: string | null;
  session_id: string | null; page_url: string | null; properties: Record<string, unknown> | null;
};

/** The newest events (by corrected time), newest first; reads the newest partition's index only. */
export async function eventTail(db: Db, opts: { limit: number; type?: string; now?: Date }): Promise<{ events: TailEvent[]; as_of: string }> {
  const now = opts.now ?? clockNow();
  const rows = await db.$queryRaw<(Omit<TailEvent, "created_at"> & { created_at: Date })[]>(Prisma.sql`
    SELECT id::text, event_type, created_at, user_id::text, anonymous_id, session_id, page_url, event_data AS properties
    FROM analytics_events
    WHERE created_at <= ${now}::timestamptz + interval '1 day' ${opts.type ? Prisma.sql`AND event_type = ${opts.type}` : Prisma.empty}
    ORDER BY created_at DESC, id DESC LIMIT ${opts.limit}`);
  return { events: rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() })), as_of: now.toISOString() };
}
