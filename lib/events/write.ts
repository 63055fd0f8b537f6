// Stores events: one SQL statement (so one transaction) that claims each
// event_id in event_ids, inserts the new events into their month partitions,
// adds them to the day × type rollups and queues them for forwarding. The
// caller answers only after it returns, i.e. after the commit.
//
// De-duplication: event_ids has the event_id as its primary key, so a retried
// event conflicts there whatever month its time falls in (the events table's
// own key is (id, created_at) and cannot be unique on the id alone). A
// concurrent retry waits on the first insert's key and then does nothing.
// The ids are inserted in sorted order so two overlapping batches take their
// keys in the same order and cannot deadlock.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { forwardingProviders } from "./providers";

export type StoredEvent = {
  id: string;
  eventType: string;
  data: Record<string, unknown>;
  createdAt: Date;
  userId: string | null;
  anonymousId: string | null;
  sessionId: string | null;
  pageUrl: string | null;
  referrer: string | null;
  userAgent: string | null;
  ip: string | null;
};

/** The app's Prisma client, or a node-postgres client (the simulator's transaction). */
export type EventSink = Db | { query: (text: string, values: unknown[]) => Promise<{ rows: any[] }> };

const cut = (s: string | null, n: number) => (s == null ? null : s.slice(0, n));

/** Stores the events not stored before; returns how many were new (the rest are duplicates). */
export async function writeEvents(db: EventSink, events: StoredEvent[], providers = forwardingProviders()): Promise<{ inserted: number }> {
  if (events.length === 0) return { inserted: 0 };
  // one row per id (a batch repeating an id stores it once)
  const unique = [...new Map(events.map((e) => [e.id, e])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const col = <T>(f: (e: StoredEvent) => T) => unique.map(f);
  const sql = Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(
        ${col((e) => e.id)}::uuid[], ${col((e) => e.userId)}::uuid[], ${col((e) => cut(e.sessionId, 100))}::text[],
        ${col((e) => e.eventType)}::text[], ${col((e) => JSON.stringify(e.data))}::jsonb[],
        ${col((e) => cut(e.pageUrl, 500))}::text[], ${col((e) => cut(e.referrer, 500))}::text[],
        ${col((e) => e.userAgent)}::text[], ${col((e) => e.ip)}::inet[],
        ${col((e) => e.createdAt.toISOString())}::timestamptz[], ${col((e) => cut(e.anonymousId, 100))}::text[]
      ) AS t(id, user_id, session_id, event_type, event_data, page_url, referrer, user_agent, ip_address, created_at, anonymous_id)
    ), fresh AS (
      INSERT INTO event_ids (event_id, created_at)
      SELECT id, created_at FROM input ORDER BY id
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
    ), ev AS (
      INSERT INTO analytics_events (id, user_id, session_id, event_type, event_data, page_url, referrer, user_agent, ip_address, created_at, anonymous_id)
      SELECT i.id, coalesce(i.user_id, ei.user_id), i.session_id, i.event_type, i.event_data, i.page_url, i.referrer,
             i.user_agent, i.ip_address, i.created_at, i.anonymous_id
      FROM input i JOIN fresh f ON f.event_id = i.id
      LEFT JOIN event_identities ei ON ei.anonymous_id = i.anonymous_id
      RETURNING id, user_id, session_id, event_type, page_url, referrer, created_at, anonymous_id,
                (created_at AT TIME ZONE 'UTC')::date AS day
    ), daily AS (
      INSERT INTO events_daily (day, event_type, shard, events)
      SELECT day, event_type, (pg_backend_pid() % 16)::smallint, count(*) FROM ev GROUP BY day, event_type ORDER BY day, event_type
      ON CONFLICT (day, event_type, shard) DO UPDATE SET events = events_daily.events + excluded.events
    ), actors AS (
      INSERT INTO events_daily_actors (day, actor)
      SELECT DISTINCT day, ${actorHash(Prisma.raw("ev"))} FROM ev WHERE ${actorKey(Prisma.raw("ev"))} IS NOT NULL ORDER BY 1, 2
      ON CONFLICT DO NOTHING
    ), monthly AS (
      INSERT INTO events_monthly_actors (month, actor)
      SELECT DISTINCT date_trunc('month', day)::date, ${actorHash(Prisma.raw("ev"))} FROM ev WHERE ${actorKey(Prisma.raw("ev"))} IS NOT NULL ORDER BY 1, 2
      ON CONFLICT DO NOTHING
    ), pages AS (
      INSERT INTO events_daily_pages (day, kind, value, shard, views)
      SELECT day, kind, value, (pg_backend_pid() % 16)::smallint, count(*)
      FROM ev CROSS JOIN LATERAL (VALUES ('page', ${pagePath(Prisma.raw("ev.page_url"))}), ('referrer', ${referrerKey(Prisma.raw("ev.referrer"))})) v(kind, value)
      WHERE ev.event_type = 'page_view' AND value IS NOT NULL
      GROUP BY day, kind, value ORDER BY day, kind, value
      ON CONFLICT (day, kind, value, shard) DO UPDATE SET views = events_daily_pages.views + excluded.views
    ), queued AS (
      INSERT INTO event_forward_queue (provider, event_id, created_at)
      SELECT p, ev.id, ev.created_at FROM ev CROSS JOIN unnest(${providers}::text[]) p
    )
    SELECT count(*)::int AS inserted FROM ev`;
  // A deadlock between two writers is retried (the statement is all or nothing).
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = "$queryRaw" in db ? await db.$queryRaw<{ inserted: number }[]>(sql) : (await db.query(sql.text, sql.values)).rows;
      return { inserted: row.inserted };
    } catch (err) {
      // (inside a caller's transaction a retry is impossible: the error goes up)
      if (attempt < 3 && "$queryRaw" in db && /deadlock detected|40P01/.test(String(err))) continue;
      throw err;
    }
  }
}

/** Who did it, for unique users (METRICS.md "Events"): the user, else the anonymous id, else the session. */
export function actorKey(t: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce(${t}.user_id::text, 'a:' || ${t}.anonymous_id, 's:' || ${t}.session_id)`;
}
export function actorHash(t: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`hashtextextended(${actorKey(t)}, 0)`;
}
/** A page's path: no origin, query or fragment ("https://x/a?b#c" → "/a"). */
export function pagePath(url: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`nullif(left(split_part(split_part(regexp_replace(${url}, '^[a-z][a-z0-9+.-]*://[^/]*', '', 'i'), '?', 1), '#', 1), 500), '')`;
}
/** A referrer without its query or fragment. */
export function referrerKey(url: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`nullif(left(split_part(split_part(${url}, '?', 1), '#', 1), 500), '')`;
}
