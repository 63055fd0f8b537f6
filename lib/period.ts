// Periods as METRICS.md defines them: the current calendar period up to now,
// in the viewer's IANA time zone (weeks start Monday), and the previous period
// of the same kind cut at the same elapsed point. Intervals are [start, end).
import { TZDate } from "@date-fns/tz";
import {
  addDays, addHours, addMonths, addWeeks, startOfDay, startOfHour, startOfMonth, startOfQuarter, startOfWeek, startOfYear,
  subDays, subMonths, subQuarters, subWeeks, subYears,
} from "date-fns";
import { z } from "zod";
import { canonicalTimeZone, timeZoneSchema } from "@/lib/validation/primitives";
import { clockNow } from "@/lib/clock";

export const PERIODS = ["day", "week", "month", "quarter", "year"] as const;
export type Period = (typeof PERIODS)[number];
export type Granularity = "hour" | "day" | "week" | "month";
export type Range = { start: Date; end: Date };
export type PeriodRanges = { period: Period; timeZone: string; current: Range; previous: Range; granularity: Granularity };

export const periodSchema = z.enum(PERIODS);

export function isValidTimeZone(tz: string): boolean {
  return canonicalTimeZone(tz) !== null;
}
// one zone schema for every endpoint (canonical IANA names), kept importable from here
export { timeZoneSchema };

const startOf: Record<Period, (d: TZDate) => TZDate> = {
  day: (d) => startOfDay(d),
  week: (d) => startOfWeek(d, { weekStartsOn: 1 }),
  month: (d) => startOfMonth(d),
  quarter: (d) => startOfQuarter(d),
  year: (d) => startOfYear(d),
};
const back: Record<Period, (d: TZDate) => TZDate> = {
  day: (d) => subDays(d, 1),
  week: (d) => subWeeks(d, 1),
  month: (d) => subMonths(d, 1),
  quarter: (d) => subQuarters(d, 1),
  year: (d) => subYears(d, 1),
};

/** Trend bucket size that fits a period: hours for a day, days for week/month, weeks for a quarter, months for a year. */
export const GRANULARITY: Record<Period, Granularity> = { day: "hour", week: "day", month: "day", quarter: "week", year: "month" };

export function periodRanges(period: Period, timeZone = "UTC", now: Date = clockNow()): PeriodRanges {
  const local = new TZDate(now.getTime(), timeZone);
  const start = startOf[period](local);
  const prevStart = back[period](start);
  // Same elapsed point last period; date-fns clamps (31 Mar → 28/29 Feb), never past this period's start.
  let prevEnd = back[period](local);
  if (prevEnd.getTime() > start.getTime()) prevEnd = start;
  return {
    period,
    timeZone,
    current: { start: new Date(start.getTime()), end: new Date(now.getTime()) },
    previous: { start: new Date(prevStart.getTime()), end: new Date(prevEnd.getTime()) },
    granularity: GRANULARITY[period],
  };
}

const step: Record<Granularity, (d: TZDate) => TZDate> = {
  hour: (d) => addHours(d, 1),
  day: (d) => addDays(d, 1),
  week: (d) => addWeeks(d, 1),
  month: (d) => addMonths(d, 1),
};
const bucketStart: Record<Granularity, (d: TZDate) => TZDate> = {
  hour: (d) => startOfHour(d),
  day: (d) => startOfDay(d),
  week: (d) => startOfWeek(d, { weekStartsOn: 1 }),
  month: (d) => startOfMonth(d),
};

/** Start instants of every bucket that overlaps [start, end), in the time zone. */
export function buckets(range: Range, granularity: Granularity, timeZone = "UTC"): Date[] {
  const out: Date[] = [];
  let b = bucketStart[granularity](new TZDate(range.start.getTime(), timeZone));
  while (b.getTime() < range.end.getTime()) {
    out.push(new Date(b.getTime()));
    b = step[granularity](b);
  }
  return out;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(d: Date, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/**
 * Relative change of a count or money value: (current − previous) / |previous|
 * × 100, one decimal; null when previous is zero. |previous| keeps the sign
 * right for values that can be negative (a margin going from −100 to +50 is
 * ↑ 150%). Rates, hours and ratings use differences: lib/analytics/deltas.ts.
 */
export function delta(current: number, previous: number): number | null {
  if (!previous) return null;
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}
