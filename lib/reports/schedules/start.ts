// Starting a slot of a saved report (scheduled instant, "Run now", "Send now")
// as a run of the run engine: the slot is claimed (pending → running), its
// report_runs row created and linked (report_schedule_slots.run_id, unique)
// in one transaction — a crash leaves either a pending slot (started again by
// the next tick within the hour) or a slot with its run, never a running slot
// without one — then the saved-report-run job is dispatched (Inngest or
// in-process). The run writes the file through lib/writers into the file
// store with progress like any report run; deliver.ts emails it when it ends.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { resolveDateRange } from "@/lib/reports/builder";
import { planForRun, type CustomRunParams } from "@/lib/runs/plan";
import { financialConfigSchema, reportConfigSchema } from "@/lib/validation/custom-reports";
import type { FinancialParams } from "@/lib/validation/reports";
import { EXTENSIONS, type FileFormat } from "@/lib/writers";
import { failSlot, loadSlot } from "./deliver";

export type DispatchRun = (run: { id: string }) => Promise<unknown>;

type SavedForRun = { name: string; report_type: string; config: unknown; format: string };

/**
 * What a saved report's run streams as of `asOf` (its relative range resolves
 * then): the run's report type and stored parameters, the period for the
 * email, and the file format ("none", inline only, still writes a CSV that the
 * email neither attaches nor links). Throws when the saved config no longer parses.
 */
export function savedReportRun(report: SavedForRun, asOf: Date) {
  let parameters: Record<string, unknown>;
  let period: { start_date: string; end_date: string; timezone: string };
  if (report.report_type === "custom") {
    const config = reportConfigSchema.parse(report.config);
    const r = resolveDateRange(config.date_range, config.timezone, asOf);
    period = { start_date: r.start_date, end_date: r.end_date, timezone: r.timezone };
    parameters = { config, as_of: asOf.toISOString(), name: report.name } satisfies CustomRunParams;
  } else {
    // a financial report saved with a (relative) range: the US-7.8 request of that period
    const c = financialConfigSchema.parse(report.config);
    const r = resolveDateRange(c.date_range, c.timezone, asOf);
    period = { start_date: r.start_date, end_date: r.end_date, timezone: r.timezone };
    parameters = { start_date: r.start_date, end_date: r.end_date, group_by: c.group_by, timezone: c.timezone } satisfies Omit<FinancialParams, "report_type">;
  }
  const format = (report.format === "none" ? "csv" : report.format) as FileFormat;
  const plan = planForRun({ kind: "report", entity: null, reportType: report.report_type, parameters: parameters as Prisma.JsonObject });
  return { reportType: report.report_type, parameters, period, format, fileName: `${plan.fileStem}.${EXTENSIONS[format]}` };
}

/**
 * Starts a pending slot: "running" with its run, or "not pending" when another
 * dispatcher (or an earlier call) has it, or "failed" when the report cannot
 * be built (the reason is recorded and the owner told, like any failure).
 */
export async function startSlot(db: Db, slotId: string, now: Date, dispatchRun: DispatchRun, linkOrigin?: string): Promise<string> {
  const slot = await loadSlot(db, slotId);
  if (!slot || slot.status !== "pending") return "not pending";
  let built: ReturnType<typeof savedReportRun>;
  try {
    built = savedReportRun(slot, slot.scheduled_for);
  } catch (err) {
    const claimed = await db.$executeRaw(Prisma.sql`UPDATE report_schedule_slots SET status = 'running' WHERE id = ${slotId}::uuid AND status = 'pending'`);
    if (!claimed) return "not pending";
    await failSlot(db, slot, `the report could not be built: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`, now);
    return "failed";
  }
  const runId = await db.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw(Prisma.sql`
      UPDATE report_schedule_slots SET status = 'running', period_start = ${built.period.start_date}::date, period_end = ${built.period.end_date}::date
      WHERE id = ${slotId}::uuid AND status = 'pending'`);
    if (!claimed) return null;
    const run = await tx.reportRun.create({
      data: {
        kind: "report",
        reportId: slot.report_id,
        reportType: built.reportType,
        parameters: built.parameters as Prisma.InputJsonObject,
        format: built.format,
        // who the emailed link is signed for: who pressed "Send now"/"Run now", else the schedule's owner
        requestedBy: slot.requested_by ?? slot.owner_id,
        notify: false, // the recipients get the report itself (deliver.ts), not "your export is ready"
        fileName: built.fileName,
        linkOrigin: linkOrigin ?? null,
        status: "pending",
      },
    });
    await tx.reportScheduleSlot.update({ where: { id: slotId }, data: { runId: run.id } });
    await tx.savedReport.update({ where: { id: slot.report_id }, data: { lastRunStatus: "running" } });
    return run.id;
  });
  if (!runId) return "not pending";
  try {
    await dispatchRun({ id: runId });
  } catch (err) {
    // a lost dispatch leaves the run pending: the runs reaper dispatches it again (lib/runs/reaper.ts)
    console.error(`[schedules] dispatch of run ${runId} (slot ${slotId}) failed; the reaper will retry it:`, err);
  }
  return "running";
}
