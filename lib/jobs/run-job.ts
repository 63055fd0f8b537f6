// Runs a job's steps in this process, recording the run. Errors are recorded
// on the run and rethrown: a failed job is never silently swallowed.
import type { Db } from "@/lib/db";
import { beat, claimSlot, failRun, finishRun, HEARTBEAT_MS, startRun } from "./runs";
import type { Driver, JobDefinition, Json, Trigger } from "./types";

export async function runJob<I>(
  db: Db,
  job: JobDefinition<I>,
  input: I,
  opts: { trigger: Trigger; driver?: Driver; runStep?: (id: string, fn: () => Promise<Json>) => Promise<Json> },
): Promise<{ runId: string; output: Record<string, Json> }> {
  const runId = await startRun(db, job.name, opts.driver ?? "in-process", opts.trigger, input as Json);
  return runSteps(db, job, input, runId, opts.runStep);
}

/**
 * Runs one cron slot of a job (the scheduled instant, not the moment the
 * tick fired) at most once across every instance sharing the database:
 * the first to record (job, slot) runs it, the others get null and skip.
 */
export async function runJobSlot<I>(
  db: Db,
  job: JobDefinition<I>,
  input: I,
  slot: Date,
  opts: { driver?: Driver } = {},
): Promise<{ runId: string; output: Record<string, Json> } | null> {
  const runId = await claimSlot(db, job.name, slot, opts.driver ?? "in-process", input as Json);
  if (!runId) return null;
  return runSteps(db, job, input, runId);
}

async function runSteps<I>(
  db: Db,
  job: JobDefinition<I>,
  input: I,
  runId: string,
  runStep: (id: string, fn: () => Promise<Json>) => Promise<Json> = (_id, fn) => fn(),
): Promise<{ runId: string; output: Record<string, Json> }> {
  const output: Record<string, Json> = {};
  // the heartbeat says this process is still on it (a run without one for 5 minutes is failed as stale: runs.ts)
  const heartbeat = setInterval(() => void beat(db, runId).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    for (const step of job.steps) {
      output[step.id] = await runStep(step.id, () => step.run(db, input, { runId }));
    }
  } catch (err) {
    await failRun(db, runId, err);
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
  await finishRun(db, runId, output);
  return { runId, output };
}
