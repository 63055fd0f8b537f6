// Freshness: closed days come from daily_metrics, today's partial numbers from
// the base tables, both through the same metric SQL (metrics-sql.ts).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, assertDay, consecutiveRuns, eachDay, maxDay, minDay, utcDay, type Day } from "./days";
import { dailyMetricsSql, metricsProjection, type DailyMetrics, type MetricsRange } from "./metrics-sql";

/** Computes (does not store) the metrics of each day in the range from the base tables. */
export async function computeDailyMetrics(db: Db, range: MetricsRange): Promise<DailyMetrics[]> {
  return db.$queryRaw<DailyMetrics[]>(Prisma.sql`
    SELECT ${metricsProjection("m")} FROM (${dailyMetricsSql(range)}) AS m ORDER BY m."date"`);
}

/** One UTC day's metrics computed live from the base tables (the aggregation's computation, not stored). */
export async function liveDayMetrics(db: Db, day: Day): Promise<DailyMetrics> {
  const [row] = await computeDailyMetrics(db, { from: assertDay(day), to: day });
  return row;
}

/** Stored daily_metrics rows in [from, to], by date. */
export async function storedDailyMetrics(db: Db, from: Day, to: Day): Promise<DailyMetrics[]> {
  return db.$queryRaw<DailyMetrics[]>(Prisma.sql`
    SELECT ${metricsProjection("d")} FROM daily_metrics AS d
    WHERE d."date" BETWEEN ${from}::date AND ${to}::date
    ORDER BY d."date"`);
}

export type DailyMetricsSeries = {
  /** One row per UTC day in [from, to]. */
  rows: DailyMetrics[];
  /** When the numbers were read: `now`. Today's row holds every row of today committed by then. */
  asOf: Date;
  /** Days computed from the base tables for this call: today (and later) plus closed days without a stored row. */
  computed: Day[];
};

/**
 * One row per UTC day in [from, to]: closed days (before today) from
 * daily_metrics, or computed from the base tables when a closed day has no
 * row yet; today (and any later day in the range) computed live from the base
 * tables over the whole UTC day. (Not cut at `now`: timestamps are stored
 * rounded to the millisecond, so a row written "now" can carry a timestamp a
 * hair after `now` and would be missed.)
 */
export async function dailyMetricsSeries(db: Db, from: Day, to: Day, now = new Date()): Promise<DailyMetricsSeries> {
  assertDay(from, "from");
  assertDay(to, "to");
  if (to < from) throw new RangeError(`empty range: ${from} > ${to}`);
  const today = utcDay(now);
  const lastClosed = minDay(to, addDays(today, -1));

  const byDay = new Map<Day, DailyMetrics>();
  const computed: Day[] = [];
  const jobs: Promise<DailyMetrics[]>[] = [];

  if (from <= lastClosed) {
    for (const row of await storedDailyMetrics(db, from, lastClosed)) byDay.set(row.date, row);
    const missing = eachDay(from, lastClosed).filter((d) => !byDay.has(d));
    for (const run of consecutiveRuns(missing)) jobs.push(computeDailyMetrics(db, run));
    computed.push(...missing);
  }
  if (to >= today) {
    const liveFrom = maxDay(from, today);
    jobs.push(computeDailyMetrics(db, { from: liveFrom, to }));
    computed.push(...eachDay(liveFrom, to));
  }
  for (const rows of await Promise.all(jobs)) for (const row of rows) byDay.set(row.date, row);

  return { rows: eachDay(from, to).map((d) => byDay.get(d)!), asOf: now, computed };
}
