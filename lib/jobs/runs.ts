// job_runs: one row per run of a job, whichever driver ran it, so an
// operator can see what ran, when, how long, and why it failed.
import type { Db } from "@/lib/db";
import type { Driver, Json, Trigger } from "./types";

export async function startRun(db: Db, job: string, driver: Driver, trigger: Trigger, input: Json) {
  const row = await db.jobRun.create({ data: { job, driver, trigger, status: "running", input: input ?? undefined } });
  return row.id;
}

/**
 * Claims a scheduled slot: inserts the run for (job, scheduled_for) unless a
 * run for that slot exists. Returns its id, or null when another instance
 * (or an earlier tick) already has the slot. The unique (job, scheduled_for)
 * index decides, atomically, however many instances race.
 */
export async function claimSlot(db: Db, job: string, slot: Date, driver: Driver, input: Json): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO job_runs (job, driver, trigger, status, input, scheduled_for)
    VALUES (${job}, ${driver}, 'cron', 'running', ${JSON.stringify(input)}::jsonb, ${slot.toISOString()}::timestamptz)
    ON CONFLICT (job, scheduled_for) DO NOTHING
    RETURNING id::text`;
  return rows[0]?.id ?? null;
}

export async function finishRun(db: Db, id: string, output: Json) {
  await db.jobRun.update({ where: { id }, data: { status: "completed", output: output ?? undefined, finishedAt: new Date() } });
}

export async function failRun(db: Db, id: string, err: unknown) {
  const error = err instanceof Error ? `${err.message}\n${err.stack ?? ""}`.trim() : String(err);
  await db.jobRun.update({ where: { id }, data: { status: "failed", error, finishedAt: new Date() } });
}

/** A failed attempt that will be retried: the run stays "running", the error is kept for the operator. */
export async function noteRetry(db: Db, id: string, err: unknown, attempt: number) {
  const message = err instanceof Error ? err.message : String(err);
  await db.jobRun.update({ where: { id }, data: { error: `attempt ${attempt + 1} failed, retrying: ${message}` } });
}

/** How often a running in-process run writes heartbeat_at. */
export const HEARTBEAT_MS = 30_000;
/** A "running" in-process run without a heartbeat for this long belongs to a process that stopped. */
export const STALE_AFTER_MS = 5 * 60_000;

export async function beat(db: Db, id: string) {
  await db.$executeRaw`UPDATE job_runs SET heartbeat_at = now() WHERE id = ${id}::uuid AND status = 'running'`;
}

/**
 * Ends as failed every in-process run still "running" whose heartbeat is
 * older than STALE_AFTER_MS (by the database's clock, which also wrote it):
 * its process crashed or was stopped. Inngest runs are left to Inngest, which
 * retries and fails them itself. Returns how many were failed. Called by
 * every scheduler tick and when the runs are listed, so a dead run does not
 * stay "running".
 */
export async function failStaleRuns(db: Db): Promise<number> {
  return db.$executeRaw`
    UPDATE job_runs SET status = 'failed', finished_at = now(),
      error = 'stopped without finishing: no heartbeat since ' || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
        || ' UTC (the process running it crashed or was stopped)' || COALESCE(chr(10) || error, '')
    WHERE status = 'running' AND driver = 'in-process'
      AND heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_MS / 1000})`;
}

/**
 * The newest runs. Unless `routine` (or one job is asked for), the successful
 * cron and event-started runs of the jobs in `routineJobs` are left out: a job that runs every
 * minute (or is started by every webhook emit) would otherwise push every
 * other run off the list within the hour.
 * Their failures, manual runs and runs still going are always listed.
 */
export async function recentRuns(db: Db, opts: { job?: string; limit?: number; routine?: boolean; routineJobs?: string[] } = {}) {
  const hide = !opts.job && !opts.routine && opts.routineJobs?.length;
  return db.jobRun.findMany({
    where: opts.job
      ? { job: opts.job }
      : hide
        ? { NOT: { job: { in: opts.routineJobs }, trigger: { in: ["cron", "event"] }, status: "completed" } }
        : {},
    orderBy: { startedAt: "desc" },
    take: opts.limit ?? 50,
  });
}
