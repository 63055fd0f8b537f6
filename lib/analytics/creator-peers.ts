// "Performance vs level average" (METRICS.md, creator levels): the mean of
// each period metric over the creators currently in a level. Every creator in
// the level counts for tasks and earnings (0 when idle); a rate or rating is
// averaged over the creators who have one (a null has no value to average).
//
// Read from the rollups (creator_running_totals and creator_slot_stats,
// lib/rollups/creator-stats.ts: a few index probes per peer, however long the
// period) for the rolled-up days of the period and from the base tables after them
// (today, and days not rolled up yet), on every request: nothing is kept in
// memory, so every app instance answers the same. The period starts at a local
// midnight, which is a slot edge in every zone; `as_of` is the period's end.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Range } from "@/lib/period";
import { REVIEW_VERSION, rolledUpUntil } from "@/lib/rollups/creator-stats";
import { ts } from "./sql-range";

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

type Row = Omit<PeerAverages, "as_of" | "total_earnings"> & { total_earnings: string | null };

const SUMS = ["tasks", "earnings", "on_time", "reviews", "score_sum", "approved", "first_approved"];

/**
 * Each peer's sums over [start, end) where end ≤ t0 (rolled-up days only):
 * their running totals before end minus those before start
 * (creator_running_totals: the last row before the edge's UTC day, plus the
 * edge day's slots before the edge when it is not a UTC midnight).
 */
function closedSql(start: Date, end: Date): Prisma.Sql {
  const before = (x: Date, sign: string) => {
    const day = x.toISOString().slice(0, 10);
    const cols = Prisma.raw(SUMS.map((c) => `${sign}b.${c}`).join(", "));
    const slotCols = Prisma.raw(SUMS.map((c) => `${sign}c.${c}`).join(", "));
    return Prisma.sql`
      SELECT p.id AS creator_id, ${cols}
      FROM peers p CROSS JOIN LATERAL (
        SELECT * FROM creator_running_totals r WHERE r.creator_id = p.id AND r."date" < ${day}::date
        ORDER BY r."date" DESC LIMIT 1) b
      UNION ALL
      SELECT c.creator_id, ${slotCols}
      FROM creator_slot_stats c JOIN peers p ON p.id = c.creator_id
      WHERE c.slot >= ${ts(new Date(`${day}T00:00:00Z`))} AND c.slot < ${ts(x)}`;
  };
  return Prisma.sql`${before(end, "")} UNION ALL ${before(start, "-")}`;
}

export function peerSql(levelId: string, range: Range, t0: Date): Prisma.Sql {
  const liveFrom = t0 > range.start ? t0 : range.start;
  const closedEnd = t0 < range.end ? t0 : range.end;
  const live = (at: Prisma.Sql) => Prisma.sql`${at} >= ${ts(liveFrom)} AND ${at} < ${ts(range.end)}`;
  return Prisma.sql`
    WITH peers AS MATERIALIZED (
      SELECT id FROM users WHERE role = 'creator' AND creator_level_id = ${levelId}::uuid),
    facts (creator_id, tasks, earnings, on_time, reviews, score_sum, approved, first_approved) AS (
      ${closedEnd > range.start ? closedSql(range.start, closedEnd) : Prisma.sql`SELECT NULL::uuid, 0, 0, 0, 0, 0, 0, 0 WHERE FALSE`}
      UNION ALL
      SELECT a.creator_id, 1, a.creator_payout, (COALESCE(a.first_submitted_at <= a.due_at, FALSE))::int, 0, 0, 0, 0
      FROM assignments a
      JOIN peers p ON p.id = a.creator_id
      WHERE a.status = 'approved' AND ${live(Prisma.sql`a.completed_at`)}
      UNION ALL
      SELECT r.creator_id, 0, 0, 0, 1, r.overall_score, (r.decision = 'approved')::int,
        (r.decision = 'approved' AND ${REVIEW_VERSION} = 1)::int
      FROM reviews r
      JOIN peers p ON p.id = r.creator_id
      WHERE ${live(Prisma.sql`r.completed_at`)}),
    per AS (
      SELECT creator_id, sum(tasks) AS tasks, sum(earnings) AS earnings, sum(on_time) AS on_time,
        sum(reviews) AS reviews, sum(score_sum) AS score_sum, sum(approved) AS approved, sum(first_approved) AS first_approved
      FROM facts GROUP BY creator_id)
    SELECT n.creators::int AS creators,
      round(w.tasks::numeric / nullif(n.creators, 0), 1)::float8 AS completed_tasks,
      round(w.earnings / nullif(n.creators, 0), 2)::text AS total_earnings,
      round(w.rating, 2)::float8 AS avg_rating,
      round(w.on_time, 1)::float8 AS on_time_rate,
      round(w.first_time, 1)::float8 AS first_time_approval_rate
    FROM (SELECT count(*) AS creators FROM peers) n,
      (SELECT coalesce(sum(tasks), 0) AS tasks, coalesce(sum(earnings), 0) AS earnings,
         avg(100.0 * on_time / tasks) FILTER (WHERE tasks > 0) AS on_time,
         avg(score_sum::numeric / reviews) FILTER (WHERE reviews > 0) AS rating,
         avg(100.0 * first_approved / approved) FILTER (WHERE approved > 0) AS first_time
       FROM per) w`;
}

export async function computePeerAverages(db: Db, levelId: string, range: Range): Promise<PeerAverages> {
  const todayStart = new Date(Math.floor(range.end.getTime() / 86_400_000) * 86_400_000);
  const t0 = await rolledUpUntil(db, todayStart);
  const [row] = await db.$queryRaw<Row[]>(peerSql(levelId, range, t0));
  return {
    ...row,
    total_earnings: row.total_earnings == null ? null : Number(row.total_earnings),
    as_of: range.end.toISOString(),
  };
}

/** The level's averages over the range (see the top of this file). */
export const peerAverages = (db: Db, levelId: string, range: Range): Promise<PeerAverages> => computePeerAverages(db, levelId, range);
