// Outstanding balances: per creator, as of the end of end_date in the report's
// zone (METRICS.md "available balance", at that instant):
//   earned to date = Σ creator_payout of approved assignments completed before it;
//   paid           = Σ completed payouts completed before it;
//   in flight      = Σ payouts requested before it that were not completed by
//                    then and have not failed (pending, processing, or
//                    completed later);
//   available      = earned − paid − in flight.
// With end_date today this is the creators' available balance now, and the
// total is the platform's outstanding balance. Creators with nothing earned
// or requested by then are left out. start_date does not matter.
import { Prisma } from "@/lib/generated/prisma/client";
import { approvedAssignment } from "@/lib/rollups/fact-sql";
import type { FinancialParams } from "@/lib/validation/reports";
import type { Column, ReportPlan } from "../types";
import { baseParameters, reportRange } from "./sql";

export const BALANCE_COLUMNS: Column[] = [
  { key: "creator_id", label: "Creator ID", kind: "text" },
  { key: "creator_name", label: "Creator", kind: "text" },
  { key: "email", label: "Email", kind: "text" },
  { key: "earned_to_date", label: "Earned to date", kind: "money" },
  { key: "paid", label: "Paid (completed payouts)", kind: "money" },
  { key: "in_flight", label: "In flight (pending, processing)", kind: "money" },
  { key: "available_balance", label: "Available balance", kind: "money" },
];

const MONEY = ["earned_to_date", "paid", "in_flight", "available_balance"];

export function outstandingBalancesPlan(p: FinancialParams): ReportPlan {
  const { hi } = reportRange(p);
  const rows = Prisma.sql`
WITH
  e AS (
    SELECT creator_id, SUM(creator_payout) AS earned FROM assignments
    WHERE ${approvedAssignment()} AND completed_at < ${hi} AND creator_id IS NOT NULL GROUP BY 1),
  po AS (
    SELECT creator_id,
           SUM(amount) FILTER (WHERE status = 'completed' AND completed_at < ${hi}) AS paid,
           SUM(amount) FILTER (WHERE NOT (status = 'completed' AND completed_at < ${hi})) AS in_flight
    FROM payouts
    WHERE requested_at < ${hi} AND status IN ('pending', 'processing', 'completed') GROUP BY 1),
  v AS (
    SELECT COALESCE(e.creator_id, po.creator_id) AS creator_id,
           COALESCE(e.earned, 0) AS earned, COALESCE(po.paid, 0) AS paid, COALESCE(po.in_flight, 0) AS in_flight
    FROM e FULL JOIN po ON po.creator_id = e.creator_id)
SELECT v.creator_id::text AS creator_id, u.name AS creator_name, u.email::text AS email,
       v.earned::numeric(14,2) AS earned_to_date, v.paid::numeric(14,2) AS paid, v.in_flight::numeric(14,2) AS in_flight,
       (v.earned - v.paid - v.in_flight)::numeric(14,2) AS available_balance
FROM v JOIN users u ON u.id = v.creator_id
ORDER BY u.name, v.creator_id`;
  return {
    fileStem: `outstanding_balances_${p.end_date}`,
    datasets: [{ name: "Outstanding balances", columns: BALANCE_COLUMNS, sql: rows }],
    totalsSql: Prisma.sql`SELECT ${Prisma.raw(MONEY.map((k) => `COALESCE(SUM(${k}), 0)::numeric(14,2) AS ${k}`).join(", "))} FROM (${rows}) AS x`,
    countSql: Prisma.sql`SELECT count(*)::bigint AS n FROM (${rows}) AS x`,
    parameters: {
      report: "Outstanding balances",
      as_of: `${p.end_date} 24:00 (${p.timezone})`,
      time_zone: p.timezone,
    },
    timezone: p.timezone,
  };
}
