// Every background job, defined once: name, trigger, and its steps (plain
// functions from lib/rollups). Both drivers run these same definitions.
import { purgeAuthData } from "@/lib/auth/tokens";
import { purgeIdempotencyKeys } from "@/lib/http/idempotency";
import { pruneApiRateLimits } from "@/lib/http/rate-limit";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  addDays, aggregateDailyMetrics, ensureEventPartitions, firstDataDay, nightlyRange, reconcileDailyMetrics, snapshotCreatorLevels, utcDay,
} from "@/lib/rollups";
import { clockNow } from "@/lib/clock";
import { eventsConfig } from "@/lib/events/config";
import { forwardEvents } from "@/lib/events/forward";
import { dropExpiredEventPartitions } from "@/lib/events/partitions";
import { forwardingProviders } from "@/lib/events/providers";
import { backfillEventRollupsIfEmpty, rebuildEventRollups } from "@/lib/events/rollups";
import { evaluateAlerts } from "@/lib/health/alerts/evaluate";
import { probeExternalServices } from "@/lib/health/external";
import { purgeRequestMetrics } from "@/lib/health/retention";
import { deleteExpiredFiles } from "@/lib/runs/cleanup";
import { executeRun } from "@/lib/runs/execute";
import { notifyRun } from "@/lib/runs/notify";
import { reapStaleRuns } from "@/lib/runs/reaper";
import { dispatch } from "./dispatch";
import { dispatchSchedules, runPendingSlots, savedReportRunJob, settleSlots } from "@/lib/reports/schedules";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import type { JobDefinition, Json } from "./types";

type NowInput = { now?: string };
const nowOf = (input: NowInput) => (input.now ? new Date(input.now) : clockNow());

export const aggregateDailyMetricsJob: JobDefinition<NowInput> = {
  name: "aggregate-daily-metrics",
  event: "rollups/aggregate-daily-metrics",
  cron: "0 0 * * *",
  description: "Re-aggregates daily_metrics (with the creator and review rollups) and creator level snapshots for the last three closed UTC days",
  // The steps of runNightlyRollup (lib/rollups/nightly.ts), split so Inngest retries each on its own.
  steps: [
    {
      id: "aggregate-days",
      run: async (db, input) => {
        const { from, to } = nightlyRange(nowOf(input));
        return { from, to, days: (await aggregateDailyMetrics(db, from, to, { now: nowOf(input) })).days };
      },
    },
    {
      id: "snapshot-levels",
      run: async (db, input) => {
        const { from, to } = nightlyRange(nowOf(input));
        return { from, to, rows: (await snapshotCreatorLevels(db, from, to)).rows };
      },
    },
    {
      id: "ensure-event-partitions",
      // months ahead are created; months past the retention (EVENTS_RETENTION_MONTHS, default 25) are dropped
      run: async (db, input) => {
        const created = await ensureEventPartitions(db, nowOf(input));
        const retention = await dropExpiredEventPartitions(db, nowOf(input), eventsConfig().retentionMonths);
        // (the events' rate-limit windows live in api_rate_limits now, pruned by purge-auth-data)
        return { partitions_created: created, ...retention };
      },
    },
    {
      id: "event-rollups",
      run: async (db, input, { runId }) => {
        const { from, to } = nightlyRange(nowOf(input));
        const r = await rebuildEventRollups(db, from, to, { jobRunId: runId ?? undefined });
        return { from, to, days: r.days, drift: r.drift.length };
      },
    },
  ],
};

export const reconcileDailyMetricsJob: JobDefinition<NowInput & { days?: number }> = {
  name: "reconcile-daily-metrics",
  event: "rollups/reconcile-daily-metrics",
  cron: "30 0 * * *",
  description: "Recomputes the last 7 closed days from the base tables and records any drift from daily_metrics",
  steps: [
    {
      id: "reconcile",
      run: async (db, input, { runId }) => {
        const r = await reconcileDailyMetrics(db, { days: input.days ?? 7, now: nowOf(input), jobRunId: runId ?? undefined });
        return { from: r.from, to: r.to, checked: r.checked, drift: r.drift.length };
      },
    },
    {
      id: "reconcile-event-rollups",
      run: async (db, input, { runId }) => {
        const to = addDays(utcDay(nowOf(input)), -1);
        const from = addDays(to, -((input.days ?? 7) - 1));
        const r = await rebuildEventRollups(db, from, to, { jobRunId: runId ?? undefined });
        return { from, to, days: r.days, drift: r.drift.length };
      },
    },
  ],
};

