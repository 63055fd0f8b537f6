// "Performance vs level average" (METRICS.md, creator levels): the mean of
// each period metric over the creators currently in a level. Every creator in
// the level counts for tasks and earnings (0 when idle); a rate or rating is
// averaged over the creators who have one (a null has no value to average).
//
// This reads every peer's work in the period — at large scale tens to
// hundreds of thousands of rows, far over a dashboard's budget — while the
// answer is the same for every creator of the level. So results are cached
// per (database, level, time zone, period) and served for up to STALE_MS,
// refreshed in the background once older than FRESH_MS; the response carries
// `as_of`, the instant they were computed for. A request for an earlier
// instant than a cached one (a test's fixed "now") is computed afresh.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Range } from "@/lib/period";
import { within } from "./sql-range";

export type PeerAverages = {
  creators: number;
  completed_tasks: number | null;
  total_earnings: number | null;
  avg_rating: number | null;
  on_time_rate: number | null;
  first_time_approval_rate: number | null;
  /** The instant the averages were computed up to. */
  as_of: string;
};

/**
 * Level averages are shown only for levels with at least this many creators:
 * in a level of two, 2 × average − yours is the other creator's number.
 */
export const MIN_PEERS_FOR_AVERAGE = 5;
export const SMALL_LEVEL_REASON = `Level averages are shown only when at least ${MIN_PEERS_FOR_AVERAGE} creators are at the level, so no one's numbers can be worked out from them.`;

/** The averages to show, or null when the level is too small to show them without revealing a peer. */
export function showablePeerAverages(avg: PeerAverages | null): PeerAverages | null {
  return avg && avg.creators >= MIN_PEERS_FOR_AVERAGE ? avg : null;
}

export const FRESH_MS = 60_000;
export const STALE_MS = 5 * 60_000;

type Row = Omit<PeerAverages, "as_of" | "total_earnings"> & { total_earnings: string | null };

function peerSql(levelId: string, range: Range): Prisma.Sql {
  const done = within(Prisma.sql`a.completed_at`, range);
  const reviewed = within(Prisma.sql`r.completed_at`, range);
  return Prisma.sql`
    WITH peers AS MATERIALIZED (
      SELECT id FROM users WHERE role = 'creator' AND creator_level_id = ${levelId}::uuid),
    work AS (
      SELECT a.creator_id, count(*) AS tasks, sum(a.creator_payout) AS earnings,
        100.0 * count(*) FILTER (WHERE s.submitted_at <= a.due_at) / count(*) AS on_time
      FROM peers p
      JOIN assignments a ON a.creator_id = p.id
      LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
      WHERE a.status = 'approved' AND ${done}
      GROUP BY a.creator_id),
    quality AS (
      SELECT a.creator_id, avg(r.overall_score) AS rating,
        100.0 * count(*) FILTER (WHERE r.decision = 'approved' AND s.version = 1)
          / nullif(count(*) FILTER (WHERE r.decision = 'approved'), 0) AS first_time
      FROM peers p
      JOIN assignments a ON a.creator_id = p.id
      JOIN reviews r ON r.assignment_id = a.id
      JOIN content_submissions s ON s.id = r.submission_id
      WHERE ${reviewed}
      GROUP BY a.creator_id)
    SELECT n.creators::int AS creators,
      round(w.tasks::numeric / nullif(n.creators, 0), 1)::float8 AS completed_tasks,
      round(w.earnings / nullif(n.creators, 0), 2)::text AS total_earnings,
      round(q.rating, 2)::float8 AS avg_rating,
      round(w.on_time, 1)::float8 AS on_time_rate,
      round(q.first_time, 1)::float8 AS first_time_approval_rate
    FROM (SELECT count(*) AS creators FROM peers) n,
      (SELECT coalesce(sum(tasks), 0) AS tasks, coalesce(sum(earnings), 0) AS earnings, avg(on_time) AS on_time FROM work) w,
      (SELECT avg(rating) AS rating, avg(first_time) AS first_time FROM quality) q`;
}

export async function computePeerAverages(db: Db, levelId: string, range: Range): Promise<PeerAverages> {
  const [row] = await db.$queryRaw<Row[]>(peerSql(levelId, range));
  return {
    ...row,
    total_earnings: row.total_earnings == null ? null : Number(row.total_earnings),
    as_of: range.end.toISOString(),
  };
}

type Entry = { asOf: number; value: Promise<PeerAverages>; refreshing: boolean };
const cache = new WeakMap<Db, Map<string, Entry>>();

/** Peer averages for the range, from the cache when recent enough (see the top of this file). */
export async function peerAverages(db: Db, levelId: string, range: Range, cacheKey: string): Promise<PeerAverages> {
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  const key = `${levelId}|${cacheKey}|${range.start.toISOString()}`;
  const now = range.end.getTime();
  const hit = byKey.get(key);
  const age = hit ? now - hit.asOf : -1;
  if (hit && age >= 0 && age < STALE_MS) {
    if (age >= FRESH_MS && !hit.refreshing) {
      hit.refreshing = true;
      const next = computePeerAverages(db, levelId, range);
      next.then(
        () => byKey.set(key, { asOf: now, value: next, refreshing: false }),
        (err) => {
          hit.refreshing = false;
          console.error("peer averages refresh failed", err);
        },
      );
    }
    return hit.value;
  }
  const value = computePeerAverages(db, levelId, range);
  // A newer entry is kept: a request for an earlier instant must not replace it.
  if (!hit || hit.asOf <= now) byKey.set(key, { asOf: now, value, refreshing: false });
  value.catch(() => byKey.get(key)?.value === value && byKey.delete(key));
  return value;
}
