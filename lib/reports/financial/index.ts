// The financial reports of US-7.8 (METRICS.md "Reports"), each a ReportPlan
// that the run writers stream into a file. (Filled in by the financial
// reports work; the signature is the contract with lib/runs.)
import type { FinancialParams } from "@/lib/validation/reports";
import type { ReportPlan } from "../types";

export function financialReportPlan(params: FinancialParams): ReportPlan {
  throw new Error(`financial report ${params.report_type} is not built yet`);
}
