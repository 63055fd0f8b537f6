// A job's schedule in words for the jobs page ("Every minute", "At 00:30"),
// and which jobs run so often that their routine successes are hidden from
// the recent runs by default. Job crons are in UTC.
import { Cron } from "croner";
import cronstrue from "cronstrue";

export function describeCron(cron: string): string {
  try {
    return `${cronstrue.toString(cron, { use24HourTimeFormat: true, throwExceptionOnParseError: true })} (UTC)`;
  } catch {
    return `${cron} (UTC)`;
  }
}

/** Runs more than once an hour: two consecutive runs less than an hour apart. */
export function isRoutine(cron: string): boolean {
  try {
    const [a, b] = new Cron(cron, { timezone: "UTC" }).nextRuns(2, new Date(Date.UTC(2026, 0, 1)));
    return Boolean(a && b) && b.getTime() - a.getTime() < 3_600_000;
  } catch {
    return false;
  }
}
