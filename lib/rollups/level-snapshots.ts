// Creator level snapshots: one row per (UTC day, creator level), every level
// every day (creator_count 0 allowed), upserted on UNIQUE(snapshot_date, level_id).
//
// Definitions, for snapshot day D with end E = D+1 00:00 UTC:
//   * a creator's level at D is the to_level_id of their latest
//     creator_level_history row with changed_at < E (ties broken by id);
//     creators without such a row are in no level and not counted;
//   * creator_count   = creators whose level at D is that level;
//   * avg_rating      = mean overall_score of ALL reviews (any decision) on
//                       those creators' assignments with reviews.completed_at < E,
//                       pooled over the reviews (not a mean of per-creator
//                       means), numeric(3,2), null when there are none;
//   * total_completed = those creators' assignments with status 'approved'
//                       and completed_at < E.
//
// How it is computed, set-based for a whole range: each history row is a
// "stint" of its creator in its level, in effect at the end of every day in
// [from_day, to_day) (to_day = UTC day of the creator's next history row;
// stints replaced the same day are never in effect at a day end). A stint adds
// +1 creator on from_day and -1 on to_day; each day of the creator's activity
// (review score sum/count, approved completions) on day d < to_day adds to the
// stint's level on max(d, from_day) and is taken away again on to_day. A
// running sum per level over the days then gives each day's totals; events
// before the range collapse onto its first day. Since only the sum of what
// happened before the range matters, activity before it is bucketed on the
// day before the range (one row per creator), and stints that ended before
// the range (net zero) are skipped.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertDay, dayCount, dayEnd, monthChunks, tsParam, type Day } from "./days";

/** SELECT snapshot_date, level_id, creator_count, avg_rating, total_completed for each day in [from, to] × level. */
export function levelSnapshotsSql(from: Day, to: Day): Prisma.Sql {
  assertDay(from, "from");
  assertDay(to, "to");
  const end = tsParam(dayEnd(to));
  return Prisma.sql`
WITH
  hist AS (
    SELECT creator_id, to_level_id AS level_id,
           (changed_at AT TIME ZONE 'UTC')::date AS from_day,
           (LEAD(changed_at) OVER (PARTITION BY creator_id ORDER BY changed_at, id) AT TIME ZONE 'UTC')::date AS to_day
    FROM creator_level_history
    WHERE changed_at < ${end}::timestamptz),
  stints AS (
    SELECT creator_id, level_id, from_day, to_day FROM hist
    WHERE to_day IS NULL OR (to_day > from_day AND to_day > ${from}::date)),
  activity AS (
    SELECT creator_id, day, SUM(score_sum) AS score_sum, SUM(reviews) AS reviews, SUM(completed) AS completed
    FROM (
      SELECT r.creator_id, GREATEST((r.completed_at AT TIME ZONE 'UTC')::date, ${from}::date - 1) AS day,
             SUM(r.overall_score) AS score_sum, COUNT(*) AS reviews, 0 AS completed
      FROM reviews r
      WHERE r.completed_at < ${end}::timestamptz AND r.creator_id IS NOT NULL
      GROUP BY 1, 2
      UNION ALL
      SELECT creator_id, GREATEST((completed_at AT TIME ZONE 'UTC')::date, ${from}::date - 1), 0, 0, COUNT(*)
      FROM assignments
      WHERE status = 'approved' AND completed_at < ${end}::timestamptz AND creator_id IS NOT NULL
      GROUP BY 1, 2
    ) x
    GROUP BY 1, 2),
  deltas (level_id, day, creators, score_sum, reviews, completed) AS (
    SELECT level_id, from_day, 1, 0, 0, 0 FROM stints
    UNION ALL
    SELECT level_id, to_day, -1, 0, 0, 0 FROM stints WHERE to_day IS NOT NULL
    UNION ALL
    SELECT s.level_id, GREATEST(a.day, s.from_day), 0, a.score_sum, a.reviews, a.completed
    FROM stints s JOIN activity a ON a.creator_id = s.creator_id AND (s.to_day IS NULL OR a.day < s.to_day)
    UNION ALL
    SELECT s.level_id, s.to_day, 0, -a.score_sum, -a.reviews, -a.completed
    FROM stints s JOIN activity a ON a.creator_id = s.creator_id AND s.to_day IS NOT NULL AND a.day < s.to_day),
  per_day AS (
    SELECT level_id, GREATEST(day, ${from}::date) AS day,
           SUM(creators) AS creators, SUM(score_sum) AS score_sum, SUM(reviews) AS reviews, SUM(completed) AS completed
    FROM deltas
    WHERE day <= ${to}::date
    GROUP BY 1, 2),
  grid AS (
    SELECT l.id AS level_id, g::date AS day
    FROM creator_levels l
    CROSS JOIN generate_series(${from}::date, ${to}::date, interval '1 day') AS g),
  running AS (
    SELECT grid.day, grid.level_id,
           SUM(COALESCE(p.creators, 0))  OVER w AS creators,
           SUM(COALESCE(p.score_sum, 0)) OVER w AS score_sum,
           SUM(COALESCE(p.reviews, 0))   OVER w AS reviews,
           SUM(COALESCE(p.completed, 0)) OVER w AS completed
    FROM grid
    LEFT JOIN per_day p ON p.level_id = grid.level_id AND p.day = grid.day
    WINDOW w AS (PARTITION BY grid.level_id ORDER BY grid.day))
SELECT day AS snapshot_date, level_id,
       creators::integer AS creator_count,
       ROUND(score_sum / NULLIF(reviews, 0), 2)::numeric(3,2) AS avg_rating,
       completed::integer AS total_completed
FROM running
ORDER BY day, level_id`;
}

export type SnapshotResult = { from: Day; to: Day; days: number; rows: number; ms: number };

/** Computes and stores creator_level_snapshots for every UTC day in [from, to]. */
export async function snapshotCreatorLevels(
  db: Db,
  from: Day,
  to: Day,
  opts: { chunkMonths?: number; onChunk?: (chunk: { from: Day; to: Day; days: number }) => void } = {},
): Promise<SnapshotResult> {
  assertDay(from, "from");
  assertDay(to, "to");
  const t0 = performance.now();
  // Each statement reads all review and assignment history up to its end,
  // whatever its length, so its cost barely depends on the number of days:
  // chunks are a year rather than a month.
  const chunks = to < from ? [] : monthChunks(from, to, opts.chunkMonths ?? 12);
  let rows = 0;
  for (const chunk of chunks) {
    rows += await db.$executeRaw(Prisma.sql`
      INSERT INTO creator_level_snapshots (snapshot_date, level_id, creator_count, avg_rating, total_completed)
      SELECT snapshot_date, level_id, creator_count, avg_rating, total_completed
      FROM (${levelSnapshotsSql(chunk.from, chunk.to)}) AS s
      ON CONFLICT (snapshot_date, level_id) DO UPDATE SET
        creator_count = EXCLUDED.creator_count,
        avg_rating = EXCLUDED.avg_rating,
        total_completed = EXCLUDED.total_completed,
        created_at = now()`);
    opts.onChunk?.({ ...chunk, days: dayCount(chunk.from, chunk.to) });
  }
  return { from, to, days: dayCount(from, to), rows, ms: Math.round(performance.now() - t0) };
}
