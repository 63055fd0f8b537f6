// Which plan a run streams: rebuilt from the row's stored parameters, so any
// worker (and any retry) produces the same file.
import type { ReportRun } from "@/lib/generated/prisma/client";
import { exportPlan, type ExportParams } from "@/lib/exports";
import { financialReportPlan } from "@/lib/reports/financial";
import type { ReportPlan } from "@/lib/reports/types";
import type { FinancialParams } from "@/lib/validation/reports";

export function planForRun(run: Pick<ReportRun, "kind" | "entity" | "reportType" | "parameters">): ReportPlan {
  const p = (run.parameters ?? {}) as Record<string, unknown>;
  if (run.kind === "export") return exportPlan({ ...(p as Omit<ExportParams, "entity">), entity: run.entity } as ExportParams);
  return financialReportPlan({ ...(p as Omit<FinancialParams, "report_type">), report_type: run.reportType } as FinancialParams);
}
