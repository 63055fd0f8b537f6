// Estimated hours worked and hours credited per output type (METRICS.md
// "Work"), for one creator over a range, in one SQL statement.
//
// * Work interval of an assignment: [claimed_at, its first submission
//   (content_submissions.version = 1)), at most 8 hours long.
// * The assignments counted are the ones whose earnings count: approved,
//   completed_at in the range.
// * Range edges: each interval is also clipped to the range [start, end).
//   Work on a task completed in the range that happened before the range
//   started is not counted (its earnings are). The end never cuts anything:
//   a counted task was submitted before it was completed, so before `end`.
//   Clipping keeps "hours worked ≤ hours elapsed in the range" true for any
//   range, a single day included; over 90 days the cut is a few hours at
//   most.
// * Hours worked = length of the union of those intervals (time with at least
//   one task open counts once). Hours credited: at an instant when k
//   intervals are open, each gets 1/k; credits add up to hours worked.
//
// The sweep: interval starts (+1) and ends (−1) are sorted; between two
// consecutive boundary points the number of open intervals k is constant, so
// that elementary segment adds (length / k) to each of them. Summing the
// per-segment weights cumulatively, C(t) = Σ length/k over segments before t,
// makes an interval's credit C(end) − C(start): one sort and window
// functions over the events, no interval-overlap join.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Range } from "@/lib/period";
import { col, ts } from "./sql-range";

/** Microseconds per hour: credits travel as integer microseconds so rates can be divided exactly (values.ts ratio). */
export const US_PER_HOUR = 3_600_000_000n;

export type WorkHours = {
  /** length of the union of their work intervals, microseconds */
  union_us: bigint;
  /** hours credited to each output type's assignments (Σ = union_us up to rounding), microseconds */
  by_type: Map<string, bigint>;
};

/**
 * The counted assignments' work intervals, clipped to 8 h and to the range.
 * One range scan of the creator's covering index (creator_id, completed_at)
 * INCLUDE (status, output_type_id, claimed_at, first_submitted_at):
 * assignments.first_submitted_at is the version-1 submission's time, kept by
 * a trigger (migration 20261129200000_first_submission).
 */
function intervalsSql(creatorId: string, r: Range): Prisma.Sql {
  return Prisma.sql`
    SELECT a.output_type_id AS type,
      greatest(a.claimed_at, ${ts(r.start)}) AS s,
      least(a.first_submitted_at, a.claimed_at + interval '8 hours', ${ts(r.end)}) AS e
    FROM assignments a
    WHERE ${col("a.creator_id")} = ${creatorId}::uuid
      AND a.completed_at >= ${ts(r.start)} AND a.completed_at < ${ts(r.end)}
      AND a.status = 'approved' AND a.claimed_at IS NOT NULL AND a.first_submitted_at IS NOT NULL`;
}

export function workHoursSql(creatorId: string, r: Range): Prisma.Sql {
  // Seconds as float8: exact to far below a microsecond here, and much cheaper than numeric in window sums.
  // Events (+1 at a start, −1 at an end) sorted by time once; the GROUPS frames treat events at the same
  // instant as one boundary point. Per event row: k = intervals open after its point, share = its part of
  // the segment to the next point (segment length ÷ events at the point, so a point's rows add up to one
  // segment). c = C(t), summed over earlier points; an interval's credit is C(end) − C(start), so a
  // type's credit is Σ −d·C(t) over its events.
  return Prisma.sql`
    WITH iv AS (
      SELECT * FROM (${intervalsSql(creatorId, r)}) x WHERE e > s),
    ev AS (
      SELECT type, s AS t, 1 AS d FROM iv UNION ALL SELECT type, e, -1 FROM iv),
    w1 AS (
      SELECT type, t, d,
        sum(d) OVER (ORDER BY t RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS k,
        extract(epoch FROM first_value(t) OVER (ORDER BY t GROUPS BETWEEN 1 FOLLOWING AND 1 FOLLOWING) - t)::float8
          / count(*) OVER (ORDER BY t GROUPS BETWEEN CURRENT ROW AND CURRENT ROW) AS share
      FROM ev),
    w2 AS (
      SELECT type, d, k, share,
        coalesce(sum(share / nullif(k, 0)) OVER (ORDER BY t GROUPS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS c
      FROM w1)
    SELECT type::text AS type,
      round(sum(-d * c) * 1e6)::bigint::text AS credit_us,
      round(coalesce(sum(share) FILTER (WHERE k > 0), 0) * 1e6)::bigint::text AS union_us
    FROM w2
    GROUP BY GROUPING SETS ((type), ())`;
}

export async function workHours(db: Db, creatorId: string, r: Range): Promise<WorkHours> {
  const rows = await db.$queryRaw<{ type: string | null; credit_us: string; union_us: string }[]>(workHoursSql(creatorId, r));
  const out: WorkHours = { union_us: 0n, by_type: new Map() };
  for (const row of rows) {
    if (row.type == null) out.union_us = BigInt(row.union_us); // the grand-total row (no type)
    else out.by_type.set(row.type, BigInt(row.credit_us));
  }
  return out;
}
