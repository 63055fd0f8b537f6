// Operating the platform: background jobs and the email outbox.
import { listJobRunsQuery, runJobParams } from "@/lib/validation/jobs";
import { listOutboxQuery } from "@/lib/validation/outbox";
import { routes } from "../common";
import { jobAccepted, jobsOverview, outboxList, testEmailAnswer } from "../schemas/operations";

const tag = "Operations";
const admin = ["admin" as const];

export const operationsPaths = routes({
  "/api/v1/admin/jobs/runs": {
    get: { id: "getJobs", tag, summary: "Jobs, their recent runs and rollup drift", description: "The newest `limit` runs; a feed, not a paged list.", auth: admin, query: listJobRunsQuery, ok: { status: 200, description: "Jobs overview.", schema: jobsOverview } },
  },
  "/api/v1/admin/jobs/{name}/run": {
    post: { id: "runJob", tag, summary: "Run a job now", description: "On Inngest when configured, else in this process; find the run in `GET /api/v1/admin/jobs/runs` (started at or after `accepted_at`).", auth: admin, params: runJobParams, ok: { status: 202, description: "Accepted.", schema: jobAccepted } },
  },
  "/api/v1/admin/outbox": {
    get: { id: "listOutbox", tag, summary: "Every email recorded, newest first (paged)", auth: admin, query: listOutboxQuery, ok: { status: 200, description: "A page of emails.", schema: outboxList } },
  },
  "/api/v1/admin/outbox/test": {
    post: { id: "sendTestEmail", tag, summary: "Send a test email to yourself", description: "201 whatever the provider said: the email is recorded, its status (sent, failed with the error, outbox) is the answer.", auth: admin, ok: { status: 201, description: "The recorded email.", schema: testEmailAnswer } },
  },
});
