// A job's schedule in words for the jobs page ("Every minute", "At 00:30"),
// and which jobs run so often that their routine successes are hidden from
// the recent runs by default. Job crons are in UTC.
import cronstrue from "cronstrue";
import { cronUtc } from "@/lib/schedules/cron";

export function describeCron(cron: string): string {
  try {
    return `${cronstrue.toString(cron, { use24HourTimeFormat: true, throwExceptionOnParseError: true })} (UTC)`;
  } catch {
    return `${cron} (UTC)`;
  }
}

const DAY_MS = 86_400_000;
const PROBE_DAY = new Date("2026-01-01T00:00:00Z");

/** Runs more than once an hour on average: more than 24 runs in a day (two runs close together once a day are not routine). */
export function isRoutine(cron: string): boolean {
  try {
    const runs = cronUtc(cron).nextRuns(25, new Date(PROBE_DAY.getTime() - 1));
    return runs.length === 25 && runs[24].getTime() < PROBE_DAY.getTime() + DAY_MS;
  } catch {
    return false;
  }
}
