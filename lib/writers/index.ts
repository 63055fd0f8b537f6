import type { Writable } from "node:stream";
import { csvWriter } from "./csv";
import { jsonWriter } from "./json";
import { xlsxWriter } from "./xlsx";
import type { FileFormat, FileWriter } from "./types";

export { CONTENT_TYPES, type FileFormat, type FileWriter, type Row } from "./types";

export function writerFor(format: FileFormat, out: Writable, timeZone: string, opts: { maxRowsPerSheet?: number } = {}): FileWriter {
  switch (format) {
    case "csv":
      return csvWriter(out, timeZone);
    case "json":
      return jsonWriter(out, timeZone);
    case "ndjson":
      return jsonWriter(out, timeZone, { ndjson: true });
    case "xlsx":
      return xlsxWriter(out, timeZone, opts);
  }
}

export const EXTENSIONS: Record<FileFormat, string> = { csv: "csv", json: "json", ndjson: "ndjson", xlsx: "xlsx" };
