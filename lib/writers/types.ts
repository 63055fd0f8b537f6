// One writer per format with the same steps (Metabase's StreamingResultsWriter
// shape): begin a dataset, write chunks of rows, end it, finish the file.
// Writers write into a Node stream; the run pipes it to storage.
import type { Column, Dataset } from "@/lib/reports/types";

export type Row = Record<string, unknown>;

export interface FileWriter {
  begin(dataset: Dataset): Promise<void>;
  /** One chunk of rows (in dataset order); resolves when the output can take more. */
  write(rows: Row[]): Promise<void>;
  end(): Promise<void>;
  /** Writes any trailer (e.g. the XLSX summary sheet) and closes the output. */
  finish(summary?: { parameters: Record<string, string>; totals: Row | null; columns: Column[] }): Promise<void>;
  /** True when the writer carries only the first dataset (CSV, JSON). */
  readonly firstDatasetOnly: boolean;
}

export type FileFormat = "csv" | "xlsx" | "json" | "ndjson";

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
