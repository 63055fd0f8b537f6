// Helpers shared by the admin dashboards (platform, quality, fraud): exact
// money sums, rates, period descriptions, and additive daily metrics over a
// period ("closed days from the rollups, the partial day from the base
// tables"). Deltas are computed in deltas.ts.
import type { Db } from "@/lib/db";
import type { Granularity, Range } from "@/lib/period";
import { addDays, computeDailyMetrics, dailyMetricsSeries, dayStart, tsParam, utcDay, type DailyMetrics } from "@/lib/rollups";

// ---- money: numeric(12,2) text from SQL, summed as integer cents, a number only at the edge ----

/** "1234.50" → 123450n (exact; SQL numeric(12,2)::text always has two decimals, but any scale ≤ 2 works). */
export function toCents(s: string | null | undefined): bigint {
  if (s == null || s === "") return 0n;
  const neg = s.startsWith("-");
  const [int, frac = ""] = (neg ? s.slice(1) : s).split(".");
  const cents = BigInt(int || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  return neg ? -cents : cents;
}

/** Cents → a JSON number rounded to cents (the one rounding, at the edge). */
export { dollars } from "./values";

/** numerator ÷ denominator as a percentage with one decimal, or null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  if (!denominator) return null;
  return Math.round((1000 * numerator) / denominator) / 10;
}

/** A mean rounded to two decimals (ratings), or null with nothing to average. */
export function mean2(sum: number, count: number): number | null {
  if (!count) return null;
  return Math.round((100 * sum) / count) / 100;
}

// ---- periods ----

// The response's `period` object: the same shape on every dashboard.
export { periodInfo, type PeriodInfo } from "./period-info";

/** [start, end) as two timestamptz SQL parameters (ISO with Z: never a Date, see tsParam). */
export const bounds = (r: Range) => ({ start: tsParam(r.start), end: tsParam(r.end) });

/** The label of a trend point: the bucket's start, 'YYYY-MM-DD' (or the ISO instant for hourly buckets). */
export const bucketKey = (start: Date, granularity: Granularity) =>
  granularity === "hour" ? start.toISOString().replace(".000Z", "Z") : utcDay(start);

/** The start of the bucket holding `day`, given the sorted bucket starts of a period. */
export function bucketOfDay(day: string, starts: Date[]): Date {
  const t = dayStart(day).getTime();
  let found = starts[0];
  for (const s of starts) if (s.getTime() <= t) found = s;
  return found;
}

// ---- additive daily metrics over a period ----

/**
 * One daily_metrics row per UTC day overlapping [start, end). Full days come
 * from the rollups (dailyMetricsSeries: stored rows, or the same SQL over the
 * base tables for a closed day without a row); a last day cut at `end` (today
 * so far, or the previous period's last partial day) is computed from the base
 * tables up to `end`. Only additive columns (money, counts) may be summed
 * over these rows; distinct counts and rates over a period are not sums of days.
 */
export async function periodDailyRows(db: Db, range: Range, now: Date): Promise<DailyMetrics[]> {
  if (range.end <= range.start) return [];
  const first = utcDay(range.start);
  if (dayStart(first).getTime() !== range.start.getTime()) throw new RangeError("platform periods start at a UTC midnight");
  const endDay = utcDay(range.end);
  const partial = dayStart(endDay).getTime() !== range.end.getTime();
  const lastFull = addDays(endDay, -1);
  const [full, cut] = await Promise.all([
    first <= lastFull ? dailyMetricsSeries(db, first, lastFull, now).then((s) => s.rows) : Promise.resolve([]),
    partial ? computeDailyMetrics(db, { from: endDay, to: endDay, until: range.end }) : Promise.resolve([]),
  ]);
  return [...full, ...cut];
}

type CountColumn = { [K in keyof DailyMetrics]: DailyMetrics[K] extends number ? K : never }[keyof DailyMetrics];
type MoneyColumn = "total_revenue" | "total_refunds" | "total_payouts" | "total_creator_earnings";

export const sumCount = (rows: DailyMetrics[], col: CountColumn) => rows.reduce((s, r) => s + (r[col] as number), 0);
export const sumMoney = (rows: DailyMetrics[], col: MoneyColumn) => rows.reduce((s, r) => s + toCents(r[col]), 0n);
