// Revenue report: one row per bucket (day, week from Monday, month in the
// report's zone) with the platform dashboard's money metrics (METRICS.md
// "Money"): charges, refunds, net revenue, transaction count, payouts, cash
// margin, creator earnings and accrued margin. The row predicates are the
// dashboard's own (lib/rollups/fact-sql.ts, also used by the daily metrics
// SQL), so a range's totals equal the dashboard's numbers for that range.
//
// Each fact table is aggregated on its own over the period (a sargable range
// on its indexed timestamp), grouped by bucket, then joined to the series of
// buckets: nothing is joined across fact tables, so nothing is multiplied.
import { Prisma } from "@/lib/generated/prisma/client";
import { approvedAssignment, completedPayout, isCharge, isRefund, succeededTransaction } from "@/lib/rollups/fact-sql";
import type { FinancialParams } from "@/lib/validation/reports";
import type { Column, ReportPlan } from "../types";
import { baseParameters, bucketSeries, bucketSums, dayText, fileStemOf, reportRange } from "./sql";

export const REVENUE_COLUMNS: Column[] = [
  { key: "bucket", label: "Period start", kind: "date" },
  { key: "charges", label: "Charges (gross revenue)", kind: "money" },
  { key: "refunds", label: "Refunds", kind: "money" },
  { key: "net_revenue", label: "Net revenue", kind: "money" },
  { key: "transaction_count", label: "Transactions", kind: "integer" },
  { key: "payouts", label: "Payouts", kind: "money" },
  { key: "platform_margin", label: "Platform margin (cash)", kind: "money" },
  { key: "creator_earnings", label: "Creator earnings", kind: "money" },
  { key: "accrued_margin", label: "Accrued margin", kind: "money" },
];

const MONEY = ["charges", "refunds", "net_revenue", "payouts", "platform_margin", "creator_earnings", "accrued_margin"];

export function revenuePlan(p: FinancialParams): ReportPlan {
  const r = reportRange(p);
  const series = bucketSeries(p, r);
  const rows = Prisma.sql`
WITH
  tx AS (${bucketSums(r, Prisma.sql`created_at`, Prisma.sql`payment_transactions`, Prisma.sql`${succeededTransaction()}`, {
    charges: Prisma.sql`SUM(amount) FILTER (WHERE ${isCharge()})`,
    refunds: Prisma.sql`SUM(amount) FILTER (WHERE ${isRefund()})`,
    n: Prisma.sql`COUNT(*)`,
  })}),
  po AS (${bucketSums(r, Prisma.sql`completed_at`, Prisma.sql`payouts`, completedPayout(), { payouts: Prisma.sql`SUM(amount)` })}),
  ea AS (${bucketSums(r, Prisma.sql`completed_at`, Prisma.sql`assignments`, approvedAssignment(), { earnings: Prisma.sql`SUM(creator_payout)` })}),
  v AS (
    SELECT b.bucket,
           COALESCE(tx.charges, 0) AS charges, COALESCE(tx.refunds, 0) AS refunds, COALESCE(tx.n, 0) AS n,
           COALESCE(po.payouts, 0) AS payouts, COALESCE(ea.earnings, 0) AS earnings
    FROM ${series} b
    LEFT JOIN tx ON tx.bucket = b.bucket
    LEFT JOIN po ON po.bucket = b.bucket
    LEFT JOIN ea ON ea.bucket = b.bucket)
SELECT ${dayText(Prisma.sql`bucket`)} AS bucket,
       charges::numeric(14,2) AS charges,
       refunds::numeric(14,2) AS refunds,
       (charges - refunds)::numeric(14,2) AS net_revenue,
       n::integer AS transaction_count,
       payouts::numeric(14,2) AS payouts,
       (charges - refunds - payouts)::numeric(14,2) AS platform_margin,
       earnings::numeric(14,2) AS creator_earnings,
       (charges - refunds - earnings)::numeric(14,2) AS accrued_margin
FROM v
ORDER BY v.bucket`;

  // totals = the sum of the rows, by construction (exact numeric sums)
  const totals = Prisma.sql`SELECT ${Prisma.raw(MONEY.map((k) => `COALESCE(SUM(${k}), 0)::numeric(14,2) AS ${k}`).join(", "))},
    COALESCE(SUM(transaction_count), 0)::integer AS transaction_count
  FROM (${rows}) AS x`;

  return {
    fileStem: fileStemOf(p),
    datasets: [{ name: "Revenue", columns: REVENUE_COLUMNS, sql: rows }],
    totalsSql: totals,
    // a run sums the streamed rows instead of running `totals` (a second pass over a year of facts)
    totalsFromRows: [...MONEY, "transaction_count"],
    countSql: Prisma.sql`SELECT count(*)::bigint AS n FROM ${series} b`,
    parameters: baseParameters(p, { group_by: p.group_by }),
    timezone: p.timezone,
  };
}
