// The financial reports of US-7.8 (METRICS.md "Reports"), each a ReportPlan
// that the run writers stream into a file, and that the preview reads the
// first rows of. One file per report.
import type { FinancialParams } from "@/lib/validation/reports";
import type { ReportPlan } from "../types";
import { outstandingBalancesPlan } from "./outstanding-balances";
import { payoutsPlan } from "./payouts";
import { refundsPlan } from "./refunds";
import { revenuePlan } from "./revenue";
import { tax1099Plan } from "./tax-1099";
import { transactionsPlan } from "./transactions";

const PLANS: Record<FinancialParams["report_type"], (p: FinancialParams) => ReportPlan> = {
  revenue: revenuePlan,
  payouts: payoutsPlan,
  transactions: transactionsPlan,
  refunds: refundsPlan,
  outstanding_balances: outstandingBalancesPlan,
  tax_1099: tax1099Plan,
};

export function financialReportPlan(params: FinancialParams): ReportPlan {
  const plan = PLANS[params.report_type];
  if (!plan) throw new Error(`unknown financial report ${String(params.report_type)}`);
  return plan(params);
}
