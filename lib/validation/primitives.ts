// The shared building blocks of every schema: calendar dates and time zones.
import { z } from "zod";

/** Dates outside this range are refused: nothing in the marketplace is that old or that far ahead, and SQL/date math beyond it fails. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused), in the years 2000–2100; the messages read after the field name ("“from” is not a date"). */
export const isoDate = z
  .string()
  .regex(DAY_RE, "is not a date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "is not a real date")
  .refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, `must be between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`)
  .meta({ format: "date", description: `A calendar date, YYYY-MM-DD, ${MIN_YEAR}–${MAX_YEAR}.` });

/**
 * The canonical IANA name of a time zone ("eUrope/london" → "Europe/London",
 * "utc" → "UTC"), or null when it is not one. Everything is stored and keyed
 * by this name, so spelling variants cannot multiply work.
 */
export function canonicalTimeZone(tz: string): string | null {
  let icu: string;
  try {
    icu = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return CURRENT_NAME[icu] ?? icu;
}

/**
 * ICU (CLDR) keeps some zones under names IANA has since replaced, so it
 * answers "Asia/Kolkata" with "Asia/Calcutta". Those are mapped to the current
 * IANA name (the list: every IANA zone whose ICU name differs by a rename).
 */
const CURRENT_NAME: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Mendoza": "America/Argentina/Mendoza",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Godthab": "America/Nuuk",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Rangoon": "Asia/Yangon",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
};

/** An IANA time zone, turned into its canonical name. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .transform((tz, ctx) => {
    const canonical = canonicalTimeZone(tz);
    if (!canonical) {
      ctx.addIssue({ code: "custom", message: "must be an IANA time zone" });
      return z.NEVER;
    }
    return canonical;
  })
  .meta({ description: "An IANA time zone (Europe/London, America/New_York, UTC); stored by its canonical name.", example: "Europe/London" });
