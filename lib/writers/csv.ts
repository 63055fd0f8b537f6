// CSV through papaparse, one unparse per chunk (RFC 4180 quoting, CRLF).
// A UTF-8 BOM first so Excel reads accents right. Only datasets[0] is written.
import Papa from "papaparse";
import type { Writable } from "node:stream";
import type { Column } from "@/lib/reports/types";
import { textCell, zoneOffsetMinutes } from "./cells";
import { endOut, writeOut } from "./out";
import type { FileWriter } from "./types";

export function csvWriter(out: Writable, timeZone: string): FileWriter {
  const offsetOf = zoneOffsetMinutes(timeZone);
  let columns: Column[] = [];
  let done = false; // CSV carries only the first dataset
  const opts = { newline: "\r\n", quotes: false, header: false } as const;
  return {
    firstDatasetOnly: true,
    async begin(ds) {
      if (done) return;
      columns = ds.columns;
      await writeOut(out, "\uFEFF" + Papa.unparse([columns.map((c) => c.label)], opts) + "\r\n");
    },
    async write(rows) {
      if (done || rows.length === 0) return;
      const data = rows.map((r) => columns.map((c) => textCell(c, r[c.key], offsetOf)));
      await writeOut(out, Papa.unparse(data, opts) + "\r\n");
    },
    async end() {
      done = true;
    },
    async finish() {
      await endOut(out);
    },
  };
}
