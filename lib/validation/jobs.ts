import { z } from "zod";
import { JOBS } from "@/lib/jobs/definitions";

const jobName = z.enum(JOBS.map((j) => j.name) as [string, ...string[]]);

export const listJobRunsQuery = z.object({
  job: jobName.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const runJobParams = z.object({ name: jobName });