/** Fills daily_metrics for closed days that have no row yet (after a seed, or after downtime). */
export const catchUpRollupsJob: JobDefinition<NowInput> = {
  name: "catch-up-rollups",
  event: "rollups/catch-up",
  description: "Aggregates every closed day missing from daily_metrics since the first day with data",
  steps: [
    {
      id: "aggregate-missing-days",
      run: async (db, input) => {
        const yesterday = addDays(utcDay(nowOf(input)), -1);
        const [last] = await db.$queryRaw<{ day: string | null }[]>(Prisma.sql`SELECT to_char(max(date), 'YYYY-MM-DD') AS day FROM daily_metrics`);
        const from = last.day ? addDays(last.day, 1) : await firstDataDay(db);
        if (!from || from > yesterday) return { from: null, to: null, days: 0 };
        const a = await aggregateDailyMetrics(db, from, yesterday, { now: nowOf(input) });
        await snapshotCreatorLevels(db, from, yesterday);
        return { from, to: yesterday, days: a.days };
      },
    },
    {
      id: "backfill-event-rollups",
      run: async (db) => ({ days: (await backfillEventRollupsIfEmpty(db))?.days ?? 0 }),
    },
  ],
};

/** Deletes expired/revoked API tokens and sign-in attempts past their retention (lib/auth/tokens.ts). */
export const purgeAuthDataJob: JobDefinition<NowInput> = {
  name: "purge-auth-data",
  event: "auth/purge",
  cron: "15 1 * * *",
  description: "Deletes API tokens expired or revoked over 30 days ago, sign-in attempts older than 30 days, expired idempotency keys and old rate-limit windows",
  steps: [
    { id: "purge", run: async (db, input) => purgeAuthData(db, nowOf(input)) },
    // Idempotency answers past 24 h and rate-limit windows over an hour old (lib/http).
    {
      id: "purge-api-limits",
      run: async (db, input) => ({
        idempotency_keys_deleted: await purgeIdempotencyKeys(db, nowOf(input)),
        api_rate_limit_windows_deleted: await pruneApiRateLimits(db, nowOf(input)),
      }),
    },
  ],
};

/**
 * Sends queued events to Mixpanel / Amplitude (lib/events/forward.ts). Every
 * minute when a provider is configured at start-up; "run now" works always.
 */
export const forwardEventsJob: JobDefinition<NowInput> = {
  name: "forward-events",
  event: "events/forward",
  cron: forwardingProviders().length ? "* * * * *" : undefined,
  description: "Forwards stored events to Mixpanel and Amplitude (when MIXPANEL_TOKEN / AMPLITUDE_API_KEY are set), in batches with retries",
  retries: 0,
  // uses the wall clock (not the slot): backoff waits are real time
  steps: [{ id: "forward", run: async (db) => (await forwardEvents(db)) as unknown as Json }],
};

/** System health (lib/health): probes the external services, then evaluates every alert rule, each minute. */
export const evaluateAlertsJob: JobDefinition<NowInput> = {
  name: "evaluate-alerts",
  event: "health/evaluate-alerts",
  cron: "* * * * *",
  description: "Probes the configured external services and evaluates every alert rule (states, history, notifications)",
  retries: 0,
  steps: [
    { id: "probe-external", run: async (db) => probeExternalServices(db) },
    { id: "evaluate", run: async (db, input) => evaluateAlerts(db, nowOf(input)) },
  ],
};

/** Request metrics past their retention: minutes after 8 days, hours after 90. */
export const purgeRequestMetricsJob: JobDefinition<NowInput> = {
  name: "purge-request-metrics",
  event: "health/purge-request-metrics",
  cron: "45 1 * * *",
  description: "Deletes per-minute request metrics older than 8 days and hourly ones older than 90 days",
  steps: [{ id: "purge", run: async (db, input) => purgeRequestMetrics(db, nowOf(input)) }],
};


type RunInput = { run_id: string };

