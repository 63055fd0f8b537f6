// The in-process driver: runs job definitions in this Node process, with
// their crons registered through croner (UTC). Used whenever Inngest is not
// configured, so the embedded default runs everything.
//
// Several app instances may share one database, each with this scheduler.
// Every tick names its slot — the cron's scheduled instant — and the run is
// recorded under a unique (job, scheduled_for): the first instance to insert
// it runs the job, the others skip. So a scheduled job runs once per slot
// however many instances run. The slot is also the job's "now", so whichever
// instance wins computes the same thing.
import { Cron } from "croner";
import type { Db } from "@/lib/db";
import { runJob, runJobSlot } from "./run-job";
import { failStaleRuns } from "./runs";
import type { JobDefinition, Trigger } from "./types";

export type Scheduler = { crons: Cron[]; stop: () => void };

/**
 * The slot a tick fired for: the latest scheduled instant at or before the
 * tick, allowing for a timer that fires a hair early (croner drops milliseconds).
 */
export function slotOf(cron: Cron, firedAt = new Date()): Date {
  const [slot] = cron.previousRuns(1, new Date(firedAt.getTime() + 500));
  return slot ?? firedAt;
}

export function startScheduler(db: Db, jobs: JobDefinition<any>[], opts: { log?: (s: string) => void } = {}): Scheduler {
  const log = opts.log ?? ((s) => console.log(`[jobs] ${s}`));
  const scheduled = jobs.filter((j) => j.cron);
  // protect: a tick never starts while this instance's previous run of the same job is still going.
  // (Not `name`d: croner's names are process-global, and tests run two schedulers in one process.)
  const crons = scheduled.map(
    (job) => new Cron(job.cron!, { timezone: "UTC", protect: true }, async (self) => void (await runScheduledSlot(db, job, slotOf(self), log))),
  );
  log(`in-process scheduler started: ${scheduled.map((j) => `${j.name} (${j.cron})`).join(", ") || "no crons"}`);
  return { crons, stop: () => crons.forEach((c) => c.stop()) };
}

/**
 * Runs a job's slot unless another instance has it. Returns the run, or null
 * when skipped or failed (a failure is recorded on its job_runs row and logged).
 */
export async function runScheduledSlot(db: Db, job: JobDefinition<any>, slot: Date, log = console.log) {
  try {
    await failStaleRuns(db);
    const r = await runJobSlot(db, job, { now: slot.toISOString() }, slot, { driver: "in-process" });
    if (r) log(`${job.name} completed (run ${r.runId}, slot ${slot.toISOString()})`);
    return r;
  } catch (err) {
    console.error(`[jobs] ${job.name} (slot ${slot.toISOString()}) failed:`, err);
    return null;
  }
}

/** Runs a job now (manual "run now", start-up catch-up); a failure is recorded on its job_runs row and logged (never silently dropped). */
export async function runInProcess(db: Db, job: JobDefinition<any>, input: object, trigger: Trigger, log = console.log) {
  try {
    const r = await runJob(db, job, input, { trigger, driver: "in-process" });
    log(`${job.name} completed (run ${r.runId})`);
    return r;
  } catch (err) {
    console.error(`[jobs] ${job.name} failed:`, err);
    return null;
  }
}
