// When a schedule runs: the next instants (in its zone and in UTC), the
// slots a dispatcher must start between two instants, and a note on every
// run that a daylight-saving change touches.
//
// The product's DST behaviour (croner's, after Vixie cron; README "Schedules"):
// - a fixed time (no `*` or step in minute and hour, e.g. `30 2 * * *`) that
//   does not exist that day (spring forward) runs once, at the first valid
//   time after the gap (02:30 → 03:00 the same day);
// - a fixed time that occurs twice (fall back) runs once, at its first
//   occurrence (01:30 in summer time);
// - an interval schedule (`*/30 * * * *`, `0 */2 * * *`) keeps its rhythm in
//   real time: times in a gap are skipped, a repeated time runs twice.
import { formatDateTime, zoneAbbreviation } from "@/lib/format";
import { cronIn, cronUtc, isFixedTime } from "./cron";
import { hhmm, isoDay, localIso, transitionBetween, wall, wallAsUtc, type Wall } from "./zone";

export type ScheduledRun = {
  at: Date;
  /** Local time with its offset: "2026-03-08T03:00:00-04:00". */
  local: string;
  utc: string;
  /** "Sun, Mar 8, 2026, 03:00 EDT" */
  label: string;
  note?: string;
};

const weekday = (at: Date, tz: string) => new Intl.DateTimeFormat("en-US", { timeZone: tz, weekday: "short" }).format(at);
const dayOf = (w: Wall) => isoDay(w);
const MINUTE = 60_000;
const sameWallMinute = (a: Wall, b: Wall) => a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
const list = (times: string[]) => (times.length > 4 ? `${times.slice(0, 4).join(", ")}…` : times.join(times.length === 2 ? " and " : ", "));

/** The pattern's wall times in [fromWall, toWall) (wall times written as UTC ms): evaluated in UTC, where no DST moves them. */
function patternTimesBetween(cron: string, fromWallMs: number, toWallMs: number): string[] {
  const utc = cronUtc(cron);
  const out: string[] = [];
  for (let t = utc.nextRun(new Date(fromWallMs - 1000)); t && t.getTime() < toWallMs && out.length < 60; t = utc.nextRun(t)) {
    out.push(hhmm({ hour: t.getUTCHours(), minute: t.getUTCMinutes() }));
  }
  return out;
}

/** The DST note for a run, given the run before it (null when there is none). */
function dstNote(cron: string, tz: string, at: Date, previous: Date | null): string | undefined {
  const fixed = isFixedTime(cron);
  const w = wall(at, tz);
  // Clocks moved forward since the previous run: were wanted times skipped?
  const t = transitionBetween(previous ?? new Date(at.getTime() - 26 * 3600_000), at, tz);
  if (t && t.offsetAfter > t.offsetBefore) {
    const after = wall(t.at, tz);
    const gapEndWall = wallAsUtc(after);
    const gapStartWall = gapEndWall - (t.offsetAfter - t.offsetBefore) * MINUTE;
    const lost = patternTimesBetween(cron, gapStartWall, gapEndWall);
    if (lost.length) {
      const from = hhmm({ hour: new Date(gapStartWall).getUTCHours(), minute: new Date(gapStartWall).getUTCMinutes() });
      const what = `${list(lost)} ${lost.length === 1 ? "does" : "do"} not exist on ${dayOf(after)} in ${tz} (clocks jump from ${from} to ${hhmm(after)})`;
      return fixed
        ? `${what}: runs once at ${hhmm(w)} ${zoneAbbreviation(tz, at)}, the first valid time after the gap.`
        : `${what}: ${lost.length === 1 ? "it is" : "they are"} skipped; this is the next run.`;
    }
  }
  // A wall time that occurs twice: the same local minute 30, 60 or 120 minutes away.
  for (const d of [30, 60, 120]) {
    for (const sign of [1, -1]) {
      const other = new Date(at.getTime() + sign * d * MINUTE);
      if (!sameWallMinute(wall(other, tz), w)) continue;
      const first = sign === 1;
      const change = first ? transitionBetween(at, other, tz) : transitionBetween(other, at, tz);
      // at change.at the clocks read one minute past the last summer minute, then show the winter time
      const back = change ? ` (clocks go back from ${nextMinute(hhmm(wall(new Date(change.at.getTime() - MINUTE), tz)))} to ${hhmm(wall(change.at, tz))})` : "";
      const what = `${hhmm(w)} occurs twice on ${dayOf(w)} in ${tz}${back}`;
      const zone = zoneAbbreviation(tz, at);
      if (fixed) return `${what}: runs once, at the first ${hhmm(w)} (${zone}).`;
      return `${what}: runs at both; this is the ${first ? "first" : "second"} (${zone}).`;
    }
  }
  return undefined;
}

/** "01:59" → "02:00": the wall time clocks read when they go back. */
function nextMinute(h: string): string {
  if (!h) return h;
  const [hh, mm] = h.split(":").map(Number);
  const m = (hh * 60 + mm + 1) % 1440;
  return hhmm({ hour: Math.floor(m / 60), minute: m % 60 });
}

function describeRun(cron: string, tz: string, at: Date, previous: Date | null): ScheduledRun {
  const note = dstNote(cron, tz, at, previous);
  return { at, local: localIso(at, tz), utc: at.toISOString(), label: `${weekday(at, tz)}, ${formatDateTime(at, tz)}`, ...(note ? { note } : {}) };
}

/** The next `n` runs strictly after `after`. */
export function nextRuns(cron: string, tz: string, after: Date, n: number): ScheduledRun[] {
  const job = cronIn(cron, tz);
  const runs = job.nextRuns(n, after);
  let previous: Date | null = job.previousRuns(1, new Date(runs[0]?.getTime() ?? after.getTime()))[0] ?? null;
  return runs.map((at) => {
    const r = describeRun(cron, tz, at, previous);
    previous = at;
    return r;
  });
}

/**
 * The first run strictly after `after` (null: never again). A dispatcher can
 * store it per schedule (next_run_at) and select the due ones with an index
 * instead of evaluating every cron on every tick.
 */
export function nextRunAfter(cron: string, tz: string, after: Date): Date | null {
  return cronIn(cron, tz).nextRun(after);
}

/**
 * The scheduled instants in (from, to], oldest first — what a dispatcher
 * ticking at `to`, having handled everything up to `from`, must start.
 * At most `limit` (a safety bound after long downtime).
 */
export function dueSlots(cron: string, tz: string, from: Date, to: Date, limit = 1000): Date[] {
  const job = cronIn(cron, tz);
  const out: Date[] = [];
  for (let t = job.nextRun(from); t && t.getTime() <= to.getTime() && out.length < limit; t = job.nextRun(t)) out.push(t);
  return out;
}
