// Turning SQL results into JSON values, and the summary / all_time /
// previous / deltas block every per-user dashboard returns (METRICS.md "In
// API responses"). Money is summed and rounded in SQL (numeric, sent as
// text); here it only becomes a JSON number.
import { deltasByKind, deltaUnits, type DeltaUnit, type FieldSpecs } from "./deltas";

export const money = (v: string | number | null | undefined): number => (v == null ? 0 : Number(v));
export const numberOrNull = (v: string | number | null | undefined): number | null => (v == null ? null : Number(v));

export type Values = Record<string, number | null>;

export type Compared<T extends Values> = {
  summary: T;
  all_time: T;
  /** null for "now" values (pending, balance): they have no previous period. */
  previous: { [K in keyof T]: number | null };
  /** by the field's kind (deltas.ts): percent for counts and money, pp for rates, hours, rating points */
  deltas: { [K in keyof T]: number | null };
  delta_units: { [K in keyof T]: DeltaUnit };
};

/**
 * Deltas are taken between the values as reported (rounded), so a card's
 * delta is the one a reader computes from the two numbers shown. `fields`
 * gives each value its kind; `nowKeys` name the values that are not
 * period-bound: their previous and delta are null.
 */
export function compared<T extends Values, N extends keyof T & string = never>(
  fields: FieldSpecs<keyof T & string>, current: T, previous: Omit<T, N>, allTime: T, nowKeys: readonly N[] = [],
): Compared<T> {
  const prev = {} as Record<string, number | null>;
  for (const k of Object.keys(current)) {
    prev[k] = (nowKeys as readonly string[]).includes(k) ? null : ((previous as Values)[k] ?? null);
  }
  return {
    summary: current,
    all_time: allTime,
    previous: prev as Compared<T>["previous"],
    deltas: deltasByKind(fields, current as Record<string, number | null>, prev, nowKeys) as Compared<T>["deltas"],
    delta_units: deltaUnits(fields) as Compared<T>["delta_units"],
  };
}

/**
 * num / den rounded to `decimals` places, half away from zero (as SQL's
 * round() on numeric), computed exactly on integers; null when den is 0.
 */
export function ratio(num: bigint | number, den: bigint | number, decimals: number): number | null {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) return null;
  if (d < 0n) [n, d] = [-n, -d];
  const scale = 10n ** BigInt(decimals);
  const neg = n < 0n;
  const q = ((neg ? -n : n) * scale * 2n + d) / (2n * d);
  return Number(neg ? -q : q) / Number(scale);
}

/** Integer cents as a JSON number of dollars (12.34). */
export const dollars = (cents: bigint): number => Number(cents) / 100;
