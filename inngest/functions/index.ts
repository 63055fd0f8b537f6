import { prisma } from "@/lib/db";
import { JOBS } from "@/lib/jobs/definitions";
import { inngestFunctionFor } from "./from-job";

// One Inngest function per job: aggregate-daily-metrics (cron 0 0 * * * UTC),
// reconcile-daily-metrics, catch-up-rollups.
export const functions = JOBS.map((job) => inngestFunctionFor(job, () => prisma));
