// The scheduled reports dispatcher (issue 12), run every minute: finds saved
// reports whose next_run_at has come, records one slot per (report,
// scheduled instant) — the unique key makes a second dispatcher, a retry or
// a restart unable to create a slot twice, and only the dispatcher whose
// insert won runs it — and moves next_run_at past now. After downtime, the
// latest slot within the last hour runs once; every other passed slot is
// recorded as missed, never sent in a burst. Schedules are evaluated in their
// zone by lib/schedules (croner).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dueSlots, nextRunAfter } from "@/lib/schedules";

export const CATCH_UP_MS = 60 * 60_000;
const MAX_SLOTS_PER_REPORT = 200;
const BATCH = 1000;

export type CreatedSlot = { id: string; report_id: string; scheduled_for: Date };

/** The instants of `cron` in `tz` in (after, upTo], at most `max` (lib/schedules: croner, the product's DST rule). */
export function instantsBetween(cron: string, tz: string, after: Date, upTo: Date, max = MAX_SLOTS_PER_REPORT): Date[] {
  return dueSlots(cron, tz, after, upTo, max);
}

export const nextAfter = (cron: string, tz: string, after: Date): Date | null => nextRunAfter(cron, tz, after);

const arr = (xs: string[]) => `{${xs.join(",")}}`; // uuids and ISO instants only: no quoting needed

/** One tick: the slots this dispatcher created (to run now) and how many passed slots it recorded as missed. */
export async function dispatchSchedules(db: Db, now: Date): Promise<{ due: number; created: CreatedSlot[]; missed: number }> {
  const due = await db.$queryRaw<{ id: string; cron: string; tz: string; next: Date }[]>(Prisma.sql`
    SELECT id::text, schedule_cron AS cron, timezone AS tz, next_run_at AS next FROM saved_reports
    WHERE is_scheduled AND schedule_cron IS NOT NULL AND next_run_at <= ${now.toISOString()}::timestamptz
    ORDER BY next_run_at LIMIT ${BATCH}`);
  if (!due.length) return { due: 0, created: [], missed: 0 };

  const ids: string[] = [];
  const instants: string[] = [];
  const statuses: string[] = [];
  const moves: { id: string; from: string; to: string | null }[] = [];
  for (const r of due) {
    let slots: Date[];
    try {
      slots = [r.next, ...instantsBetween(r.cron, r.tz, r.next, now)];
    } catch {
      continue; // an expression croner no longer accepts: left for an admin to fix (validated on save)
    }
    const run = slots.filter((s) => now.getTime() - s.getTime() < CATCH_UP_MS).at(-1);
    for (const s of slots) {
      ids.push(r.id);
      instants.push(s.toISOString());
      statuses.push(s === run ? "pending" : "missed");
    }
    moves.push({ id: r.id, from: r.next.toISOString(), to: nextAfter(r.cron, r.tz, now)?.toISOString() ?? null });
  }
  const inserted = await db.$queryRaw<(CreatedSlot & { status: string })[]>(Prisma.sql`
    INSERT INTO report_schedule_slots (report_id, scheduled_for, status, reason, finished_at)
    SELECT x.report_id, x.scheduled_for, x.status,
      CASE WHEN x.status = 'missed' THEN 'not run: the scheduler was down past this slot (only the latest slot within the last hour runs)' END,
      CASE WHEN x.status = 'missed' THEN ${now.toISOString()}::timestamptz END
    FROM unnest(${arr(ids)}::uuid[], ${arr(instants)}::timestamptz[], ${arr(statuses)}::text[]) AS x(report_id, scheduled_for, status)
    ON CONFLICT (report_id, scheduled_for) DO NOTHING
    RETURNING id::text, report_id::text, scheduled_for, status`);
  // next_run_at moves only from the value this tick read (another dispatcher may have moved it already)
  await db.$executeRaw(Prisma.sql`
    UPDATE saved_reports s SET next_run_at = m.next_run_at
    FROM unnest(${arr(moves.map((m) => m.id))}::uuid[], ${arr(moves.map((m) => m.from))}::timestamptz[],
                ${arr(moves.map((m) => m.to ?? "NULL"))}::timestamptz[]) AS m(id, seen, next_run_at)
    WHERE s.id = m.id AND s.next_run_at = m.seen`);
  const missedIds = [...new Set(inserted.filter((x) => x.status === "missed").map((x) => x.report_id))];
  if (missedIds.length) {
    await db.$executeRaw(Prisma.sql`
      UPDATE saved_reports SET last_run_status = 'missed', last_run_at = ${now.toISOString()}::timestamptz
      WHERE id = ANY(${arr(missedIds)}::uuid[]) AND NOT EXISTS (
        SELECT 1 FROM report_schedule_slots p WHERE p.report_id = saved_reports.id AND p.status = 'pending')`);
  }
  return {
    due: due.length,
    created: inserted.filter((x) => x.status === "pending").map(({ id, report_id, scheduled_for }) => ({ id, report_id, scheduled_for })),
    missed: inserted.filter((x) => x.status === "missed").length,
  };
}
