// Reconciliation: recompute the last closed days from the base tables with the
// same metric SQL as the aggregation, compare with daily_metrics column by
// column, and record every difference in metric_drift (one statement: the
// comparison, the insert and the returned list). A day without a stored row
// drifts in every column. Drift is recorded, not repaired: re-aggregating
// (nightly job or `npm run rollup`) repairs it.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, dayCount, utcDay, type Day } from "./days";
import { dailyMetricsSql, METRIC_COLUMN_NAMES } from "./metrics-sql";

export type Drift = { date: Day; column: string; stored: string | null; recomputed: string | null };
export type ReconcileResult = { from: Day; to: Day; checked: number; drift: Drift[] };

export async function reconcileDailyMetrics(
  db: Db,
  opts: { days?: number; now?: Date; jobRunId?: string } = {},
): Promise<ReconcileResult> {
  const days = opts.days ?? 7;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const to = addDays(utcDay(opts.now ?? new Date()), -1);
  const from = addDays(to, -(days - 1));

  // (column name, stored text, recomputed text, differs) for each metric column
  const pairs = Prisma.join(
    METRIC_COLUMN_NAMES.map((c) => {
      const col = Prisma.raw(`"${c}"`);
      return Prisma.sql`(${c}, s.${col}::text, r.${col}::text, s.id IS NULL OR s.${col} IS DISTINCT FROM r.${col})`;
    }),
    ",\n        ",
  );

  const drift = await db.$queryRaw<Drift[]>(Prisma.sql`
    WITH recomputed AS (${dailyMetricsSql({ from, to })}),
    diffs AS (
      SELECT r."date", v.column_name, v.stored, v.recomputed
      FROM recomputed r
      LEFT JOIN daily_metrics s ON s."date" = r."date"
      CROSS JOIN LATERAL (VALUES
        ${pairs}
      ) AS v(column_name, stored, recomputed, differs)
      WHERE v.differs),
    inserted AS (
      INSERT INTO metric_drift (job_run_id, "date", column_name, stored, recomputed)
      SELECT ${opts.jobRunId ?? null}::uuid, "date", column_name, stored, recomputed FROM diffs
      RETURNING "date", column_name, stored, recomputed)
    SELECT to_char("date", 'YYYY-MM-DD') AS "date", column_name AS "column", stored, recomputed
    FROM inserted
    ORDER BY "date"`);

  // by date, then in daily_metrics' column order
  const order = new Map<string, number>(METRIC_COLUMN_NAMES.map((c, i) => [c, i]));
  drift.sort((a, b) => (a.date === b.date ? order.get(a.column)! - order.get(b.column)! : a.date < b.date ? -1 : 1));
  return { from, to, checked: dayCount(from, to), drift };
}
