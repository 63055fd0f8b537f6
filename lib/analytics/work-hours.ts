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
// makes an interval's credit C(end) − C(start): one pass with window
// functions and an equality join, no interval-overlap join.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Range } from "@/lib/period";
import { col, ts } from "./sql-range";

/** Microseconds per hour: credits travel as integer microseconds so rates can be divided exactly (values.ts ratio). */
export const US_PER_HOUR = 3_600_000_000n;

export type WorkHours = {
  /** assignments counted (approved, completed in the range) */
  tasks: number;
  /** length of the union of their work intervals, microseconds */
  union_us: bigint;
  /** hours credited to each output type's assignments (Σ = union_us up to rounding), microseconds */
  by_type: Map<string, bigint>;
};

/** The counted assignments' work intervals, clipped to 8 h and to the range (empty ones dropped). */
export function workIntervalsSql(creatorId: string, r: Range): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id, a.output_type_id,
      greatest(a.claimed_at, ${ts(r.start)}) AS s,
      least(v1.submitted_at, a.claimed_at + interval '8 hours', ${ts(r.end)}) AS e
    FROM assignments a
    JOIN content_submissions v1 ON v1.assignment_id = a.id AND v1.version = 1
    WHERE ${col("a.creator_id")} = ${creatorId}::uuid AND a.status = 'approved'
      AND a.completed_at >= ${ts(r.start)} AND a.completed_at < ${ts(r.end)}
      AND a.claimed_at IS NOT NULL`;
}

function workHoursSql(creatorId: string, r: Range): Prisma.Sql {
  return Prisma.sql`
    WITH counted AS MATERIALIZED (${workIntervalsSql(creatorId, r)}),
    iv AS (SELECT * FROM counted WHERE e > s),
    -- net change of open intervals at each boundary point
    pts AS (
      SELECT t, sum(d) AS d FROM (SELECT s AS t, 1 AS d FROM iv UNION ALL SELECT e, -1 FROM iv) x GROUP BY t),
    -- the segment [t, next) has k open intervals
    seg AS (
      SELECT t, sum(d) OVER (ORDER BY t) AS k,
        extract(epoch FROM lead(t) OVER (ORDER BY t) - t) AS len
      FROM pts),
    -- C(t): credit one open interval has collected before t (Σ len/k over earlier segments)
    cum AS (
      SELECT t, coalesce(sum(CASE WHEN k > 0 THEN len / k END) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS c
      FROM seg),
    credit AS (
      SELECT iv.output_type_id, ce.c - cs.c AS secs
      FROM iv JOIN cum cs ON cs.t = iv.s JOIN cum ce ON ce.t = iv.e)
    SELECT 'type' AS kind, output_type_id::text AS type, round(sum(secs) * 1000000)::bigint::text AS us, count(*)::int AS n
    FROM credit GROUP BY output_type_id
    UNION ALL
    SELECT 'union', NULL, round(coalesce(sum(len) FILTER (WHERE k > 0), 0) * 1000000)::bigint::text, (SELECT count(*)::int FROM counted)
    FROM seg`;
}

export async function workHours(db: Db, creatorId: string, r: Range): Promise<WorkHours> {
  const rows = await db.$queryRaw<{ kind: string; type: string | null; us: string; n: number }[]>(workHoursSql(creatorId, r));
  const out: WorkHours = { tasks: 0, union_us: 0n, by_type: new Map() };
  for (const row of rows) {
    if (row.kind === "union") {
      out.union_us = BigInt(row.us);
      out.tasks = row.n;
    } else out.by_type.set(row.type!, BigInt(row.us));
  }
  return out;
}
