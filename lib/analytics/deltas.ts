// Deltas by kind (METRICS.md "Conventions"), computed here and nowhere else.
// Each dashboard declares its fields once (a FieldSpecs map beside its types):
// the value's kind decides the delta's unit, `better` which direction is good
// news. Counts and money: relative change in percent; rates: the difference
// in percentage points; hours and ratings: the difference in that unit.
import { delta as relative } from "@/lib/period";

export type ValueKind = "count" | "money" | "rate" | "hours" | "rating";
/** The unit of a delta in API responses (`delta_units`): percent, percentage points, hours, rating points (stars). */
export type DeltaUnit = "percent" | "pp" | "hours" | "stars";
/** `better`: which direction is good news (default up); "neutral" for values that are neither (payouts). */
export type FieldSpec = { kind: ValueKind; better?: "up" | "down" | "neutral" };
export type FieldSpecs<K extends string = string> = Record<K, FieldSpec>;

export const DELTA_UNIT: Record<ValueKind, DeltaUnit> = { count: "percent", money: "percent", rate: "pp", hours: "hours", rating: "stars" };

/** Decimals a difference keeps: rates and hours are shown with one, ratings with two. */
const DECIMALS: Record<"rate" | "hours" | "rating", number> = { rate: 1, hours: 1, rating: 2 };

/** current − previous on the values as shown (rounded to `decimals`), exact: no 0.7999999. */
function difference(current: number, previous: number, decimals: number): number {
  const s = 10 ** decimals;
  return (Math.round(current * s) - Math.round(previous * s)) / s;
}

/** The delta of one value by its kind; null when either side is null (and, for counts and money, when previous is 0). */
export function deltaByKind(kind: ValueKind, current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current == null || previous == null) return null;
  if (kind === "count" || kind === "money") return relative(current, previous);
  return difference(current, previous, DECIMALS[kind]);
}

/** One delta per field of `fields`; `nowKeys` (pending, balance) have no previous period, so null. */
export function deltasByKind<K extends string>(
  fields: FieldSpecs<K>,
  current: Record<K, number | null>,
  previous: Partial<Record<K, number | null>>,
  nowKeys: readonly string[] = [],
): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  for (const k of Object.keys(fields) as K[]) {
    out[k] = nowKeys.includes(k) ? null : deltaByKind(fields[k].kind, current[k], previous[k]);
  }
  return out;
}

/** The `delta_units` object of a response: the unit of each field's delta. */
export function deltaUnits<K extends string>(fields: FieldSpecs<K>): Record<K, DeltaUnit> {
  return Object.fromEntries(Object.entries<FieldSpec>(fields).map(([k, f]) => [k, DELTA_UNIT[f.kind]])) as Record<K, DeltaUnit>;
}

type Block<K extends string> = { deltas: Record<K, number | null>; previous?: Partial<Record<K, number | null>>; summary?: Partial<Record<K, number | null>> };

/**
 * What a KPI card needs to draw a field's delta: the number, its unit, which
 * way is good, and the two values (so a count that was 0 reads "↑ from 0"
 * rather than "no previous data").
 */
export function deltaView<K extends string>(fields: FieldSpecs<K>, block: Block<K>, key: NoInfer<K>) {
  const f = fields[key];
  return {
    delta: block.deltas[key],
    unit: DELTA_UNIT[f.kind],
    goodWhen: f.better ?? "up",
    previous: block.previous?.[key] ?? null,
    current: block.summary?.[key] ?? null,
  } as const;
}
