// Sends work to Inngest when it is configured, else runs it in this process
// in the background. Returns at once either way.
import type { Db } from "@/lib/db";
import { inngest } from "@/inngest/client";
import { inngestConfigured } from "./config";
import { runInProcess } from "./in-process";
import type { JobDefinition, Json } from "./types";

export async function dispatch(db: Db, job: JobDefinition<any>, input: Record<string, Json> = {}): Promise<{ driver: "inngest" | "in-process" }> {
  if (inngestConfigured()) {
    await inngest.send({ name: job.event, data: input });
    return { driver: "inngest" };
  }
  void runInProcess(db, job, input, "manual");
  return { driver: "in-process" };
}
