// Refunds report: each succeeded refund created in the period (METRICS.md
// "refunds"), with the charge it returns, and a per-bucket summary (count and
// amount) for the XLSX second sheet. The amount column's total is the
// dashboard's refunds for the range.
//
// A refund row does not store its charge: the original charge is the
// succeeded charge of the same upload and uploader made before the refund,
// preferring one of the same amount (a full refund of one output), then the
// latest — one index probe per refund on payment_transactions(upload_id).
import { Prisma } from "@/lib/generated/prisma/client";
import { isCharge, isRefund, succeededTransaction } from "@/lib/rollups/fact-sql";
import type { FinancialParams } from "@/lib/validation/reports";
import type { Column, ReportPlan } from "../types";
import { baseParameters, bucketOf, bucketSeries, dayText, fileStemOf, inRange, reportRange } from "./sql";

export const REFUND_COLUMNS: Column[] = [
  { key: "refund_id", label: "Refund ID", kind: "text" },
  { key: "created_at", label: "Created", kind: "datetime" },
  { key: "amount", label: "Amount", kind: "money" },
  { key: "method", label: "Method", kind: "text" },
  { key: "charge_id", label: "Original charge ID", kind: "text" },
  { key: "charge_amount", label: "Original charge amount", kind: "money" },
  { key: "charge_created_at", label: "Original charge created", kind: "datetime" },
  { key: "uploader_id", label: "Uploader ID", kind: "text" },
  { key: "uploader_name", label: "Uploader", kind: "text" },
  { key: "upload_id", label: "Upload ID", kind: "text" },
];

export const REFUND_BUCKET_COLUMNS: Column[] = [
  { key: "bucket", label: "Period start", kind: "date" },
  { key: "refund_count", label: "Refunds", kind: "integer" },
  { key: "refund_amount", label: "Amount", kind: "money" },
];

export function refundsPlan(p: FinancialParams): ReportPlan {
  const r = reportRange(p);
  const where = Prisma.sql`${succeededTransaction("t")} AND ${isRefund("t")} AND ${inRange(Prisma.sql`t.created_at`, r)}`;
  const rows = Prisma.sql`
SELECT t.id::text AS refund_id, t.created_at, t.amount, t.method,
       c.id::text AS charge_id, c.amount AS charge_amount, c.created_at AS charge_created_at,
       t.uploader_id::text AS uploader_id, (SELECT u.name FROM users u WHERE u.id = t.uploader_id) AS uploader_name,
       t.upload_id::text AS upload_id
FROM payment_transactions t
LEFT JOIN LATERAL (
  SELECT c.id, c.amount, c.created_at FROM payment_transactions c
  WHERE c.upload_id = t.upload_id AND c.uploader_id = t.uploader_id AND ${isCharge("c")} AND ${succeededTransaction("c")}
    AND c.created_at <= t.created_at
  ORDER BY (c.amount = t.amount) DESC, c.created_at DESC, c.id
  LIMIT 1) c ON true
WHERE ${where}
ORDER BY t.created_at, t.id`;
  const series = bucketSeries(p, r);
  const buckets = Prisma.sql`
WITH x AS (
  SELECT ${bucketOf(Prisma.sql`t.created_at`, r)} AS bucket, COUNT(*) AS n, SUM(t.amount) AS amount
  FROM payment_transactions t WHERE ${where} GROUP BY 1)
SELECT ${dayText(Prisma.sql`b.bucket`)} AS bucket, COALESCE(x.n, 0)::integer AS refund_count,
       COALESCE(x.amount, 0)::numeric(14,2) AS refund_amount
FROM ${series} b LEFT JOIN x ON x.bucket = b.bucket
ORDER BY b.bucket`;
  return {
    fileStem: fileStemOf(p),
    datasets: [
      { name: "Refunds", columns: REFUND_COLUMNS, sql: rows },
      { name: `By ${p.group_by}`, columns: REFUND_BUCKET_COLUMNS, sql: buckets },
    ],
    totalsSql: Prisma.sql`SELECT COALESCE(SUM(t.amount), 0)::numeric(14,2) AS amount FROM payment_transactions t WHERE ${where}`,
    countSql: Prisma.sql`SELECT count(*)::bigint AS n FROM payment_transactions t WHERE ${where}`,
    parameters: baseParameters(p, { group_by: p.group_by }),
    timezone: p.timezone,
  };
}
