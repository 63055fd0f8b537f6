// The job of a saved report's run (scheduled slot, "Run now", "Send now"):
// the run engine writes the file (lib/runs/execute.ts: cursor → writer →
// file store, with progress and heartbeat), then the slot is delivered
// (deliver.ts). One step, so a retry of it (Inngest) finds the run completed
// and only delivers — each delivery is idempotent.
import { clockNow } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";
import type { JobDefinition } from "@/lib/jobs/types";
import { executeRun } from "@/lib/runs/execute";
import { settleRun, type DeliverOptions } from "./deliver";
import type { DispatchRun } from "./start";

/** Runs the report and delivers its slot; a failed run (this attempt's) fails its slot with the error. */
export async function runSavedReport(db: Db, runId: string, opts: DeliverOptions & { now?: Date } = {}) {
  let run: string;
  let error: string | null = null;
  try {
    const r = await executeRun(db, runId);
    run = r.status;
    if (r.status === "failed") error = r.error;
  } catch (err) {
    // executeRun has recorded the failure on the run; the slot gets it below
    run = "failed";
    error = err instanceof Error ? err.message : String(err);
  }
  const slot = await settleRun(db, runId, opts.now ?? clockNow(), { ...opts, final: run === "failed" });
  return { run, slot, error };
}

export const savedReportRunJob: JobDefinition<{ run_id: string }> = {
  name: "saved-report-run",
  event: "reports/saved-run.requested",
  description: "Writes a saved report's file for its run (scheduled, Run now, Send now) and emails it to the report's recipients",
  steps: [
    {
      id: "run-and-deliver",
      run: async (db, input) => (input.run_id ? runSavedReport(db, input.run_id) : { run: "skipped", slot: "none", error: "no run_id" }),
    },
  ],
};

export const dispatchSavedRun = (db: Db): DispatchRun => (r) => dispatch(db, savedReportRunJob, { run_id: r.id });
