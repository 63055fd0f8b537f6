// Stores dailyMetricsSql's rows in daily_metrics (and, in the same
// transaction, the creator/review rollups of those days: creator-stats.ts): one INSERT … SELECT … ON
// CONFLICT (date) DO UPDATE per chunk of days (a calendar month by default).
// Re-running a day rewrites its single row in place (same id), and concurrent
// runs of the same days still leave one row per date: rows are inserted in
// date order, so two runs wait on each other instead of deadlocking, and the
// loser of an insert race turns into an update. created_at is the time the
// row was last computed (the specification's function sets it the same way).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { rebuildActivePeriods } from "./active-users";
import { advanceCreatorTotals, rebuildRunningTotals, rewriteStatsStatements, ROLLUP_LOCK_SQL } from "./creator-stats";
import { assertDay, dayCount, monthChunks, type Day } from "./days";
import { dailyMetricsSql, METRIC_COLUMN_NAMES, metricColumnList } from "./metrics-sql";

const updateSet = Prisma.raw(METRIC_COLUMN_NAMES.map((c) => `"${c}" = EXCLUDED."${c}"`).join(",\n  "));

/** The upsert statement for [from, to] (one statement, whatever the length). */
export function upsertDailyMetricsSql(from: Day, to: Day): Prisma.Sql {
  return Prisma.sql`
INSERT INTO daily_metrics ("date", ${metricColumnList})
SELECT m."date", ${Prisma.raw(METRIC_COLUMN_NAMES.map((c) => `m."${c}"`).join(", "))}
FROM (${dailyMetricsSql({ from, to })}) AS m
ORDER BY m."date"
ON CONFLICT ("date") DO UPDATE SET
  ${updateSet},
  created_at = now()`;
}

export type AggregateResult = { from: Day; to: Day; days: number; chunks: number; ms: number };

/**
 * Computes and stores daily_metrics for every UTC day in [from, to].
 * `onChunk` is called after each chunk statement (for progress bars).
 */
export async function aggregateDailyMetrics(
  db: Db,
  from: Day,
  to: Day,
  opts: { chunkMonths?: number; onChunk?: (chunk: { from: Day; to: Day; days: number }) => void; now?: Date; rebuildTotals?: boolean } = {},
): Promise<AggregateResult> {
  assertDay(from, "from");
  assertDay(to, "to");
  const t0 = performance.now();
  const chunks = to < from ? [] : monthChunks(from, to, opts.chunkMonths ?? 1);
  let days = 0;
  for (const chunk of chunks) {
    // the creator/review rollups of the same days, in the same transaction (creator-stats.ts)
    const n = await db.$transaction(async (tx) => {
      await tx.$executeRaw(ROLLUP_LOCK_SQL);
      const rows = await tx.$executeRaw(upsertDailyMetricsSql(chunk.from, chunk.to));
      for (const sql of rewriteStatsStatements(chunk.from, chunk.to)) await tx.$executeRaw(sql);
      return rows;
    }, { maxWait: 60_000, timeout: 30 * 60_000 });
    days += n;
    opts.onChunk?.({ ...chunk, days: dayCount(chunk.from, chunk.to) });
  }
  // per-creator running and all-time totals, and the active users of every period holding these days, follow the days just written
  if (chunks.length) {
    await rebuildRunningTotals(db, from);
    await rebuildActivePeriods(db, from, to);
    await advanceCreatorTotals(db, opts.now, { rebuild: opts.rebuildTotals });
  }
  return { from, to, days, chunks: chunks.length, ms: Math.round(performance.now() - t0) };
}
