// Every background job, defined once: name, trigger, and its steps (plain
// functions from lib/rollups). Both drivers run these same definitions.
import { purgeAuthData } from "@/lib/auth/tokens";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  addDays, aggregateDailyMetrics, ensureEventPartitions, firstDataDay, nightlyRange, reconcileDailyMetrics, snapshotCreatorLevels, utcDay,
} from "@/lib/rollups";
import { clockNow } from "@/lib/clock";
import { eventsConfig } from "@/lib/events/config";
import { forwardEvents } from "@/lib/events/forward";
import { dropExpiredEventPartitions } from "@/lib/events/partitions";
import { forwardingProviders } from "@/lib/events/providers";
import { pruneRateLimits } from "@/lib/events/rate-limit";
import { backfillEventRollupsIfEmpty, rebuildEventRollups } from "@/lib/events/rollups";
import { dispatchSchedules, retryDeliveries, runPendingSlots } from "@/lib/reports/schedules";
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
        const rateWindows = await pruneRateLimits(db, nowOf(input));
        return { partitions_created: created, ...retention, rate_limit_windows_deleted: rateWindows };
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
  description: "Deletes API tokens expired or revoked over 30 days ago and sign-in attempts older than 30 days",
  steps: [{ id: "purge", run: async (db, input) => purgeAuthData(db, nowOf(input)) }],
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

/** Scheduled saved reports (issue 12): one slot per (report, instant), run and delivered; failed sends retried with backoff. */
export const dispatchScheduledReportsJob: JobDefinition<NowInput> = {
  name: "dispatch-scheduled-reports",
  event: "reports/dispatch-scheduled",
  cron: "* * * * *",
  description: "Runs the saved reports whose schedule has come (each scheduled instant once; older than an hour: recorded as missed) and emails them",
  steps: [
    {
      id: "dispatch",
      run: async (db, input) => {
        const r = await dispatchSchedules(db, nowOf(input));
        return { due: r.due, created: r.created.length, missed: r.missed };
      },
    },
    { id: "run-slots", run: async (db, input) => runPendingSlots(db, nowOf(input)) },
    { id: "retry-deliveries", run: async (db, input) => ({ retried: await retryDeliveries(db, nowOf(input)) }) },
  ],
};

export const JOBS = [aggregateDailyMetricsJob, reconcileDailyMetricsJob, catchUpRollupsJob, purgeAuthDataJob, forwardEventsJob, dispatchScheduledReportsJob] as JobDefinition<any>[];

export function findJob(name: string) {
  return JOBS.find((j) => j.name === name);
}
