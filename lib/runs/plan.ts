// Which plan a run streams: rebuilt from the row's stored parameters, so any
// worker (and any retry) produces the same file.
import type { ReportRun } from "@/lib/generated/prisma/client";
import { exportPlan, type ExportParams } from "@/lib/exports";
import { customReportPlan } from "@/lib/reports/builder";
import { financialReportPlan } from "@/lib/reports/financial";
import type { ReportPlan } from "@/lib/reports/types";
import { reportConfigSchema } from "@/lib/validation/custom-reports";
import type { FinancialParams } from "@/lib/validation/reports";

/** A custom report run's parameters: the saved config, the instant its relative range resolves at, the report's name (file stem). */
export type CustomRunParams = { config: unknown; as_of: string; name: string };

export function planForRun(run: Pick<ReportRun, "kind" | "entity" | "reportType" | "parameters">): ReportPlan {
  const p = (run.parameters ?? {}) as Record<string, unknown>;
  if (run.kind === "export") return exportPlan({ ...(p as Omit<ExportParams, "entity">), entity: run.entity } as ExportParams);
  if (run.reportType === "custom") {
    const c = p as CustomRunParams;
    return customReportPlan(reportConfigSchema.parse(c.config), new Date(c.as_of), c.name);
  }
  return financialReportPlan({ ...(p as Omit<FinancialParams, "report_type">), report_type: run.reportType } as FinancialParams);
}
