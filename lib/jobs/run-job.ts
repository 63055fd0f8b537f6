// Runs a job's steps in this process, recording the run. Errors are recorded
// on the run and rethrown: a failed job is never silently swallowed.
import type { Db } from "@/lib/db";
import { failRun, finishRun, startRun } from "./runs";
import type { Driver, JobDefinition, Json, Trigger } from "./types";

export async function runJob<I>(
  db: Db,
  job: JobDefinition<I>,
  input: I,
  opts: { trigger: Trigger; driver?: Driver; runStep?: (id: string, fn: () => Promise<Json>) => Promise<Json> },
): Promise<{ runId: string; output: Record<string, Json> }> {
  const runId = await startRun(db, job.name, opts.driver ?? "in-process", opts.trigger, input as Json);
  const runStep = opts.runStep ?? ((_id, fn) => fn());
  const output: Record<string, Json> = {};
  try {
    for (const step of job.steps) {
      output[step.id] = await runStep(step.id, () => step.run(db, input, { runId }));
    }
  } catch (err) {
    await failRun(db, runId, err);
    throw err;
  }
  await finishRun(db, runId, output);
  return { runId, output };
}
