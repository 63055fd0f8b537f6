// Transactions report: every payment transaction (charges and refunds, any
// status) created in the period, one row each, oldest first. `net_amount` is
// the row's part in net revenue (METRICS.md: succeeded charges add, succeeded
// refunds subtract, pending and failed ones count 0), so the column's total is
// the dashboard's net revenue for the range.
//
// Streams from the created_at index in order (ties broken by id with an
// incremental sort); names come from one primary-key probe per row, never a
// join the planner could turn into a sort of the whole range.
import { Prisma } from "@/lib/generated/prisma/client";
import { isCharge, isRefund, succeededTransaction } from "@/lib/rollups/fact-sql";
import type { FinancialParams } from "@/lib/validation/reports";
import type { Column, ReportPlan } from "../types";
import { baseParameters, fileStemOf, inRange, reportRange } from "./sql";

export const TRANSACTION_COLUMNS: Column[] = [
  { key: "transaction_id", label: "Transaction ID", kind: "text" },
  { key: "created_at", label: "Created", kind: "datetime" },
  { key: "type", label: "Type", kind: "text" },
  { key: "status", label: "Status", kind: "text" },
  { key: "amount", label: "Amount", kind: "money" },
  { key: "net_amount", label: "Net revenue effect", kind: "money" },
  { key: "method", label: "Method", kind: "text" },
  { key: "uploader_id", label: "Uploader ID", kind: "text" },
  { key: "uploader_name", label: "Uploader", kind: "text" },
  { key: "upload_id", label: "Upload ID", kind: "text" },
];

const NET = Prisma.sql`CASE WHEN ${succeededTransaction("t")} AND ${isCharge("t")} THEN t.amount
                            WHEN ${succeededTransaction("t")} AND ${isRefund("t")} THEN -t.amount ELSE 0 END`;

export function transactionsPlan(p: FinancialParams): ReportPlan {
  const r = reportRange(p);
  const from = Prisma.sql`FROM payment_transactions t WHERE ${inRange(Prisma.sql`t.created_at`, r)}`;
  const rows = Prisma.sql`
SELECT t.id::text AS transaction_id, t.created_at, t.type::text AS type, t.status::text AS status,
       t.amount, (${NET})::numeric(12,2) AS net_amount, t.method,
       t.uploader_id::text AS uploader_id, (SELECT u.name FROM users u WHERE u.id = t.uploader_id) AS uploader_name,
       t.upload_id::text AS upload_id
${from}
ORDER BY t.created_at, t.id`;
  return {
    fileStem: fileStemOf(p),
    datasets: [{ name: "Transactions", columns: TRANSACTION_COLUMNS, sql: rows }],
    totalsSql: Prisma.sql`SELECT COALESCE(SUM(t.amount), 0)::numeric(14,2) AS amount, COALESCE(SUM(${NET}), 0)::numeric(14,2) AS net_amount ${from}`,
    countSql: Prisma.sql`SELECT count(*)::bigint AS n ${from}`,
    parameters: baseParameters(p),
    timezone: p.timezone,
  };
}
