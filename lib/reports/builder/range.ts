// A report's date range as inclusive calendar days in its zone and the
// half-open instant range they cover. Relative ranges are resolved against
// "now" at each run: last_N_days are the N whole days before today;
// this_month/quarter/year run from their first day through today; last_* are
// the whole previous month, quarter or year. Instants after `now` are never
// counted.
import { TZDate } from "@date-fns/tz";
import { localDate } from "@/lib/period";
import type { DateRange } from "@/lib/validation/custom-reports";

export type ResolvedRange = { start_date: string; end_date: string; start: Date; end: Date; timezone: string };

const DAY_MS = 86_400_000;
const parse = (d: string) => new Date(`${d}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => fmt(new Date(parse(d).getTime() + n * DAY_MS));
const ymd = (y: number, m: number, d: number) => fmt(new Date(Date.UTC(y, m, d)));

/** 00:00 of a calendar day in a zone, as an instant (a midnight inside a DST gap is the first instant of that day). */
export function localMidnight(day: string, tz: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, 0, tz).getTime());
}

export function resolveDateRange(range: DateRange, tz: string, now: Date): ResolvedRange {
  let start_date: string;
  let end_date: string;
  if (range.relative) {
    const today = localDate(now, tz);
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
    const q = Math.floor(m / 3) * 3;
    switch (range.relative) {
      case "last_7_days": [start_date, end_date] = [addDays(today, -7), addDays(today, -1)]; break;
      case "last_30_days": [start_date, end_date] = [addDays(today, -30), addDays(today, -1)]; break;
      case "last_90_days": [start_date, end_date] = [addDays(today, -90), addDays(today, -1)]; break;
      case "this_month": [start_date, end_date] = [ymd(y, m, 1), today]; break;
      case "last_month": [start_date, end_date] = [ymd(y, m - 1, 1), ymd(y, m, 0)]; break;
      case "this_quarter": [start_date, end_date] = [ymd(y, q, 1), today]; break;
      case "last_quarter": [start_date, end_date] = [ymd(y, q - 3, 1), ymd(y, q, 0)]; break;
      case "this_year": [start_date, end_date] = [ymd(y, 0, 1), today]; break;
      case "last_year": [start_date, end_date] = [ymd(y - 1, 0, 1), ymd(y - 1, 11, 31)]; break;
    }
  } else {
    start_date = range.start_date!;
    end_date = range.end_date!;
  }
  // nothing after "now" is counted (a report of today is today so far, as on the dashboards)
  const start = localMidnight(start_date, tz);
  const end = new Date(Math.max(start.getTime(), Math.min(localMidnight(addDays(end_date, 1), tz).getTime(), now.getTime())));
  return { start_date, end_date, start, end, timezone: tz };
}
