// The nightly rollup: re-aggregate the last three closed UTC days (late writes
// land within them), snapshot creator levels for those days, and make sure the
// analytics_events partitions exist for this month and the next three.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { aggregateDailyMetrics } from "./daily-metrics";
import { addDays, tsParam, utcDay, type Day } from "./days";
import { snapshotCreatorLevels } from "./level-snapshots";

/** now-3d … yesterday, as UTC days. */
export function nightlyRange(now = new Date()): { from: Day; to: Day } {
  const today = utcDay(now);
  return { from: addDays(today, -3), to: addDays(today, -1) };
}

export type NightlyResult = {
  from: Day;
  to: Day;
  days: number;
  snapshotRows: number;
  partitionsCreated: number;
  ms: { aggregate: number; snapshots: number; partitions: number; total: number };
};

export async function runNightlyRollup(db: Db, now = new Date()): Promise<NightlyResult> {
  const t0 = performance.now();
  const { from, to } = nightlyRange(now);
  const agg = await aggregateDailyMetrics(db, from, to, { now });
  const snap = await snapshotCreatorLevels(db, from, to);
  const t1 = performance.now();
  const partitionsCreated = await ensureEventPartitions(db, now);
  const t2 = performance.now();
  return {
    from,
    to,
    days: agg.days,
    snapshotRows: snap.rows,
    partitionsCreated,
    ms: { aggregate: agg.ms, snapshots: snap.ms, partitions: Math.round(t2 - t1), total: Math.round(t2 - t0) },
  };
}

/** Monthly analytics_events partitions for the month of `now` and the next three; returns how many were created. */
export async function ensureEventPartitions(db: Db, now = new Date()): Promise<number> {
  const month = Prisma.sql`date_trunc('month', ${tsParam(now)}::timestamptz AT TIME ZONE 'UTC')`;
  const [row] = await db.$queryRaw<{ created: number }[]>(Prisma.sql`
    SELECT ensure_analytics_event_partitions(${month}::date, (${month} + interval '3 months')::date) AS created`);
  return row.created;
}
