// Payouts report: each payout dated in the period, and a per-bucket summary
// (completed amount and count, pending, failed) for the XLSX second sheet.
//
// A payout's date is when its money moved: `completed_at` for a completed
// payout (as the dashboard's "payouts" counts it), `requested_at` for one
// still pending or processing, or failed. So every payout is in exactly one
// period, and `paid_amount` (the amount of completed payouts, 0 otherwise)
// totals to the dashboard's payouts for the range.
import { Prisma } from "@/lib/generated/prisma/client";
import { completedPayout } from "@/lib/rollups/fact-sql";
import type { FinancialParams } from "@/lib/validation/reports";
import type { Column, ReportPlan } from "../types";
import { baseParameters, bucketOf, bucketSeries, dayText, fileStemOf, inRange, reportRange } from "./sql";

export const PAYOUT_COLUMNS: Column[] = [
  { key: "payout_id", label: "Payout ID", kind: "text" },
  { key: "payout_date", label: "Date (completed, else requested)", kind: "datetime" },
  { key: "creator_id", label: "Creator ID", kind: "text" },
  { key: "creator_name", label: "Creator", kind: "text" },
  { key: "method", label: "Method", kind: "text" },
  { key: "status", label: "Status", kind: "text" },
  { key: "amount", label: "Amount", kind: "money" },
  { key: "paid_amount", label: "Paid (completed)", kind: "money" },
  { key: "requested_at", label: "Requested", kind: "datetime" },
  { key: "completed_at", label: "Completed", kind: "datetime" },
];

export const PAYOUT_BUCKET_COLUMNS: Column[] = [
  { key: "bucket", label: "Period start", kind: "date" },
  { key: "completed_count", label: "Completed", kind: "integer" },
  { key: "completed_amount", label: "Completed amount", kind: "money" },
  { key: "pending_count", label: "Pending or processing", kind: "integer" },
  { key: "pending_amount", label: "Pending amount", kind: "money" },
  { key: "failed_count", label: "Failed", kind: "integer" },
  { key: "failed_amount", label: "Failed amount", kind: "money" },
];

export function payoutsPlan(p: FinancialParams): ReportPlan {
  const r = reportRange(p);
  const completed = completedPayout("p");
  // each branch a range on its own index (payouts_completed_at_idx, payouts_requested_at_idx)
  const where = Prisma.sql`((${completed} AND ${inRange(Prisma.sql`p.completed_at`, r)})
    OR (NOT ${completed} AND ${inRange(Prisma.sql`p.requested_at`, r)}))`;
  const dated = Prisma.sql`CASE WHEN ${completed} THEN p.completed_at ELSE p.requested_at END`;
  const paid = Prisma.sql`CASE WHEN ${completed} THEN p.amount ELSE 0 END`;
  const rows = Prisma.sql`
SELECT p.id::text AS payout_id, ${dated} AS payout_date, p.creator_id::text AS creator_id,
       (SELECT u.name FROM users u WHERE u.id = p.creator_id) AS creator_name,
       p.method, p.status::text AS status, p.amount, (${paid})::numeric(12,2) AS paid_amount, p.requested_at, p.completed_at
FROM payouts p
WHERE ${where}
ORDER BY 2, p.id`;
  const series = bucketSeries(p, r);
  const buckets = Prisma.sql`
WITH x AS (
  SELECT ${bucketOf(dated, r)} AS bucket,
         COUNT(*) FILTER (WHERE p.status = 'completed') AS completed_count,
         SUM(p.amount) FILTER (WHERE p.status = 'completed') AS completed_amount,
         COUNT(*) FILTER (WHERE p.status IN ('pending', 'processing')) AS pending_count,
         SUM(p.amount) FILTER (WHERE p.status IN ('pending', 'processing')) AS pending_amount,
         COUNT(*) FILTER (WHERE p.status = 'failed') AS failed_count,
         SUM(p.amount) FILTER (WHERE p.status = 'failed') AS failed_amount
  FROM payouts p WHERE ${where} GROUP BY 1)
SELECT ${dayText(Prisma.sql`b.bucket`)} AS bucket,
       COALESCE(completed_count, 0)::integer AS completed_count, COALESCE(completed_amount, 0)::numeric(14,2) AS completed_amount,
       COALESCE(pending_count, 0)::integer AS pending_count, COALESCE(pending_amount, 0)::numeric(14,2) AS pending_amount,
       COALESCE(failed_count, 0)::integer AS failed_count, COALESCE(failed_amount, 0)::numeric(14,2) AS failed_amount
FROM ${series} b LEFT JOIN x ON x.bucket = b.bucket
ORDER BY b.bucket`;
  return {
    fileStem: fileStemOf(p),
    datasets: [
      { name: "Payouts", columns: PAYOUT_COLUMNS, sql: rows },
      { name: `By ${p.group_by}`, columns: PAYOUT_BUCKET_COLUMNS, sql: buckets },
    ],
    totalsSql: Prisma.sql`SELECT COALESCE(SUM(p.amount), 0)::numeric(14,2) AS amount,
      COALESCE(SUM(${paid}), 0)::numeric(14,2) AS paid_amount FROM payouts p WHERE ${where}`,
    countSql: Prisma.sql`SELECT count(*)::bigint AS n FROM payouts p WHERE ${where}`,
    parameters: baseParameters(p, { group_by: p.group_by }),
    timezone: p.timezone,
  };
}
