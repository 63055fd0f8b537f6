// What the API routes and the pages call: create, read, cancel. Creation
// builds the plan first, so a plan that cannot be built (bad parameters, a
// report not built yet) is refused before any row is written.
import { trackSafely } from "@/lib/events/track";
import type { Db } from "@/lib/db";
import { exportPlan } from "@/lib/exports";
import { ApiError } from "@/lib/http/api";
import { dispatch } from "@/lib/jobs/dispatch";
import { jobForRunKind } from "@/lib/jobs/definitions";
import { financialReportPlan } from "@/lib/reports/financial";
import type { ReportPlan } from "@/lib/reports/types";
import type { FinancialReportRequest } from "@/lib/validation/reports";
import type { ExportRequest } from "@/lib/validation/runs";
import { estimatedSeconds } from "./config";
import { createRun, estimateRows, requestCancel } from "./create";
import { downloadLink } from "./links";
import { runView } from "./view";

const dispatchRun = (db: Db) => (r: { id: string; kind: string }) => dispatch(db, jobForRunKind(r.kind), { run_id: r.id });

function planOrError(build: () => ReportPlan): ReportPlan {
  try {
    return build();
  } catch (err) {
    throw new ApiError(501, "not_implemented", err instanceof Error ? err.message : String(err));
  }
}

export async function requestExport(db: Db, req: ExportRequest, userId: string, origin: string) {
  const { entity, format, notify, ...parameters } = req;
  const plan = exportPlan({ entity, filters: req.filters, timezone: req.timezone });
  const r = await createRun(db, { kind: "export", entity, parameters, format, requestedBy: userId, notify, linkOrigin: origin }, plan, dispatchRun(db));
  await trackSafely("export_requested", userId, { entity, format, run_id: r.run.id }, { db });
  return { export_id: r.run.id, status: "processing" as const, estimated_rows: r.estimatedRows, estimated_time: r.estimatedTime };
}

export async function estimateExport(db: Db, req: Omit<ExportRequest, "notify">) {
  const plan = exportPlan({ entity: req.entity, filters: req.filters, timezone: req.timezone });
  const rows = await estimateRows(db, plan, { planner: true });
  return { estimated_rows: rows, estimated_time: estimatedSeconds(rows, req.format), file_name: `${plan.fileStem}.${req.format}` };
}

export async function requestFinancialReport(db: Db, req: FinancialReportRequest, userId: string, origin: string) {
  const { report_type, format, ...parameters } = req;
  const plan = planOrError(() => financialReportPlan({ report_type, ...parameters }));
  const r = await createRun(db, { kind: "report", reportType: report_type, parameters, format, requestedBy: userId, notify: true, linkOrigin: origin }, plan, dispatchRun(db));
  await trackSafely("report_requested", userId, { report_type, format, run_id: r.run.id }, { db });
  return { report_run_id: r.run.id, status: "processing" as const, estimated_rows: r.estimatedRows, estimated_time: r.estimatedTime };
}

/** The run and, for the admin who asked and only once completed with its file kept, a fresh signed link. */
export async function runForUser(db: Db, id: string, userId: string, origin: string, kind?: "report" | "export") {
  const run = await db.reportRun.findUnique({ where: { id } });
  if (!run || (kind && run.kind !== kind)) throw new ApiError(404, "not_found", "no such run");
  const link = run.status === "completed" && !run.fileDeletedAt && run.requestedBy === userId ? downloadLink(run, origin) : null;
  return { report_run: runView(run), download_url: link?.url ?? null, download_expires_at: link?.expiresAt.toISOString() ?? null };
}

export async function cancelRun(db: Db, id: string) {
  const run = await db.reportRun.findUnique({ where: { id }, select: { id: true } });
  if (!run) throw new ApiError(404, "not_found", "no such run");
  if (!(await requestCancel(db, id))) throw new ApiError(409, "already_finished", "the run has already finished");
  return runView((await db.reportRun.findUnique({ where: { id } }))!);
}
