// Display formatting, time-zone aware. Money arrives as decimal strings from
// SQL and is rounded once, here, at the edge.

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const moneyCompact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("en-US");

export const formatMoney = (v: string | number | null | undefined) => (v == null ? "—" : money.format(Number(v)));
export const formatMoneyCompact = (v: string | number) => moneyCompact.format(Number(v));
export const formatInt = (v: number | null | undefined) => (v == null ? "—" : integer.format(v));
export const formatPercent = (v: number | null | undefined) => (v == null ? "—" : `${v.toFixed(1)}%`);

export function formatDelta(v: number | null | undefined): { text: string; direction: "up" | "down" | "flat" | "none" } {
  if (v == null) return { text: "no previous data", direction: "none" };
  if (v === 0) return { text: "0%", direction: "flat" };
  return { text: `${v > 0 ? "↑" : "↓"} ${Math.abs(v).toFixed(1)}%`, direction: v > 0 ? "up" : "down" };
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
