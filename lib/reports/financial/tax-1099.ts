// 1099-NEC: per US creator (users.is_us_person) paid in the tax year, the
// calendar year of end_date in UTC. Total paid = Σ completed payouts whose
// completed_at falls in the year (refunds never reduce it); reportable when it
// reaches the year's threshold; a reportable creator without a TIN is flagged.
// Only the TIN's last four digits exist in the database, and only they are
// written. start_date, group_by and the zone do not change the figures.
import { Prisma } from "@/lib/generated/prisma/client";
import { completedPayout } from "@/lib/rollups/fact-sql";
import type { FinancialParams } from "@/lib/validation/reports";
import type { Column, ReportPlan } from "../types";

/**
 * 1099-NEC filing thresholds by tax year: $600 through 2025, $2,000 for
 * payments after 2025-12-31 (indexed for inflation from 2027: add the IRS's
 * figure for each new year here, the one place the thresholds live).
 */
export const NEC_THRESHOLDS: readonly { fromYear: number; amount: string }[] = [
  { fromYear: 0, amount: "600.00" },
  { fromYear: 2026, amount: "2000.00" },
];

export function necThreshold(year: number): string {
  let found = NEC_THRESHOLDS[0].amount;
  for (const t of NEC_THRESHOLDS) if (year >= t.fromYear) found = t.amount;
  return found;
}

export const taxYearOf = (p: Pick<FinancialParams, "end_date">) => Number(p.end_date.slice(0, 4));

export const TAX_1099_COLUMNS: Column[] = [
  { key: "creator_id", label: "Creator ID", kind: "text" },
  { key: "legal_name", label: "Legal name", kind: "text" },
  { key: "email", label: "Email", kind: "text" },
  { key: "tin_last4", label: "TIN (last four)", kind: "text" },
  { key: "tax_year", label: "Tax year", kind: "integer" },
  { key: "total_paid", label: "Total paid", kind: "money" },
  { key: "payout_count", label: "Payouts", kind: "integer" },
  { key: "threshold", label: "Threshold", kind: "money" },
  { key: "reportable", label: "Reportable", kind: "boolean" },
  { key: "missing_tin", label: "Missing TIN", kind: "boolean" },
];

export function tax1099Plan(p: FinancialParams): ReportPlan {
  const year = taxYearOf(p);
  const threshold = necThreshold(year);
  const lo = `${year}-01-01T00:00:00Z`;
  const hi = `${year + 1}-01-01T00:00:00Z`;
  const rows = Prisma.sql`
WITH paid AS (
  SELECT creator_id, SUM(amount) AS total, COUNT(*) AS n FROM payouts
  WHERE ${completedPayout()} AND completed_at >= ${lo}::timestamptz AND completed_at < ${hi}::timestamptz
  GROUP BY 1)
SELECT u.id::text AS creator_id, u.name AS legal_name, u.email::text AS email, u.tin_last4::text AS tin_last4,
       ${year}::integer AS tax_year, paid.total::numeric(14,2) AS total_paid, paid.n::integer AS payout_count,
       ${threshold}::numeric(14,2) AS threshold,
       paid.total >= ${threshold}::numeric AS reportable,
       (paid.total >= ${threshold}::numeric AND u.tin_last4 IS NULL) AS missing_tin
FROM paid JOIN users u ON u.id = paid.creator_id
WHERE u.is_us_person
ORDER BY u.name, u.id`;
  return {
    fileStem: `tax_1099_${year}`,
    datasets: [{ name: `1099-NEC ${year}`, columns: TAX_1099_COLUMNS, sql: rows }],
    totalsSql: Prisma.sql`SELECT COALESCE(SUM(total_paid), 0)::numeric(14,2) AS total_paid,
      COALESCE(SUM(payout_count), 0)::integer AS payout_count FROM (${rows}) AS x`,
    countSql: Prisma.sql`SELECT count(*)::bigint AS n FROM (${rows}) AS x`,
    parameters: {
      report: "1099-NEC (US creators)",
      tax_year: String(year),
      threshold: threshold,
      year_range: `${year}-01-01 00:00 to ${year}-12-31 24:00 (UTC)`,
      note: "Total paid = completed payouts with completed_at in the tax year (UTC); TIN shown as its last four digits only",
    },
    timezone: p.timezone,
  };
}
