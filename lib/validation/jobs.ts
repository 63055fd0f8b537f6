import { z } from "zod";
import { JOBS } from "@/lib/jobs/definitions";

const jobName = z.enum(JOBS.map((j) => j.name) as [string, ...string[]]);

export const listJobRunsQuery = z.object({
  job: jobName.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Also list the successful scheduled runs of the every-minute jobs (hidden by default: they would fill the list). */
  routine: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export const runJobParams = z.object({ name: jobName });
