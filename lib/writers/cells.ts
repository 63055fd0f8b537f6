// How one database value becomes a cell, per column kind, shared by every
// writer so a CSV, a JSON and an XLSX of the same run say the same thing.
// Values arrive as node-postgres gives them: numeric/bigint as text (exact),
// timestamptz as Date, date as 'YYYY-MM-DD' text (the datasets cast dates to text).
import type { Column } from "@/lib/reports/types";

/**
 * A text cell that a spreadsheet would run as a formula (= + - @, or a leading
 * tab / CR that some spreadsheets skip) gets a leading apostrophe, so it shows
 * as text. Only text columns: numbers keep their sign.
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The zone's UTC offset in minutes at an instant, cached per 15 minutes (zone changes happen on those boundaries). */
export function zoneOffsetMinutes(timeZone: string): (ms: number) => number {
  if (timeZone === "UTC") return () => 0;
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
  const cache = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / 900_000);
    let off = cache.get(slot);
    if (off === undefined) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(slot * 900_000)).map((x) => [x.type, x.value]));
      const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
      off = Math.round((wall - slot * 900_000) / 60_000);
      if (cache.size > 50_000) cache.clear();
      cache.set(slot, off);
    }
    return off;
  };
}

/** ISO 8601 in the zone with its offset: 2026-03-08T01:30:00-05:00 (exact to the second; milliseconds when present). */
export function isoInZone(d: Date, offsetOf: (ms: number) => number): string {
  const off = offsetOf(d.getTime());
  const local = new Date(d.getTime() + off * 60_000).toISOString(); // 2026-03-08T01:30:00.000Z
  const base = local.endsWith(".000Z") ? local.slice(0, 19) : local.slice(0, 23);
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  return `${base}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

/** The wall-clock time in the zone as a Date whose UTC fields carry it (how spreadsheets store dates: no zone). */
export function wallClockDate(d: Date, offsetOf: (ms: number) => number): Date {
  return new Date(d.getTime() + offsetOf(d.getTime()) * 60_000);
}

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** The text form of a value (CSV cells); null → "". */
export function textCell(col: Column, v: unknown, offsetOf: (ms: number) => number): string {
  if (v === null || v === undefined) return "";
  switch (col.kind) {
    case "datetime":
      return isoInZone(toDate(v), offsetOf);
    case "date":
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case "boolean":
      return v ? "true" : "false";
    case "text":
      return neutralizeFormula(String(v));
    default:
      return String(v); // numbers: exact text from SQL, sign kept
  }
}

/** The JSON value: numbers as numbers, datetimes as ISO with offset, text as is (JSON is not a spreadsheet). */
export function jsonCell(col: Column, v: unknown, offsetOf: (ms: number) => number): unknown {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case "integer":
    case "number":
    case "money":
    case "percent":
      return Number(v);
    case "datetime":
      return isoInZone(toDate(v), offsetOf);
    case "date":
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case "boolean":
      return Boolean(v);
    default:
      return String(v);
  }
}
