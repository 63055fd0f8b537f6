// Wraps a job definition from lib/jobs as an Inngest function: each step of
// the job becomes a step.run, bracketed by steps that record the run in
// job_runs. The logic stays in lib/; this file only adapts it.
import type { Db } from "@/lib/db";
import { failRun, finishRun, noteRetry, startRun } from "@/lib/jobs/runs";
import type { JobDefinition, Json } from "@/lib/jobs/types";
import { inngest } from "../client";

export function inngestFunctionFor(job: JobDefinition<any>, getDb: () => Db) {
  // Inngest crons run in UTC, like the in-process ones.
  const triggers = job.cron ? [{ cron: job.cron }, { event: job.event }] : [{ event: job.event }];
  const retries = job.retries ?? 2;
  return inngest.createFunction(
    { id: job.name, name: job.description, triggers, retries: retries as 2 },
    async ({ event, step, attempt }) => {
      const input = ((event?.data as Record<string, Json> | undefined) ?? {}) as Record<string, Json>;
      const trigger = String(event?.name) === "inngest/scheduled.timer" ? "cron" : "event";
      const runId = await step.run("start-run", () => startRun(getDb(), job.name, "inngest", trigger, input));
      const output: Record<string, Json> = {};
      for (const s of job.steps) {
        output[s.id] = (await step.run(s.id, async () => {
          try {
            return await s.run(getDb(), input, { runId });
          } catch (err) {
            // The last attempt fails the run; earlier ones only note the error, Inngest retries.
            if (attempt >= retries) await failRun(getDb(), runId, err);
            else await noteRetry(getDb(), runId, err, attempt);
            throw err;
          }
        })) as Json;
      }
      await step.run("finish-run", () => finishRun(getDb(), runId, output));
      return output;
    },
  );
}
