// The in-process driver: runs job definitions in this Node process, with
// their crons registered through croner (UTC). Used whenever Inngest is not
// configured, so the embedded default runs everything.
import { Cron } from "croner";
import type { Db } from "@/lib/db";
import { runJob } from "./run-job";
import type { JobDefinition, Trigger } from "./types";

export type Scheduler = { crons: Cron[]; stop: () => void };

export function startScheduler(db: Db, jobs: JobDefinition<any>[], opts: { log?: (s: string) => void } = {}): Scheduler {
  const log = opts.log ?? ((s) => console.log(`[jobs] ${s}`));
  const crons = jobs
    .filter((j) => j.cron)
    .map((job) =>
      // protect: a tick never starts while the previous run of the same job is still going
      new Cron(job.cron!, { timezone: "UTC", protect: true, name: job.name }, async () => {
        await runInProcess(db, job, {}, "cron", log);
      }),
    );
  log(`in-process scheduler started: ${crons.map((c) => `${c.name} (${c.getPattern()})`).join(", ") || "no crons"}`);
  return { crons, stop: () => crons.forEach((c) => c.stop()) };
}

/** Runs a job now; a failure is recorded on its job_runs row and logged (never silently dropped). */
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
