// Answers of the custom report builder (US-7.9): catalog, preview, saved reports, their runs, schedule preview.
import { z } from "zod";
import { DIMENSION_IDS, METRIC_IDS } from "@/lib/reports/catalog";
import { reportRun } from "./runs";

const unit = z.enum(["money", "count", "rate", "rating", "hours"]);
const metricId = z.enum(METRIC_IDS);
const dimensionId = z.enum(DIMENSION_IDS);

export const catalog = z.object({
  metrics: z.array(
    z.object({
      id: metricId,
      label: z.string(),
      unit,
      description: z.string(),
      dimensions: z.array(dimensionId).meta({ description: "Dimensions the metric can be grouped by." }),
      filters: z.array(dimensionId).meta({ description: "Dimensions it can be filtered on." }),
    }),
  ),
  dimensions: z.array(
    z.object({
      id: dimensionId,
      label: z.string(),
      kind: z.enum(["time", "category", "user"]),
      description: z.string(),
      values: z.array(z.string()).optional().meta({ description: "The values of a short enumerable dimension (for filter pickers)." }),
    }),
  ),
});

const value = z.union([z.string(), z.number(), z.null()]);
const row = z.record(z.string(), value);

export const builderPreview = z
  .object({
    columns: z.array(z.object({ id: z.string(), label: z.string(), unit: z.union([unit, z.literal("dimension")]) })),
    rows: z.array(row),
    totals: row,
    chart: z.object({
      index: z.string().nullable().meta({ description: "The x axis (first dimension id), null without dimensions." }),
      categories: z.array(z.object({ key: z.string(), label: z.string() })),
      unit,
      data: z.array(row),
    }),
    range: z.object({ start_date: z.string(), end_date: z.string(), timezone: z.string() }),
    truncated: z.boolean().meta({ description: "More than 2,000 rows: only the first are shown." }),
    rollups: z.array(z.string()).meta({ description: "Facts read from rollup tables (the rest from the base tables)." }),
  })
  .meta({ id: "ReportResult" });

export const savedReport = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    report_type: z.string(),
    config: z.unknown().meta({ description: "The report config (custom) or the financial report's parameters." }),
    is_scheduled: z.boolean(),
    schedule_cron: z.string().nullable(),
    schedule_description: z.string().nullable().meta({ description: "The schedule in words with its zone." }),
    recipients: z.array(z.string()),
    timezone: z.string(),
    format: z.string(),
    send_condition: z.string(),
    next_run_at: z.string().nullable(),
    last_run_at: z.string().nullable(),
    last_run_status: z.string().nullable(),
    last_run_reason: z.string().nullable().meta({ description: "Why the last run failed, was skipped or missed; else null." }),
    owner: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
    created_at: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .meta({ id: "SavedReport" });

export const savedReportList = z.object({ reports: z.array(savedReport) });
export const savedReportAnswer = z.object({ report: savedReport });

export const slot = z
  .object({
    id: z.string(),
    report_id: z.string(),
    trigger: z.string().meta({ description: "schedule, run_now or send_now." }),
    scheduled_for: z.string(),
    status: z.string(),
    reason: z.string().nullable(),
    row_count: z.number().nullable(),
    period: z.object({ start_date: z.string(), end_date: z.string() }).nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
    run_id: z.string().nullable().meta({ description: "The report run that writes this slot's file (GET /api/v1/admin/reports/runs/{id})." }),
    report_run: reportRun
      .pick({ id: true, status: true, progress: true, row_count: true, format: true, file_name: true, file_size_bytes: true, error_message: true, expires_at: true })
      .nullable(),
    deliveries: z.array(z.object({ recipient: z.string(), status: z.string(), attempts: z.number(), error: z.string().nullable(), outbox_email_id: z.string().nullable() })),
  })
  .meta({ id: "SavedReportRun", description: "One run of a saved report (a schedule slot) with its delivery log." });

export const runNowAnswer = z.object({ run: slot });
export const reportRunList = z.object({ runs: z.array(slot) });

export const schedulePreview = z.object({
  cron: z.string(),
  timezone: z.string(),
  description: z.string(),
  next_runs: z.array(z.object({ local: z.string(), utc: z.string(), label: z.string(), note: z.string().optional().meta({ description: "A DST note when a clock change moves this run." }) })),
  dst_rule: z.string(),
});
