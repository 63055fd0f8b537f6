// Scheduled saved reports: the dispatcher (dispatch.ts) records one slot per
// (report, scheduled instant); each slot becomes a report run (start.ts) that
// the saved-report-run job (job.ts) writes and then delivers (deliver.ts).
// The dispatch-scheduled-reports job runs the first and last parts every minute.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dispatchSavedRun } from "./job";
import { startSlot, type DispatchRun } from "./start";

export { dispatchSchedules, instantsBetween, nextAfter, CATCH_UP_MS } from "./dispatch";
export { attachLimitBytes, failSlot, isEmpty, MAX_ATTEMPTS, RETRY_BACKOFF_MINUTES, settleRun, settleSlots, type Sender } from "./deliver";
export { dispatchSavedRun, runSavedReport, savedReportRunJob } from "./job";
export { reportRuns, runReportNow, type SlotView } from "./manual";
export { savedReportRun, startSlot, type DispatchRun } from "./start";

/**
 * Starts every slot still pending (created by this tick, or left by a crashed
 * one within the catch-up hour) as a report run; startSlot's claim lets only
 * one dispatcher start each.
 */
export async function runPendingSlots(db: Db, now: Date, dispatchRun: DispatchRun = dispatchSavedRun(db)): Promise<{ started: number; statuses: Record<string, number> }> {
  const slots = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT id::text FROM report_schedule_slots
    WHERE status = 'pending' AND scheduled_for <= ${now.toISOString()}::timestamptz
      AND scheduled_for > ${new Date(now.getTime() - 60 * 60_000).toISOString()}::timestamptz
    ORDER BY scheduled_for LIMIT 100`);
  const statuses: Record<string, number> = {};
  for (const s of slots) {
    const st = await startSlot(db, s.id, now, dispatchRun);
    statuses[st] = (statuses[st] ?? 0) + 1;
  }
  return { started: slots.length, statuses };
}
