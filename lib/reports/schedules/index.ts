// Scheduled saved reports: the dispatcher (dispatch.ts) and delivery
// (deliver.ts), run every minute by the dispatch-scheduled-reports job.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { runSlot, type Sender } from "./deliver";

export { dispatchSchedules, instantsBetween, nextAfter, CATCH_UP_MS } from "./dispatch";
export { retryDeliveries, runSlot, rowsHash, MAX_ATTEMPTS, RETRY_BACKOFF_MINUTES } from "./deliver";
export { reportRuns, runReportNow, type SlotView } from "./manual";

/**
 * Runs every slot still pending (created by this tick, or left by a crashed
 * one within the catch-up hour); runSlot's claim lets only one dispatcher run each.
 */
export async function runPendingSlots(db: Db, now: Date, send?: Sender): Promise<{ ran: number; statuses: Record<string, number> }> {
  const slots = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT id::text FROM report_schedule_slots
    WHERE status = 'pending' AND scheduled_for <= ${now.toISOString()}::timestamptz
      AND scheduled_for > ${new Date(now.getTime() - 60 * 60_000).toISOString()}::timestamptz
    ORDER BY scheduled_for LIMIT 100`);
  const statuses: Record<string, number> = {};
  for (const s of slots) {
    const st = await runSlot(db, s.id, now, send);
    statuses[st] = (statuses[st] ?? 0) + 1;
  }
  return { ran: slots.length, statuses };
}
