// Wall-clock reading of an instant in an IANA zone, with Intl only (the same
// zone data as the rest of the app): local date and time, UTC offset, and the
// DST transitions around an instant.

export type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" });
    formatters.set(tz, f);
  }
  return f;
}

export function wall(at: Date, tz: string): Wall {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** The wall time written as if it were UTC, in ms: comparing it with the instant gives the offset. */
export const wallAsUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Minutes east of UTC at an instant (-240 for New York in summer, 60 for Paris in winter). */
export function offsetMinutes(at: Date, tz: string): number {
  const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return Math.round((wallAsUtc(wall(whole, tz)) - whole.getTime()) / 60_000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
export const hhmm = (w: Pick<Wall, "hour" | "minute">) => `${pad(w.hour)}:${pad(w.minute)}`;
export const isoDay = (w: Pick<Wall, "year" | "month" | "day">) => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;

/** "2026-03-29T03:00:00+02:00": the local time with its offset, unambiguous even in a repeated hour. */
export function localIso(at: Date, tz: string): string {
  const w = wall(at, tz);
  const off = offsetMinutes(at, tz);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  return `${isoDay(w)}T${hhmm(w)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export type Transition = { at: Date; offsetBefore: number; offsetAfter: number };

/** The offset change in (from, to], found by bisection to the minute; null when the offset is the same at both ends. */
export function transitionBetween(from: Date, to: Date, tz: string): Transition | null {
  const before = offsetMinutes(from, tz);
  const after = offsetMinutes(to, tz);
  if (before === after) return null;
  let lo = from.getTime(), hi = to.getTime();
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMinutes(new Date(mid), tz) === before) lo = mid;
    else hi = mid;
  }
  // transitions fall on whole minutes: the one in (lo, hi]
  return { at: new Date(Math.ceil((lo + 1) / 60_000) * 60_000), offsetBefore: before, offsetAfter: after };
}
