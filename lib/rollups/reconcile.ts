// Reconciliation: recompute the last closed days from the base tables with the
// same metric SQL as the aggregation, compare with daily_metrics column by
// column, and record every difference in metric_drift (one statement: the
// comparison, the insert and the returned list). A day without a stored row
// drifts in every column. Drift is recorded, not repaired: re-aggregating
// (nightly job or `npm run rollup`) repairs it.
//
// The creator and review rollups (creator-stats.ts) are checked the same way
// over the same days, and creator_totals as of its `through` day: a
// difference is recorded as column "<table>.<column>" on the day, with the
// day's sums over every row (all creators / output types) as stored and
// recomputed values — the day is reported when any single row differs.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, dayCount, utcDay, type Day } from "./days";
import { activePeriodsSql, storedActivePeriodsSql } from "./active-users";
import { creatorSlotStatsSql, reviewDailyStatsSql } from "./creator-stats";
import { dailyMetricsSql, METRIC_COLUMN_NAMES } from "./metrics-sql";
import { dayEnd, dayStart, tsParam } from "./days";

/** A rollup table compared row by row with its recomputation (s = stored rows, r = recomputed rows). */
type Checked = { table: string; stored: Prisma.Sql; recomputed: Prisma.Sql; on: string; date: string; values: string[] };

/** (date, column, Σ stored, Σ recomputed) for each day and column where some row differs. */
function rollupDriftSql(c: Checked): Prisma.Sql {
  const values = Prisma.join(c.values.map((v) => Prisma.sql`(${`${c.table}.${v}`}::text, COALESCE(s.${Prisma.raw(v)}, 0)::numeric, COALESCE(r.${Prisma.raw(v)}, 0)::numeric)`), ", ");
  return Prisma.sql`
    SELECT ${Prisma.raw(c.date)} AS "date", v.column_name, sum(v.stored)::text AS stored, sum(v.recomputed)::text AS recomputed
    FROM (${c.stored}) s
    FULL JOIN (${c.recomputed}) r ON ${Prisma.raw(c.on)}
    CROSS JOIN LATERAL (VALUES ${values}) AS v(column_name, stored, recomputed)
    GROUP BY 1, 2
    HAVING bool_or(v.stored IS DISTINCT FROM v.recomputed)`;
}

const SLOT_VALUES = ["tasks", "earnings", "on_time", "reviews", "score_sum", "approved", "first_approved"];
const REVIEW_VALUES = ["reviews", "score_sum", "approved", "first_approved", "revisions", "rejections"];
const TOTAL_VALUES = ["reviews", "score_sum", "completed", "earnings"];
const RUNNING_VALUES = ["tasks", "earnings", "on_time", "reviews", "score_sum", "approved", "first_approved"];
/** per row: 1, and its first active day as days after the period's start */
const ACTIVE_VALUES = ["users", "first_day"];
const activeRows = (rows: Prisma.Sql) =>
  Prisma.sql`SELECT kind, grain, period_start, user_id, 1 AS users, first_day - period_start AS first_day FROM (${rows}) x`;

