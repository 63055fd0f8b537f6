// "Run now" and "Send now" on a saved report: a slot of its own (trigger
// run_now: the file is written and recorded, not emailed; send_now: emailed to
// every recipient whatever the send condition), started at once as a report
// run like a scheduled slot; and the report's runs with their delivery log.
import type { Db } from "@/lib/db";
import { ApiError } from "@/lib/http/api";
import { runView, type RunView } from "@/lib/runs/view";
import { dispatchSavedRun } from "./job";
import { startSlot, type DispatchRun } from "./start";

export type SlotView = {
  id: string; report_id: string; trigger: string; scheduled_for: string; status: string; reason: string | null;
  row_count: number | null; period: { start_date: string; end_date: string } | null; created_at: string; finished_at: string | null;
  /** The report run that writes this slot's file (GET /api/v1/admin/reports/runs/:id), with its progress. */
  run_id: string | null;
  report_run: Pick<RunView, "id" | "status" | "progress" | "row_count" | "format" | "file_name" | "file_size_bytes" | "error_message" | "expires_at"> | null;
  deliveries: { recipient: string; status: string; attempts: number; error: string | null; outbox_email_id: string | null }[];
};

type SlotWithDeliveries = NonNullable<Awaited<ReturnType<typeof findSlot>>>;
const findSlot = (db: Db, id: string) =>
  db.reportScheduleSlot.findUnique({ where: { id }, include: { deliveries: { orderBy: { recipient: "asc" } }, run: true } });
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function slotView(s: SlotWithDeliveries): SlotView {
  const r = s.run ? runView(s.run) : null;
  return {
    id: s.id, report_id: s.reportId, trigger: s.trigger, scheduled_for: s.scheduledFor.toISOString(), status: s.status, reason: s.reason,
    row_count: s.rowCount, period: s.periodStart ? { start_date: day(s.periodStart)!, end_date: day(s.periodEnd)! } : null,
    created_at: s.createdAt.toISOString(), finished_at: s.finishedAt?.toISOString() ?? null,
    run_id: s.runId,
    report_run: r && {
      id: r.id, status: r.status, progress: r.progress, row_count: r.row_count, format: r.format, file_name: r.file_name,
      file_size_bytes: r.file_size_bytes, error_message: r.error_message, expires_at: r.expires_at,
    },
    deliveries: s.deliveries.map((d) => ({ recipient: d.recipient, status: d.status, attempts: d.attempts, error: d.error, outbox_email_id: d.outboxEmailId })),
  };
}

/** 202: the slot and its run are created now, the run works in the background (the runs reaper restarts it if this process dies). */
export async function runReportNow(
  db: Db, reportId: string, userId: string, send: boolean, opts: { now?: Date; origin?: string; dispatchRun?: DispatchRun } = {},
): Promise<SlotView> {
  const now = opts.now ?? new Date();
  const report = await db.savedReport.findUnique({ where: { id: reportId }, select: { id: true, recipients: true } });
  if (!report) throw new ApiError(404, "not_found", "report not found");
  if (send && !report.recipients.length) throw new ApiError(400, "invalid_request", "send: the report has no recipients", "send");
  const slot = await db.reportScheduleSlot.create({
    data: { reportId, scheduledFor: now, status: "pending", trigger: send ? "send_now" : "run_now", requestedBy: userId },
  });
  await startSlot(db, slot.id, now, opts.dispatchRun ?? dispatchSavedRun(db), opts.origin);
  return slotView((await findSlot(db, slot.id))!);
}

export async function reportRuns(db: Db, reportId: string, limit = 50): Promise<SlotView[]> {
  const report = await db.savedReport.findUnique({ where: { id: reportId }, select: { id: true } });
  if (!report) throw new ApiError(404, "not_found", "report not found");
  const slots = await db.reportScheduleSlot.findMany({
    where: { reportId }, orderBy: [{ scheduledFor: "desc" }, { id: "asc" }], take: limit,
    include: { deliveries: { orderBy: { recipient: "asc" } }, run: true },
  });
  return slots.map(slotView);
}
