// "Run now" and "Send now" on a saved report: a slot of its own (trigger
// run_now: computed and recorded, not emailed; send_now: emailed to every
// recipient whatever the send condition), run in the background; and the
// report's runs with their delivery log.
import type { Db } from "@/lib/db";
import { ApiError } from "@/lib/http/api";
import { runSlot } from "./deliver";

export type SlotView = {
  id: string; report_id: string; trigger: string; scheduled_for: string; status: string; reason: string | null;
  row_count: number | null; period: { start_date: string; end_date: string } | null; created_at: string; finished_at: string | null;
  deliveries: { recipient: string; status: string; attempts: number; error: string | null; outbox_email_id: string | null }[];
};

type SlotWithDeliveries = NonNullable<Awaited<ReturnType<typeof findSlot>>>;
const findSlot = (db: Db, id: string) => db.reportScheduleSlot.findUnique({ where: { id }, include: { deliveries: { orderBy: { recipient: "asc" } } } });
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function slotView(s: SlotWithDeliveries): SlotView {
  return {
    id: s.id, report_id: s.reportId, trigger: s.trigger, scheduled_for: s.scheduledFor.toISOString(), status: s.status, reason: s.reason,
    row_count: s.rowCount, period: s.periodStart ? { start_date: day(s.periodStart)!, end_date: day(s.periodEnd)! } : null,
    created_at: s.createdAt.toISOString(), finished_at: s.finishedAt?.toISOString() ?? null,
    deliveries: s.deliveries.map((d) => ({ recipient: d.recipient, status: d.status, attempts: d.attempts, error: d.error, outbox_email_id: d.outboxEmailId })),
  };
}

/** 202: the slot is created now and runs in the background (the dispatcher also picks up a pending slot if this process dies). */
export async function runReportNow(db: Db, reportId: string, userId: string, send: boolean, now = new Date()): Promise<SlotView> {
  const report = await db.savedReport.findUnique({ where: { id: reportId }, select: { id: true, reportType: true, recipients: true } });
  if (!report) throw new ApiError(404, "not_found", "report not found");
  if (report.reportType !== "custom") throw new ApiError(501, "not_implemented", "run now is available for custom reports only");
  if (send && !report.recipients.length) throw new ApiError(400, "invalid_request", "send: the report has no recipients", "send");
  const slot = await db.reportScheduleSlot.create({
    data: { reportId, scheduledFor: now, status: "pending", trigger: send ? "send_now" : "run_now", requestedBy: userId },
    include: { deliveries: true },
  });
  void runSlot(db, slot.id, now).catch((err) => console.error("report run", slot.id, err));
  return slotView(slot);
}

export async function reportRuns(db: Db, reportId: string, limit = 50): Promise<SlotView[]> {
  const report = await db.savedReport.findUnique({ where: { id: reportId }, select: { id: true } });
  if (!report) throw new ApiError(404, "not_found", "report not found");
  const slots = await db.reportScheduleSlot.findMany({
    where: { reportId }, orderBy: [{ scheduledFor: "desc" }, { id: "asc" }], take: limit, include: { deliveries: { orderBy: { recipient: "asc" } } },
  });
  return slots.map(slotView);
}
