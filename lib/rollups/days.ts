// UTC calendar days as 'YYYY-MM-DD' strings: the unit of daily_metrics and
// creator_level_snapshots. A day D covers the half-open interval
// [D 00:00 UTC, D+1 00:00 UTC).
const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export type Day = string;

/** Throws unless `s` is a real calendar date written YYYY-MM-DD. */
export function assertDay(s: string, what = "day"): Day {
  const d = new Date(`${s}T00:00:00Z`);
  if (!DAY_RE.test(s) || Number.isNaN(d.getTime()) || utcDay(d) !== s) {
    throw new RangeError(`${what} must be a date written YYYY-MM-DD, got ${JSON.stringify(s)}`);
  }
  return s;
}

/** The UTC day containing instant `d`. */
export function utcDay(d: Date): Day {
  if (Number.isNaN(d.getTime())) throw new RangeError("invalid date");
  return d.toISOString().slice(0, 10);
}

/** 00:00 UTC of `day`, as an instant. */
export function dayStart(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** 00:00 UTC of the following day: the exclusive end of `day`. */
export function dayEnd(day: Day): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}

/**
 * An instant as a query parameter: ISO 8601 with "Z". Never pass a Date to
 * $queryRaw for a timestamptz: @prisma/adapter-pg sends it without a zone
 * ("2025-03-01 00:00:00"), which PostgreSQL then reads in the session's TimeZone.
 */
export function tsParam(d: Date): string {
  return d.toISOString();
}

export function addDays(day: Day, n: number): Day {
  return utcDay(new Date(dayStart(day).getTime() + n * DAY_MS));
}

/** Number of days in the inclusive range [from, to] (0 when to < from). */
export function dayCount(from: Day, to: Day): number {
  return Math.max(0, Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS) + 1);
}

export function eachDay(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const minDay = (a: Day, b: Day): Day => (a < b ? a : b);
export const maxDay = (a: Day, b: Day): Day => (a > b ? a : b);

/**
 * Splits [from, to] into consecutive inclusive chunks that each stay within
 * `months` calendar month(s): the unit of one backfill statement.
 */
export function monthChunks(from: Day, to: Day, months = 1): { from: Day; to: Day }[] {
  const chunks: { from: Day; to: Day }[] = [];
  let start = from;
  while (start <= to) {
    const s = dayStart(start);
    const nextMonth = utcDay(new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + months, 1)));
    const end = minDay(addDays(nextMonth, -1), to);
    chunks.push({ from: start, to: end });
    start = nextMonth;
  }
  return chunks;
}

/** Groups sorted days into runs of consecutive days. */
export function consecutiveRuns(days: Day[]): { from: Day; to: Day }[] {
  const runs: { from: Day; to: Day }[] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.to, 1) === d) last.to = d;
    else runs.push({ from: d, to: d });
  }
  return runs;
}
