// JSON as one streamed array of objects keyed by column key, or NDJSON (one
// object per line). Only datasets[0] is written.
import type { Writable } from "node:stream";
import type { Column } from "@/lib/reports/types";
import { jsonCell, zoneOffsetMinutes } from "./cells";
import { endOut, writeOut } from "./out";
import type { FileWriter } from "./types";

export function jsonWriter(out: Writable, timeZone: string, opts: { ndjson?: boolean } = {}): FileWriter {
  const offsetOf = zoneOffsetMinutes(timeZone);
  let columns: Column[] = [];
  let done = false;
  let first = true;
  const obj = (r: Record<string, unknown>) => {
    const o: Record<string, unknown> = {};
    for (const c of columns) o[c.key] = jsonCell(c, r[c.key], offsetOf);
    return JSON.stringify(o);
  };
  return {
    firstDatasetOnly: true,
    async begin(ds) {
      if (done) return;
      columns = ds.columns;
      if (!opts.ndjson) await writeOut(out, "[");
    },
    async write(rows) {
      if (done || rows.length === 0) return;
      if (opts.ndjson) return writeOut(out, rows.map(obj).join("\n") + "\n");
      const body = rows.map(obj).join(",\n");
      await writeOut(out, (first ? "\n" : ",\n") + body);
      first = false;
    },
    async end() {
      if (done) return;
      done = true;
      if (!opts.ndjson) await writeOut(out, first ? "]\n" : "\n]\n");
    },
    async finish() {
      await endOut(out);
    },
  };
}
