// What an operator sees of the jobs: each job with its schedule and last
// run, the recent runs, and the latest rollup drift found by reconciliation.
import type { Db } from "@/lib/db";
import { JOBS } from "./definitions";
import { inngestConfigured } from "./config";
import { describeCron, isRoutine } from "./cron-words";
import { failStaleRuns, recentRuns } from "./runs";

export async function jobsOverview(db: Db, opts: { job?: string; limit?: number; routine?: boolean } = {}) {
  const routineJobs = JOBS.filter((j) => j.cron && isRoutine(j.cron)).map((j) => j.name);
  // a run whose process died shows as failed, not "running" forever
  await failStaleRuns(db);
  const [runs, lastByJob, drift] = await Promise.all([
    recentRuns(db, { job: opts.job, limit: opts.limit ?? 50, routine: opts.routine, routineJobs }),
    db.$queryRaw<{ job: string; status: string; started_at: Date; finished_at: Date | null }[]>`
      SELECT DISTINCT ON (job) job, status, started_at, finished_at FROM job_runs ORDER BY job, started_at DESC`,
    db.metricDrift.findMany({ orderBy: { detectedAt: "desc" }, take: 20 }),
  ]);
  const last = new Map(lastByJob.map((r) => [r.job, r]));
  return {
    /** Whether the successful cron runs of the routine (every-minute) jobs are in `runs`. */
    routine_runs_listed: Boolean(opts.job || opts.routine),
    driver: inngestConfigured() ? "inngest" : "in-process",
    jobs: JOBS.map((j) => ({
      name: j.name,
      description: j.description,
      cron: j.cron ?? null,
      schedule: j.cron ? describeCron(j.cron) : null,
      routine: routineJobs.includes(j.name),
      last_run: last.get(j.name) ?? null,
    })),
    runs: runs.map((r) => ({
      id: r.id, job: r.job, driver: r.driver, trigger: r.trigger, status: r.status,
      started_at: r.startedAt, finished_at: r.finishedAt, scheduled_for: r.scheduledFor,
      duration_ms: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
      error: r.error, output: r.output,
    })),
    drift: drift.map((d) => ({ date: d.date.toISOString().slice(0, 10), column: d.columnName, stored: d.stored, recomputed: d.recomputed, detected_at: d.detectedAt })),
  };
}
