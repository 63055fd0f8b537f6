// The preview of a financial report before it is generated: its first rows,
// its totals and how many rows the file will have — the same plan the run
// streams, read with a LIMIT. Used by /admin/reports (through
// POST /api/v1/admin/reports/financial/preview).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { FinancialParams } from "@/lib/validation/reports";
import type { Column, ColumnKind } from "../types";
import { financialReportPlan } from "./index";

export type PreviewValue = string | number | boolean | null;
export type FinancialPreview = {
  columns: Column[];
  /** Money as numbers rounded to cents, datetimes as ISO instants, dates as 'YYYY-MM-DD'. */
  rows: Record<string, PreviewValue>[];
  totals: Record<string, PreviewValue> | null;
  /** Rows the report will have (an exact count at the time of the preview). */
  estimated_rows: number;
  file_stem: string;
  parameters: Record<string, string>;
  timezone: string;
  /** The per-bucket table (revenue's rows; payouts' and refunds' bucket sheet), first CHART_BUCKETS buckets, for a chart; null for reports without buckets. */
  buckets: { columns: Column[]; rows: Record<string, PreviewValue>[] } | null;
};

export const CHART_BUCKETS = 400;

function jsonValue(kind: ColumnKind, v: unknown): PreviewValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case "money":
    case "number":
    case "percent":
      return Math.round(Number(String(v)) * 100) / 100;
    case "integer":
      return Number(v);
    case "datetime":
      return v instanceof Date ? v.toISOString() : String(v);
    case "boolean":
      return Boolean(v);
    default:
      return String(v);
  }
}

function toJson(columns: Column[], row: Record<string, unknown>): Record<string, PreviewValue> {
  const out: Record<string, PreviewValue> = {};
  for (const c of columns) if (c.key in row) out[c.key] = jsonValue(c.kind, row[c.key]);
  return out;
}

export async function previewFinancialReport(db: Db, params: FinancialParams, limit = 20): Promise<FinancialPreview> {
  const plan = financialReportPlan(params);
  const main = plan.datasets[0];
  const bucketSet = plan.datasets.find((d) => d.columns[0]?.key === "bucket") ?? null;
  const [rows, totals, count, buckets] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT * FROM (${main.sql}) AS preview LIMIT ${limit}::integer`),
    plan.totalsSql ? db.$queryRaw<Record<string, unknown>[]>(plan.totalsSql) : Promise.resolve([]),
    db.$queryRaw<{ n: bigint }[]>(plan.countSql),
    bucketSet
      ? db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT * FROM (${bucketSet.sql}) AS b LIMIT ${CHART_BUCKETS}::integer`)
      : Promise.resolve(null),
  ]);
  return {
    columns: main.columns,
    rows: rows.map((r) => toJson(main.columns, r)),
    totals: totals[0] ? toJson(main.columns, totals[0]) : null,
    estimated_rows: Number(count[0]?.n ?? 0),
    file_stem: plan.fileStem,
    parameters: plan.parameters,
    timezone: plan.timezone,
    buckets: bucketSet && buckets ? { columns: bucketSet.columns, rows: buckets.map((r) => toJson(bucketSet.columns, r)) } : null,
  };
}
