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

export async function recentRuns(db: Db, opts: { job?: string; limit?: number } = {}) {
  return db.jobRun.findMany({
    where: opts.job ? { job: opts.job } : {},
    orderBy: { startedAt: "desc" },
    take: opts.limit ?? 50,
  });
}
