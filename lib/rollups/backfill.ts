// Backfill: daily_metrics and creator level snapshots for a whole range of
// days, set-based, one statement per chunk of days (see daily-metrics.ts and
// level-snapshots.ts), never one query per day per metric.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { aggregateDailyMetrics } from "./daily-metrics";
import { assertDay, dayCount, utcDay, type Day } from "./days";
import { snapshotCreatorLevels } from "./level-snapshots";

/** The first UTC day with any row the rollups read, or null for an empty database. */
export async function firstDataDay(db: Db): Promise<Day | null> {
  const [row] = await db.$queryRaw<{ day: string | null }[]>(Prisma.sql`
    SELECT to_char((LEAST(
      (SELECT min(created_at) FROM users),
      (SELECT min(created_at) FROM uploads),
      (SELECT min(created_at) FROM assignments),
      (SELECT min(completed_at) FROM reviews),
      (SELECT min(created_at) FROM payment_transactions),
      (SELECT min(completed_at) FROM payouts),
      (SELECT min(created_at) FROM fraud_flags),
      (SELECT min(changed_at) FROM creator_level_history)
    ) AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day`);
  return row.day;
}

export type BackfillPhase = "daily_metrics" | "level_snapshots";
export type BackfillProgress = { phase: BackfillPhase; chunk: { from: Day; to: Day }; done: number; total: number };
export type BackfillResult = {
  from: Day;
  to: Day;
  days: number;
  snapshotRows: number;
  ms: { dailyMetrics: number; snapshots: number; total: number };
};

/**
 * Aggregates [from, to] (default: first day with data … today, UTC). Progress
 * counts days: each day once for daily_metrics, once for the snapshots.
 */
export async function backfill(
  db: Db,
  opts: { from?: Day; to?: Day; now?: Date; chunkMonths?: number; onProgress?: (p: BackfillProgress) => void } = {},
): Promise<BackfillResult | null> {
  const to = assertDay(opts.to ?? utcDay(opts.now ?? new Date()), "to");
  const from = opts.from ? assertDay(opts.from, "from") : await firstDataDay(db);
  if (!from || from > to) return null;
  const total = 2 * dayCount(from, to);
  let done = 0;
  const t0 = performance.now();
  const agg = await aggregateDailyMetrics(db, from, to, {
    now: opts.now,
    rebuildTotals: true, // a backfill also repairs creator_totals (a full pass over creator_slot_stats)
    chunkMonths: opts.chunkMonths,
    onChunk: (c) => opts.onProgress?.({ phase: "daily_metrics", chunk: c, done: (done += c.days), total }),
  });
  const snap = await snapshotCreatorLevels(db, from, to, {
    onChunk: (c) => opts.onProgress?.({ phase: "level_snapshots", chunk: c, done: (done += c.days), total }),
  });
  return {
    from,
    to,
    days: agg.days,
    snapshotRows: snap.rows,
    ms: { dailyMetrics: agg.ms, snapshots: snap.ms, total: Math.round(performance.now() - t0) },
  };
}
