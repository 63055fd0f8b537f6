import { prisma } from "@/lib/db";
import { JOBS } from "@/lib/jobs/definitions";
import { inngestFunctionFor } from "./from-job";

// One Inngest function per job: aggregate-daily-metrics (cron 0 0 * * * UTC),
// reconcile-daily-metrics, catch-up-rollups, purge-auth-data (cron 15 1 * * *),
// report-run (event reports/run.requested), export-run (exports/requested),
// reap-report-runs (cron */2 * * * *), delete-expired-files (cron 45 1 * * *).
// dispatch-scheduled-reports (cron * * * * *), saved-report-run (reports/saved-run.requested),
// deliver-webhooks (cron * * * * *, event webhooks/deliver).
export const functions = JOBS.map((job) => inngestFunctionFor(job, () => prisma));
