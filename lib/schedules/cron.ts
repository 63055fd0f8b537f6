// Cron expressions of report schedules: five fields (minute hour day-of-month
// month day-of-week), evaluated by croner (the one cron library, pinned in
// package.json) in the schedule's IANA zone. A schedule may not run more
// often than every 15 minutes, and must run at all.
import { Cron } from "croner";

export const MIN_INTERVAL_MINUTES = 15;

/**
 * A paused croner job (never fires; only computes times). "no-wildcard": a
 * time without `*` or a step in its minute and hour fields is a fixed time,
 * lists included (`30 1,13 * * *`), so DST treats it as a fixed time.
 */
export function cronIn(cron: string, tz: string): Cron {
  return new Cron(cron, { timezone: tz, paused: true, mode: "5-part", fixedTimeRule: "no-wildcard" });
}

/** The pattern on a clock without DST (UTC, plain arithmetic: several times faster than a named zone). */
export function cronUtc(cron: string): Cron {
  return new Cron(cron, { utcOffset: 0, paused: true, mode: "5-part", fixedTimeRule: "no-wildcard" });
}

/** True when the minute and hour fields name fixed times (no `*`, `?` or step): DST moves a time in a gap and runs a repeated time once. */
export function isFixedTime(cron: string): boolean {
  const [minute, hour] = cron.trim().split(/\s+/);
  return !/[*?/]/.test(minute ?? "*") && !/[*?/]/.test(hour ?? "*");
}

// From a date in a leap year, on a clock without DST: with at most 96 runs a
// day at ≥ 15 minutes apart, 200 runs cover at least two matching days, so
// every gap of the minute × hour grid (and from one day's last run to the
// next day's first) shows up.
const PROBE_FROM = new Date("2000-01-01T00:00:00Z");
const PROBE_RUNS = 200;

/** Why the expression is refused (a sentence after “cron”), or null when it is a valid schedule. */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `must have 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
  let job: Cron;
  try {
    job = cronUtc(cron);
  } catch (err) {
    return `is not a valid cron expression (${err instanceof Error ? err.message.replace(/^CronPattern: /, "") : String(err)})`;
  }
  const runs = job.nextRuns(PROBE_RUNS, PROBE_FROM);
  if (runs.length === 0) return "never runs";
  for (let i = 1; i < runs.length; i++) {
    const gap = (runs[i].getTime() - runs[i - 1].getTime()) / 60_000;
    if (gap < MIN_INTERVAL_MINUTES) return `runs more often than every ${MIN_INTERVAL_MINUTES} minutes (${gap} minutes apart)`;
  }
  return null;
}