/** The creator/review rollups' checks for the days [from, to], and creator_totals as of its `through` day. */
function rollupChecks(from: Day, to: Day, through: Day | null): Checked[] {
  const [s, e] = [tsParam(dayStart(from)), tsParam(dayEnd(to))];
  const checks: Checked[] = [
    {
      table: "creator_slot_stats",
      stored: Prisma.sql`SELECT * FROM creator_slot_stats WHERE slot >= ${s}::timestamptz AND slot < ${e}::timestamptz`,
      recomputed: creatorSlotStatsSql(dayStart(from), dayEnd(to)),
      on: "s.creator_id = r.creator_id AND s.slot = r.slot AND s.output_type_id = r.output_type_id",
      date: `(COALESCE(s.slot, r.slot) AT TIME ZONE 'UTC')::date`,
      values: SLOT_VALUES,
    },
    {
      table: "creator_day_stats",
      stored: Prisma.sql`SELECT * FROM creator_day_stats WHERE "date" BETWEEN ${from}::date AND ${to}::date`,
      recomputed: Prisma.sql`
        SELECT creator_id, (slot AT TIME ZONE 'UTC')::date AS "date", output_type_id, ${Prisma.raw(SLOT_VALUES.map((v) => `sum(${v}) AS ${v}`).join(", "))}
        FROM (${creatorSlotStatsSql(dayStart(from), dayEnd(to))}) x GROUP BY 1, 2, 3`,
      on: `s.creator_id = r.creator_id AND s."date" = r."date" AND s.output_type_id = r.output_type_id`,
      date: `COALESCE(s."date", r."date")`,
      values: SLOT_VALUES,
    },
    {
      table: "review_daily_stats",
      stored: Prisma.sql`SELECT * FROM review_daily_stats WHERE "date" BETWEEN ${from}::date AND ${to}::date`,
      recomputed: reviewDailyStatsSql(from, to),
      on: `s."date" = r."date" AND s.output_type_id = r.output_type_id`,
      date: `COALESCE(s."date", r."date")`,
      values: REVIEW_VALUES,
    },
    {
      table: "creator_running_totals",
      stored: Prisma.sql`SELECT * FROM creator_running_totals WHERE "date" BETWEEN ${from}::date AND ${to}::date`,
      // everything before the window, then each active day's sums added in order
      recomputed: Prisma.sql`
        WITH daily AS (
          SELECT creator_id, (slot AT TIME ZONE 'UTC')::date AS "date", ${Prisma.raw(RUNNING_VALUES.map((v) => `sum(${v}) AS ${v}`).join(", "))}
          FROM (${creatorSlotStatsSql(dayStart(from), dayEnd(to))}) x GROUP BY 1, 2),
        base AS (
          SELECT creator_id, ${Prisma.raw(RUNNING_VALUES.map((v) => `sum(${v}) AS ${v}`).join(", "))}
          FROM (${creatorSlotStatsSql(new Date(0), dayStart(from))}) x GROUP BY 1)
        SELECT d.creator_id, d."date",
          ${Prisma.raw(RUNNING_VALUES.map((v) => `COALESCE(b.${v}, 0) + sum(d.${v}) OVER (PARTITION BY d.creator_id ORDER BY d."date") AS ${v}`).join(", "))}
        FROM daily d LEFT JOIN base b ON b.creator_id = d.creator_id`,
      on: `s.creator_id = r.creator_id AND s."date" = r."date"`,
      date: `COALESCE(s."date", r."date")`,
      values: RUNNING_VALUES,
    },
    {
      // every period holding one of the days, counted up to the last of them
      table: "active_user_periods",
      stored: activeRows(storedActivePeriodsSql(from, to)),
      recomputed: activeRows(activePeriodsSql(from, to, addDays(to, 1))),
      on: "s.kind = r.kind AND s.grain = r.grain AND s.period_start = r.period_start AND s.user_id = r.user_id",
      date: "COALESCE(s.period_start, r.period_start)",
      values: ACTIVE_VALUES,
    },
  ];
  if (through) {
    const end = tsParam(dayEnd(through));
    checks.push({
      table: "creator_totals",
      stored: Prisma.sql`SELECT * FROM creator_totals`,
      recomputed: Prisma.sql`
        SELECT creator_id, sum(reviews) AS reviews, sum(score_sum) AS score_sum, sum(completed) AS completed, sum(earnings) AS earnings
        FROM (
          SELECT a.creator_id, 1 AS reviews, r.overall_score AS score_sum, 0 AS completed, 0 AS earnings
          FROM reviews r JOIN assignments a ON a.id = r.assignment_id
          WHERE a.creator_id IS NOT NULL AND r.completed_at < ${end}::timestamptz
          UNION ALL
          SELECT creator_id, 0, 0, 1, creator_payout FROM assignments
          WHERE status = 'approved' AND creator_id IS NOT NULL AND completed_at < ${end}::timestamptz) x
        GROUP BY creator_id`,
      on: "s.creator_id = r.creator_id",
      // a creator without a row on one side counts as zeros there
      date: `'${through}'::date`,
      values: TOTAL_VALUES,
    });
  }
  return checks;
}

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

  // the creator/review rollups: same days, same metric_drift rows
  const [state] = await db.$queryRaw<{ through: string | null }[]>(Prisma.sql`
    SELECT to_char("through", 'YYYY-MM-DD') AS through FROM rollup_state WHERE "name" = 'creator_totals'`);
  for (const c of rollupChecks(from, to, state?.through ?? null)) {
    drift.push(...(await db.$queryRaw<Drift[]>(Prisma.sql`
      WITH diffs AS (${rollupDriftSql(c)}),
      inserted AS (
        INSERT INTO metric_drift (job_run_id, "date", column_name, stored, recomputed)
        SELECT ${opts.jobRunId ?? null}::uuid, "date", column_name, stored, recomputed FROM diffs
        RETURNING "date", column_name, stored, recomputed)
      SELECT to_char("date", 'YYYY-MM-DD') AS "date", column_name AS "column", stored, recomputed FROM inserted`)));
  }

  // by date, then in daily_metrics' column order, then the rollup tables' columns
  const order = new Map<string, number>(
    [...METRIC_COLUMN_NAMES, ...["creator_slot_stats", "creator_day_stats", "creator_running_totals", "review_daily_stats", "creator_totals", "active_user_periods"].flatMap((t) =>
      [...new Set([...SLOT_VALUES, ...REVIEW_VALUES, ...TOTAL_VALUES, ...RUNNING_VALUES, ...ACTIVE_VALUES])].map((v) => `${t}.${v}`))].map((c, i) => [c, i]),
  );
  drift.sort((a, b) => (a.date === b.date ? order.get(a.column)! - order.get(b.column)! : a.date < b.date ? -1 : 1));
  return { from, to, checked: dayCount(from, to), drift };
}