/** The steps of a report or export run (lib/runs): the file, then the email (its own step, so Inngest retries it alone). */
const runSteps: JobDefinition<RunInput>["steps"] = [
  // Without a run id (e.g. "Run now" on the jobs page) there is nothing to do.
  { id: "execute", run: async (db, input) => (input.run_id ? executeRun(db, input.run_id) : { status: "skipped", reason: "no run_id" }) },
  { id: "notify", run: async (db, input) => (input.run_id ? notifyRun(db, input.run_id) : { sent: false, reason: "no run_id" }) },
];

export const reportRunJob: JobDefinition<RunInput> = {
  name: "report-run",
  event: "reports/run.requested",
  description: "Writes a financial report file (CSV, XLSX, JSON) for a report run and emails its link",
  steps: runSteps,
};

export const exportRunJob: JobDefinition<RunInput> = {
  name: "export-run",
  event: "exports/requested",
  description: "Writes a data export file (CSV, XLSX, JSON, NDJSON) for an export run and emails its link",
  steps: runSteps,
};

/** The job that runs a report_runs row of this kind (a saved report's run: write, then deliver to its recipients). */
export const jobForRunKind = (kind: string, reportId?: string | null) => (reportId ? savedReportRunJob : kind === "export" ? exportRunJob : reportRunJob);

export const reapReportRunsJob: JobDefinition<NowInput> = {
  name: "reap-report-runs",
  event: "reports/reap",
  cron: "*/2 * * * *",
  description: "Fails report and export runs whose worker stopped (stale heartbeat) and starts them again while attempts remain",
  steps: [
    {
      id: "reap",
      run: async (db, input) => {
        return reapStaleRuns(db, (r) => dispatch(db, jobForRunKind(r.kind, r.report_id), { run_id: r.id }), nowOf(input));
      },
    },
  ],
};

export const deleteExpiredFilesJob: JobDefinition<NowInput> = {
  name: "delete-expired-files",
  event: "reports/delete-expired-files",
  cron: "45 1 * * *",
  description: "Deletes report and export files past their expiry from storage",
  steps: [{ id: "delete", run: async (db, input) => deleteExpiredFiles(db, nowOf(input)) }],
};

/**
 * Scheduled saved reports (issue 12): one slot per (report, instant), each
 * started as a report run (saved-report-run writes and delivers it); then the
 * running slots that need it are settled (deliveries past their backoff, a
 * completed run whose job died, a failed run nobody retries).
 */
export const dispatchScheduledReportsJob: JobDefinition<NowInput> = {
  name: "dispatch-scheduled-reports",
  event: "reports/dispatch-scheduled",
  cron: "* * * * *",
  description: "Starts the saved reports whose schedule has come as report runs (each scheduled instant once; older than an hour: recorded as missed) and settles their deliveries",
  steps: [
    {
      id: "dispatch",
      run: async (db, input) => {
        const r = await dispatchSchedules(db, nowOf(input));
        return { due: r.due, created: r.created.length, missed: r.missed };
      },
    },
    { id: "start-slots", run: async (db, input) => runPendingSlots(db, nowOf(input)) },
    { id: "settle-slots", run: async (db, input) => ({ settled: await settleSlots(db, nowOf(input)) }) },
  ],
};

/**
 * Webhooks (lib/webhooks/deliver.ts): sends the due deliveries, signed, with
 * retries and backoff; disables endpoints failing for 24 h. Every minute, and
 * at once after an event is emitted, a replay or a test (kickWebhookDelivery).
 * Backoff waits are real time: the wall clock, not the slot.
 */
export const deliverWebhooksJob: JobDefinition<NowInput> = {
  name: "deliver-webhooks",
  event: "webhooks/deliver",
  cron: "* * * * *",
  description: "Sends due webhook deliveries (signed, retried with backoff for up to a day) and disables endpoints failing for 24 hours",
  retries: 0,
  steps: [{ id: "deliver", run: async (db, input) => deliverWebhooks(db, { now: input.now ? new Date(input.now) : undefined }) }],
};

export const JOBS = [
  aggregateDailyMetricsJob, reconcileDailyMetricsJob, catchUpRollupsJob, purgeAuthDataJob,
  forwardEventsJob, evaluateAlertsJob, purgeRequestMetricsJob, reportRunJob, exportRunJob, reapReportRunsJob, deleteExpiredFilesJob,
  dispatchScheduledReportsJob, savedReportRunJob, deliverWebhooksJob,
] as JobDefinition<any>[];

export function findJob(name: string) {
  return JOBS.find((j) => j.name === name);
}
