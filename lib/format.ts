// Display formatting, time-zone aware. Money arrives as decimal strings from
// SQL and is rounded once, here, at the edge.

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const moneyCompact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("en-US");

export const formatMoney = (v: string | number | null | undefined) => (v == null ? "—" : money.format(Number(v)));
export const formatMoneyCompact = (v: string | number) => moneyCompact.format(Number(v));
export const formatInt = (v: number | null | undefined) => (v == null ? "—" : integer.format(v));
export const formatPercent = (v: number | null | undefined) => (v == null ? "—" : `${v.toFixed(1)}%`);

/**
 * A delta as a reader sees it, by its unit (lib/analytics/deltas.ts):
 * "↑ 20.0%" (counts, money), "+0.8 pp" (rates), "↓ 2.0 h faster" (a duration
 * where less is better; "↑ 2.0 h" otherwise), "+0.12 ★" (ratings).
 */
export function formatDelta(
  v: number | null | undefined,
  unit: "percent" | "pp" | "hours" | "stars" = "percent",
  goodWhen: "up" | "down" | "neutral" = "up",
  values: { current?: number | null; previous?: number | null } = {},
): { text: string; direction: "up" | "down" | "flat" | "none" } {
  if (v == null) {
    // a relative change from 0 has no percentage, but the direction is plain
    const { current, previous } = values;
    if (unit === "percent" && previous === 0 && current != null) {
      if (current === 0) return { text: "no change", direction: "flat" };
      return current > 0 ? { text: "↑ from 0", direction: "up" } : { text: "↓ from 0", direction: "down" };
    }
    return { text: "no previous data", direction: "none" };
  }
  if (v === 0) return { text: "no change", direction: "flat" };
  const direction = v > 0 ? "up" : "down";
  const arrow = v > 0 ? "↑" : "↓";
  const sign = v > 0 ? "+" : "−";
  const abs = Math.abs(v);
  switch (unit) {
    case "pp":
      return { text: `${sign}${abs.toFixed(1)} pp`, direction };
    case "stars":
      return { text: `${sign}${abs.toFixed(2)} ★`, direction };
    case "hours":
      return { text: `${arrow} ${abs.toFixed(1)} h${goodWhen === "down" ? (v < 0 ? " faster" : " slower") : ""}`, direction };
    default:
      return { text: `${arrow} ${abs.toFixed(1)}%`, direction };
  }
}

export function formatDateTime(d: Date | string, timeZone = "UTC") {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(d));
}

export function formatDate(d: Date | string, timeZone = "UTC") {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(new Date(d));
}

export function formatTime(d: Date | string, timeZone = "UTC") {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(d));
}

/** Label for a trend bucket: "14:00", "Mar 3", "Week of Mar 3", "Mar 2026". */
export function formatBucket(d: Date | string, granularity: "hour" | "day" | "week" | "month", timeZone = "UTC") {
  const date = new Date(d);
  const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-US", { timeZone, ...o }).format(date);
  if (granularity === "hour") return f({ hour: "2-digit", minute: "2-digit", hour12: false });
  if (granularity === "day") return f({ month: "short", day: "numeric" });
  if (granularity === "week") return `Wk ${f({ month: "short", day: "numeric" })}`;
  return f({ month: "short", year: "numeric" });
}

export function formatRelative(d: Date | string, now = new Date()) {
  const s = Math.round((now.getTime() - new Date(d).getTime()) / 1000);
  if (s < 60) return `${Math.max(s, 0)}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}
