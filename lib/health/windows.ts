// The health dashboard's windows: the last hour (per-minute points), the last
// 24 hours (hourly points) and the last 7 days (6-hour points).
export const WINDOWS = {
  "1h": { ms: 3_600_000, pointMs: 60_000, label: "last hour" },
  "24h": { ms: 86_400_000, pointMs: 3_600_000, label: "last 24 hours" },
  "7d": { ms: 7 * 86_400_000, pointMs: 6 * 3_600_000, label: "last 7 days" },
} as const;
export type HealthWindow = keyof typeof WINDOWS;

/** [from, to) ending at the current minute's end, so the minute in progress counts. */
export function windowRange(w: HealthWindow, now: Date) {
  const to = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000);
  return { from: new Date(to.getTime() - WINDOWS[w].ms), to };
}
