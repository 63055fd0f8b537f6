// Totals summed from the rows as they stream by, for plans whose totals are by
// construction the sum of their rows (a revenue report's buckets): the rows
// query then runs once instead of twice. Sums are exact: numeric values come
// from PostgreSQL as decimal text and are added as scaled integers (BigInt),
// never as floats, and come out as decimal text with the largest scale seen,
// as `SUM(numeric(14,2))` would.
import type { Column } from "@/lib/reports/types";
import type { Row } from "@/lib/writers";

type Acc = { units: bigint; scale: number; numeric: boolean };

function parseDecimal(text: string): { units: bigint; scale: number } {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? "";
  const units = BigInt((m[2] || "0") + frac);
  return { units: m[1] ? -units : units, scale: frac.length };
}

const rescale = (units: bigint, from: number, to: number) => units * 10n ** BigInt(to - from);

function formatDecimal(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  return `${neg ? "-" : ""}${int}${scale ? `.${digits.slice(-scale)}` : ""}`;
}

export class RowTotals {
  private acc = new Map<string, Acc>();
  private keys: string[];
  /** Integer columns total as numbers; money (scale 2) and other numerics as decimal text. */
  constructor(columns: Pick<Column, "key" | "kind">[]) {
    this.keys = columns.map((c) => c.key);
    for (const c of columns) this.acc.set(c.key, { units: 0n, scale: c.kind === "money" ? 2 : 0, numeric: c.kind !== "integer" });
  }

  add(rows: Row[]) {
    for (const row of rows) {
      for (const k of this.keys) {
        const v = row[k];
        if (v === null || v === undefined) continue;
        const a = this.acc.get(k)!;
        if (typeof v === "number" || typeof v === "bigint") {
          if (typeof v === "number" && !Number.isInteger(v)) throw new Error(`${k}: a float cannot be summed exactly (${v})`);
          a.units += rescale(BigInt(v), 0, a.scale);
        } else {
          const d = parseDecimal(String(v));
          if (d.scale > a.scale) {
            a.units = rescale(a.units, a.scale, d.scale);
            a.scale = d.scale;
          }
          a.units += rescale(d.units, d.scale, a.scale);
        }
      }
    }
  }

  /** Numeric columns as decimal text (as pg returns numeric), integer columns as numbers. */
  result(): Row {
    const out: Row = {};
    for (const [k, a] of this.acc) out[k] = a.numeric ? formatDecimal(a.units, a.scale) : Number(a.units);
    return out;
  }
}
