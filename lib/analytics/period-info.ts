// The `period` object of a per-user dashboard response: which instants the
// numbers cover, so a client can label them and a test can recompute them.
import { formatBucket, formatDate } from "@/lib/format";
import type { Granularity, Period, PeriodRanges } from "@/lib/period";

export type UserPeriod = Exclude<Period, "day">;

export type PeriodInfo = {
  name: Period;
  start: string;
  end: string;
  previous_start: string;
  previous_end: string;
  tz: string;
  granularity: Granularity;
};

export function periodInfo(r: PeriodRanges): PeriodInfo {
  return {
    name: r.period,
    start: r.current.start.toISOString(),
    end: r.current.end.toISOString(),
    previous_start: r.previous.start.toISOString(),
    previous_end: r.previous.end.toISOString(),
    tz: r.timeZone,
    granularity: r.granularity,
  };
}

/** "last month", for "↑ 20% vs last month". */
export const PREVIOUS_LABEL: Record<Period, string> = {
  day: "yesterday", week: "last week", month: "last month", quarter: "last quarter", year: "last year",
};

const PERIOD_LABEL: Record<Period, string> = { day: "Today", week: "This week", month: "This month", quarter: "This quarter", year: "This year" };

/**
 * "This month so far: Nov 1 – Nov 29, 2026 (days in America/New_York), vs. the same point last month".
 * Days are the dashboard owner's calendar days; the "data as of" instant beside it is in the viewer's zone.
 */
export function periodSubtitle(p: PeriodInfo): string {
  return `${PERIOD_LABEL[p.name]} so far: ${formatDate(p.start, p.tz)} – ${formatDate(p.end, p.tz)} (days in ${p.tz}), vs. the same point ${PREVIOUS_LABEL[p.name]}`;
}

/** Axis label of a trend point whose date is a local calendar day ("Nov 3", "Wk Nov 3", "Nov 2026"). */
export function bucketLabel(localDay: string, granularity: Granularity): string {
  return formatBucket(`${localDay}T12:00:00Z`, granularity, "UTC");
}
