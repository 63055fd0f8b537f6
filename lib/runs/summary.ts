// What a saved report's email shows of its run, taken from the very rows the
// file was written from (one pass, nothing read twice): the sha256 of the
// main table's rows (`if_changed` compares it with the last sent run's), its
// first rows (the inline table) and the totals row (the key numbers).
import { createHash } from "node:crypto";
import type { Row } from "@/lib/writers";

export const SUMMARY_HEAD_ROWS = 10;

export type RunSummary = {
  rows_sha256: string;
  /** The first SUMMARY_HEAD_ROWS rows as JSON (numeric stays text, datetimes ISO). */
  head: Record<string, unknown>[];
  totals: Record<string, unknown> | null;
};

// bigint (int8 from a driver configured for it) as text; Date → ISO by JSON itself
const replacer = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
const plain = (r: Row) => JSON.parse(JSON.stringify(r, replacer)) as Record<string, unknown>;

export function summaryCollector() {
  const hash = createHash("sha256");
  const head: Record<string, unknown>[] = [];
  return {
    add(rows: Row[]) {
      for (const r of rows) {
        hash.update(JSON.stringify(r, replacer));
        hash.update("\n");
        if (head.length < SUMMARY_HEAD_ROWS) head.push(plain(r));
      }
    },
    done(totals: Row | null): RunSummary {
      return { rows_sha256: hash.digest("hex"), head, totals: totals ? plain(totals) : null };
    },
  };
}
