// The shapes shared by every report and export: a report or export is a
// plan of one or more datasets (ordered SELECTs), which the run writers
// (lib/runs) stream through a server-side cursor into CSV, JSON or XLSX.
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * How a column is typed in files. `money` comes from SQL as numeric (text, never
 * float) and becomes a number with a currency format in XLSX; `datetime` comes
 * as timestamptz and is written in the report's time zone; `date` comes as
 * 'YYYY-MM-DD' text already in that zone.
 */
export type ColumnKind = "text" | "integer" | "number" | "money" | "percent" | "date" | "datetime" | "boolean";

export interface Column {
  /** The SELECT's output column name. */
  key: string;
  label: string;
  kind: ColumnKind;
}

/** One table: an ordered SELECT whose output column names are the column keys. */
export interface Dataset {
  /** Sheet name in XLSX (≤ 31 characters). */
  name: string;
  columns: Column[];
  sql: Prisma.Sql;
}

export interface ReportPlan {
  /** File name without extension, e.g. `revenue_2026-01-01_2026-03-31`. */
  fileStem: string;
  /** datasets[0] is the main table: CSV and JSON carry only it; XLSX gets every dataset as a sheet. */
  datasets: Dataset[];
  /** A one-row SELECT of totals whose column names are keys of datasets[0] (XLSX summary sheet, preview). */
  totalsSql?: Prisma.Sql;
  /**
   * When the totals are by construction the sums of these columns of
   * datasets[0], a run sums them as the rows stream by (exactly) instead of
   * running totalsSql, which would read the tables a second time.
   */
  totalsFromRows?: string[];
  /** `SELECT count(*)::bigint AS n …` of datasets[0]: progress and estimated_time. */
  countSql: Prisma.Sql;
  /** The parameters as a reader of the file should see them (summary sheet). */
  parameters: Record<string, string>;
  /** The zone datetimes are written in. */
  timezone: string;
}
