// Rollup freshness and reconciliation drift, from the jobs layer
// (daily_metrics, rollup_state, job_runs, metric_drift).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";

export async function rollupPanel(db: Db, now: Date) {
  const [[r]] = await Promise.all([
    db.$queryRaw<{ through: string | null; last_aggregate: Date | null; last_aggregate_status: string | null; last_reconcile: Date | null; reconcile_run: string | null; drift: number; drift_total_7d: number }[]>(Prisma.sql`
      SELECT to_char((SELECT max(date) FROM daily_metrics), 'YYYY-MM-DD') AS through,
             a.finished_at AS last_aggregate, a.status AS last_aggregate_status,
             rc.finished_at AS last_reconcile, rc.id::text AS reconcile_run,
             (SELECT count(*) FROM metric_drift WHERE job_run_id = rc.id)::int AS drift,
             (SELECT count(*) FROM metric_drift WHERE detected_at >= ${now}::timestamptz - interval '7 days')::int AS drift_total_7d
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT finished_at, status FROM job_runs WHERE job IN ('aggregate-daily-metrics', 'catch-up-rollups') AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1) a ON true
      LEFT JOIN LATERAL (SELECT id, finished_at FROM job_runs WHERE job = 'reconcile-daily-metrics' AND status = 'completed' ORDER BY finished_at DESC LIMIT 1) rc ON true`),
  ]);
  const yesterday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1)).toISOString().slice(0, 10);
  const lagDays = r.through ? Math.round((Date.parse(yesterday) - Date.parse(r.through)) / 86_400_000) : null;
  return {
    daily_metrics_through: r.through,
    days_behind: lagDays == null ? null : Math.max(0, lagDays),
    last_aggregate_at: r.last_aggregate?.toISOString() ?? null,
    last_aggregate_status: r.last_aggregate_status,
    last_reconcile_at: r.last_reconcile?.toISOString() ?? null,
    drift_last_reconcile: r.reconcile_run ? r.drift : null,
    drift_last_7_days: r.drift_total_7d,
  };
}
