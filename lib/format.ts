// Display formatting, time-zone aware. Money arrives as decimal strings from
// SQL and is rounded once, here, at the edge.
//
// The time rule: every instant shown carries its zone, and the zone is the
// viewer's profile zone (users.time_zone) on every page, written with its
// abbreviation ("18:42 CET", "Nov 29, 2026, 09:15 EST", "UTC"). Pages pass
// the signed-in user's zone to formatDateTime / formatTime; nothing else
// formats an instant. Calendar days (chart buckets, date ranges) are dates,
// not instants: the page says whose days they are (UTC for platform metrics).

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const moneyCompact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("en-US");

export const formatMoney = (v: string | number | null | undefined) => (v == null ? "—" : money.format(Number(v)));
/** The one money-axis style of every chart: "$3.5K", "$12K", "$850", "$1.2M". */
export const formatMoneyAxis = (v: string | number) => moneyCompact.format(Number(v));
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

/**
 * The zone's abbreviation at an instant: "UTC", "EST"/"EDT", "CET"/"CEST",
 * "GMT" — and "GMT+5:30" where the zone has no common one. en-US names the
 * American zones, en-GB the European ones; the first that is a name wins.
 */
export function zoneAbbreviation(timeZone: string, at: Date | string = new Date()): string {
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const us = name("en-US");
  if (!/^GMT[+-]/.test(us)) return us;
  const gb = name("en-GB");
  return /^[A-Z]{2,5}$/.test(gb) ? gb : us;
}

/** An instant with date, time and zone: "Nov 29, 2026, 18:42 CET". */
export function formatDateTime(d: Date | string, timeZone = "UTC") {
  const text = new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(d));
  return `${text} ${zoneAbbreviation(timeZone, d)}`;
}

export function formatDate(d: Date | string, timeZone = "UTC") {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(new Date(d));
}

/** An instant's time of day and zone: "18:42 CET". */
export function formatTime(d: Date | string, timeZone = "UTC") {
  const text = new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(d));
  return `${text} ${zoneAbbreviation(timeZone, d)}`;
}

/** "a Blog Post", "an Executive Summary", "an hour", "a unique…": the article goes by the first sound. */
export function withArticle(phrase: string): string {
  const w = phrase.trim().toLowerCase();
  // vowel letters that sound like a consonant ("you", "wun"), and a silent h
  const consonantSound = /^(uni|use|usu|usa|ute|uti|ura|uro|eu|ewe|one\b|once|ubi|uku)/.test(w);
  const vowelSound = /^(hour|honest|honou?r|heir)/.test(w) || (/^[aeiou]/.test(w) && !consonantSound);
  return `${vowelSound ? "an" : "a"} ${phrase.trim()}`;
}

/** Label for a trend bucket: "14:00", "Mar 3", "Week of Mar 3", "Mar 2026". */
export function formatBucket(d: Date | string, granularity: "hour" | "day" | "week" | "month", timeZone = "UTC") {
  const date = new Date(d);
  const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-US", { timeZone, ...o }).format(date);
  if (granularity === "hour") return f({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
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

/** A period in running text: "showing this month instead". */
export const PERIOD_NAMES: Record<"day" | "week" | "month" | "quarter" | "year", string> = {
  day: "today", week: "this week", month: "this month", quarter: "this quarter", year: "this year",
};

/** A file size: "812 B", "4.2 KB", "18.6 MB", "1.3 GB" (1 KB = 1,024 bytes). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) (v /= 1024), i++;
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
