// Answers of the jobs and outbox endpoints.
import { z } from "zod";
import { JOBS } from "@/lib/jobs/definitions";
import { paginated, timestamp } from "../common";

const jobName = z.enum(JOBS.map((j) => j.name) as [string, ...string[]]);

export const jobsOverview = z.object({
  routine_runs_listed: z.boolean().meta({ description: "Whether the successful cron runs of the every-minute jobs are in `runs` (with `job` or `routine=true`)." }),
  driver: z.string().meta({ description: "inngest or in-process." }),
  jobs: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      cron: z.string().nullable(),
      schedule: z.string().nullable().meta({ description: "The cron in words." }),
      routine: z.boolean().meta({ description: "Runs every minute." }),
      last_run: z.object({ job: z.string(), status: z.string(), started_at: timestamp, finished_at: timestamp.nullable() }).nullable(),
    }),
  ),
  runs: z.array(
    z.object({
      id: z.string(),
      job: z.string(),
      driver: z.string(),
      trigger: z.string(),
      status: z.string().meta({ description: "running, succeeded or failed." }),
      started_at: timestamp,
      finished_at: timestamp.nullable(),
      scheduled_for: timestamp.nullable(),
      duration_ms: z.number().nullable(),
      error: z.string().nullable(),
      output: z.unknown().meta({ description: "What the job reported (JSON), or null." }),
    }),
  ),
  drift: z.array(z.object({ date: z.string(), column: z.string(), stored: z.string().nullable(), recomputed: z.string().nullable(), detected_at: timestamp })),
});

export const jobAccepted = z.object({ job: jobName, driver: z.enum(["inngest", "in-process"]), status: z.literal("accepted"), accepted_at: z.string() });

const email = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    created_at: z.string(),
    status: z.string().meta({ description: "outbox, sending, sent or failed." }),
    error: z.string().nullable(),
    provider: z.string(),
    provider_message_id: z.string().nullable(),
    attachments: z.array(z.object({ filename: z.string(), content_type: z.string(), size: z.number() })),
    kind: z.string().nullable(),
    ref: z.string().nullable(),
  })
  .meta({ id: "OutboxEmail" });

export const outboxList = paginated({ emails: z.array(email), provider: z.string().meta({ description: "Where email goes now: resend or outbox." }) });

export const testEmailAnswer = z.object({ email: z.object({ id: z.string(), status: z.enum(["outbox", "sent", "failed"]), error: z.string().optional() }) });
