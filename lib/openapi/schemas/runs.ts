// Answers of the financial reports, exports and runs endpoints (lib/runs, lib/reports/financial).
import { z } from "zod";
import { paginated } from "../common";

/** lib/runs/view.ts `RunView`: §4.2 ReportRun plus the engine's fields. */
export const reportRun = z
  .object({
    id: z.string(),
    kind: z.enum(["report", "export"]),
    report_id: z.string().nullable().meta({ description: "The saved report this run belongs to (scheduled, Run now, Send now), else null." }),
    report_type: z.string().nullable().meta({ description: "Reports: revenue, payouts, transactions, refunds, outstanding_balances, tax_1099." }),
    entity: z.string().nullable().meta({ description: "Exports: users, transactions, assignments, payouts." }),
    parameters: z.record(z.string(), z.unknown()),
    format: z.string().nullable(),
    status: z.enum(["pending", "processing", "completed", "failed"]),
    progress: z.number().meta({ description: "Percent done, 0–100." }),
    row_count: z.number().nullable(),
    estimated_rows: z.number().nullable(),
    file_name: z.string().nullable(),
    file_size_bytes: z.number().nullable(),
    sha256: z.string().nullable(),
    error_message: z.string().nullable().meta({ description: "Why it failed (\"cancelled\" when cancelled)." }),
    attempt: z.number(),
    cancel_requested: z.boolean(),
    notify: z.boolean(),
    requested_by: z.string().nullable(),
    email_status: z.string().nullable(),
    email_error: z.string().nullable(),
    file_deleted: z.boolean(),
    created_at: z.string().nullable(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    expires_at: z.string().nullable().meta({ description: "When the file is deleted." }),
  })
  .meta({ id: "ReportRun", description: "A report or export run." });

export const runAnswer = z.object({
  report_run: reportRun,
  download_url: z.string().nullable().meta({ description: "A fresh signed link (for the admin who asked, once completed and while kept), else null." }),
  download_expires_at: z.string().nullable(),
});

export const reportRunAnswer = z.object({ report_run: reportRun });

export const runList = paginated({ runs: z.array(reportRun.extend({ mine: z.boolean().meta({ description: "Requested by the caller." }) })) });

export const reportAccepted = z.object({
  report_run_id: z.string(),
  status: z.literal("processing"),
  estimated_rows: z.number(),
  estimated_time: z.number().meta({ description: "Seconds, estimated." }),
});

export const exportAccepted = z.object({
  export_id: z.string(),
  status: z.literal("processing"),
  estimated_rows: z.number(),
  estimated_time: z.number().meta({ description: "Seconds, estimated." }),
});

export const exportEstimate = z.object({ estimated_rows: z.number(), estimated_time: z.number(), file_name: z.string() });

const column = z
  .object({ key: z.string(), label: z.string(), kind: z.enum(["text", "integer", "number", "money", "percent", "date", "datetime", "boolean"]) })
  .meta({ id: "Column" });
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const row = z.record(z.string(), cell);

export const financialPreview = z.object({
  columns: z.array(column),
  rows: z.array(row).meta({ description: "The first rows: money rounded to cents, datetimes as ISO instants, dates as YYYY-MM-DD." }),
  totals: row.nullable(),
  estimated_rows: z.number().meta({ description: "Rows the report will have (exact at the time of the preview)." }),
  file_stem: z.string(),
  parameters: z.record(z.string(), z.string()),
  timezone: z.string(),
  buckets: z.object({ columns: z.array(column), rows: z.array(row) }).nullable(),
});
