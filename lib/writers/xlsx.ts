// XLSX through exceljs's streaming WorkbookWriter: rows are committed as they
// come, so memory stays flat whatever the row count. Money is a number with a
// currency format, datetimes are dates in the report's zone, the header is
// bold and frozen with an auto-filter; a sheet past the row limit continues on
// "<name> 2", "<name> 3"… Text cells are neutralized like the CSV's, so the
// two files of one run say the same thing.
import { once } from "node:events";
import ExcelJS from "exceljs";
import type { Writable } from "node:stream";
import type { Column, ColumnKind, Dataset } from "@/lib/reports/types";
import { neutralizeFormula, wallClockDate, zoneOffsetMinutes } from "./cells";
import type { FileWriter, Row } from "./types";

/** Excel's last row is 1,048,576; one is the header. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  money: '"$"#,##0.00;-"$"#,##0.00',
  integer: "0",
  number: "#,##0.########",
  percent: '0.00"%"',
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm:ss",
};

const WIDTH: Record<ColumnKind, number> = { text: 14, integer: 10, number: 12, money: 14, percent: 10, date: 12, datetime: 20, boolean: 8 };

/** Sheet names: at most 31 characters, none of \ / ? * [ ] : */
export function sheetName(name: string, part: number): string {
  const clean = name.replace(/[\\/?*[\]:]/g, " ").trim() || "Sheet";
  const suffix = part > 1 ? ` ${part}` : "";
  return clean.slice(0, 31 - suffix.length) + suffix;
}

function cellValue(col: Column, v: unknown, offsetOf: (ms: number) => number): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case "integer":
    case "number":
    case "money":
    case "percent":
      return Number(v);
    case "datetime":
      return wallClockDate(v instanceof Date ? v : new Date(String(v)), offsetOf);
    case "date":
      return v instanceof Date ? v : new Date(`${String(v).slice(0, 10)}T00:00:00Z`);
    case "boolean":
      return Boolean(v);
    default:
      return neutralizeFormula(String(v));
  }
}

export function xlsxWriter(out: Writable, timeZone: string, opts: { maxRowsPerSheet?: number } = {}): FileWriter {
  const maxRows = opts.maxRowsPerSheet ?? XLSX_MAX_DATA_ROWS;
  const offsetOf = zoneOffsetMinutes(timeZone);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let ds: Dataset | null = null;
  let ws: ExcelJS.Worksheet | null = null;
  let part = 0;
  let rowsInSheet = 0;
  let widths: number[] = [];

  const openSheet = () => {
    part++;
    ws = wb.addWorksheet(sheetName(ds!.name, part), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = ds!.columns.map((c, i) => ({ key: c.key, width: widths[i], style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {} }));
    const header = ws.addRow(ds!.columns.map((c) => c.label));
    header.font = { bold: true };
    header.commit();
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ds!.columns.length } };
    rowsInSheet = 0;
  };

  return {
    firstDatasetOnly: false,
    async begin(dataset) {
      ds = dataset;
      part = 0;
      ws = null;
      widths = dataset.columns.map((c) => Math.max(WIDTH[c.kind], Math.min(50, c.label.length + 2)));
    },
    async write(rows) {
      if (!ds) throw new Error("write before begin");
      if (!ws) {
        // Widths from the header and the first chunk (a streamed sheet fixes them before its first row).
        ds.columns.forEach((c, i) => {
          if (c.kind !== "text") return;
          for (const r of rows.slice(0, 500)) widths[i] = Math.max(widths[i], Math.min(50, String(r[c.key] ?? "").length + 2));
        });
        openSheet();
      }
      for (const r of rows) {
        if (rowsInSheet >= maxRows) {
          ws!.commit();
          openSheet();
        }
        ws!.addRow(ds.columns.map((c) => cellValue(c, r[c.key], offsetOf))).commit();
        rowsInSheet++;
      }
      // exceljs appends to its zip without backpressure: wait until the zip and
      // the output have flushed before reading the next chunk, so memory stays flat.
      const zip = (wb as unknown as { zip?: { readableLength?: number } }).zip;
      for (let i = 0; i < 1000 && ((zip?.readableLength ?? 0) > 1 << 20 || out.writableNeedDrain); i++) {
        if (out.writableNeedDrain) await once(out, "drain");
        else await new Promise((r) => setImmediate(r));
      }
      await new Promise((r) => setImmediate(r));
    },
    async end() {
      if (!ds) return;
      if (!ws) openSheet(); // an empty result still gets its header
      ws!.commit();
      ws = null;
    },
    async finish(summary) {
      if (summary) {
        const s = wb.addWorksheet("Summary");
        s.columns = [{ width: 28 }, { width: 32 }];
        const title = s.addRow(["Parameters"]);
        title.font = { bold: true };
        title.commit();
        for (const [k, v] of Object.entries(summary.parameters)) s.addRow([k, neutralizeFormula(v)]).commit();
        if (summary.totals) {
          s.addRow([]).commit();
          const t = s.addRow(["Totals"]);
          t.font = { bold: true };
          t.commit();
          for (const c of summary.columns) {
            if (!(c.key in summary.totals)) continue;
            const row = s.addRow([c.label, cellValue(c, summary.totals[c.key] as Row[string], offsetOf)]);
            if (NUM_FMT[c.kind]) row.getCell(2).numFmt = NUM_FMT[c.kind]!;
            row.commit();
          }
        }
        s.commit();
      }
      await wb.commit();
    },
  };
}
