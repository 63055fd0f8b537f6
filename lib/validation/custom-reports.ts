// Schemas of the custom report builder (US-7.9): the report config (one
// shape for preview, saved reports and scheduled runs) and the saved report
// API. Every id is checked against the catalog here, so the compiler only
// ever sees known metrics and dimensions, and each filter value matches its
// dimension's pattern (values still reach SQL only as parameters).
import { z } from "zod";
import { DIMENSION_IDS, DIMENSIONS, isTimeDimension, METRIC_IDS, METRICS, metricDimensions } from "@/lib/reports/catalog";
import { cronProblem as scheduleProblem } from "@/lib/schedules/cron";
import { isoDate, timeZoneSchema } from "./primitives";
import { GROUP_BYS, REPORT_TYPES } from "./reports";

export const RELATIVE_RANGES = [
  "last_7_days", "last_30_days", "last_90_days", "this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year",
] as const;
export const VISUALIZATIONS = ["table", "line", "area", "bar", "stacked_bar", "donut", "number"] as const;
export const FILTER_OPS = ["eq", "in", "not_in"] as const;
const MAX_RANGE_DAYS = 3653;

/** `{start_date, end_date}` (inclusive calendar days in the report's zone) or `{relative}` (resolved at each run). */
export const dateRangeSchema = z
  .object({ start_date: isoDate.optional(), end_date: isoDate.optional(), relative: z.enum(RELATIVE_RANGES).optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (v.relative) {
      if (v.start_date || v.end_date) ctx.addIssue({ code: "custom", path: ["relative"], message: "give either relative or start_date and end_date" });
      return;
    }
    if (!v.start_date) return ctx.addIssue({ code: "custom", path: ["start_date"], message: "is required (or relative)" });
    if (!v.end_date) return ctx.addIssue({ code: "custom", path: ["end_date"], message: "is required (or relative)" });
    const days = (Date.parse(v.end_date) - Date.parse(v.start_date)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["end_date"], message: "must not be before start_date" });
    else if (days >= MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["end_date"], message: "range must be at most 10 years" });
  });
export type DateRange = z.output<typeof dateRangeSchema>;

const filterSchema = z
  .object({
    dimension: z.enum(DIMENSION_IDS),
    op: z.enum(FILTER_OPS),
    values: z.array(z.string().max(320)).min(1).max(200),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (isTimeDimension(f.dimension)) {
      ctx.addIssue({ code: "custom", path: ["dimension"], message: `cannot filter on a time dimension (${f.dimension}); use date_range` });
      return;
    }
    if (f.op === "eq" && f.values.length !== 1) ctx.addIssue({ code: "custom", path: ["values"], message: "eq takes exactly one value" });
    const schema = DIMENSIONS[f.dimension].value;
    f.values.forEach((v, i) => {
      const r = schema.safeParse(v);
      if (!r.success) ctx.addIssue({ code: "custom", path: ["values", i], message: `${r.error.issues[0].message}` });
    });
  });
export type ReportFilter = z.output<typeof filterSchema>;

export const reportConfigSchema = z
  .object({
    metrics: z.array(z.enum(METRIC_IDS)).min(1, "pick at least one metric").max(METRIC_IDS.length),
    date_range: dateRangeSchema,
    timezone: timeZoneSchema.default("UTC"),
    filters: z.array(filterSchema).max(20).default([]),
    group_by: z.array(z.enum(DIMENSION_IDS)).max(2, "at most two dimensions").default([]),
    visualization: z.enum(VISUALIZATIONS).default("table"),
  })
  .strict()
  .superRefine((c, ctx) => {
    // one metric or dimension once; every dimension used must be allowed by every metric
    c.metrics.forEach((m, i) => {
      if (c.metrics.indexOf(m) !== i) ctx.addIssue({ code: "custom", path: ["metrics", i], message: `metric "${m}" is listed twice` });
    });
    c.group_by.forEach((d, i) => {
      if (c.group_by.indexOf(d) !== i) ctx.addIssue({ code: "custom", path: ["group_by", i], message: `dimension "${d}" is listed twice` });
      else if (isTimeDimension(d) && c.group_by.some((o, j) => j < i && isTimeDimension(o)))
        ctx.addIssue({ code: "custom", path: ["group_by", i], message: "at most one time dimension" });
      const bad = c.metrics.find((m) => !metricDimensions(m).includes(d));
      if (bad) ctx.addIssue({ code: "custom", path: ["group_by", i], message: `dimension "${d}" is not available for metric "${bad}" (${METRICS[bad].label})` });
    });
    c.filters.forEach((f, i) => {
      const bad = c.metrics.find((m) => !metricDimensions(m).includes(f.dimension));
      if (bad) ctx.addIssue({ code: "custom", path: ["filters", i, "dimension"], message: `filter "${f.dimension}" is not available for metric "${bad}" (${METRICS[bad].label})` });
    });
  });
export type ReportConfig = z.output<typeof reportConfigSchema>;

/** POST /api/v1/admin/reports/preview */
export const previewRequest = z.object({ config: reportConfigSchema }).strict();

/** A financial report saved for schedules: its US-7.8 parameters without the dates (resolved at each run). */
export const financialConfigSchema = z
  .object({ date_range: dateRangeSchema, group_by: z.enum(GROUP_BYS).default("day"), timezone: timeZoneSchema.default("UTC") })
  .strict();

export const SAVED_REPORT_TYPES = ["custom", ...REPORT_TYPES] as const;
export const SAVED_FORMATS = ["csv", "xlsx", "json", "none"] as const;
export const SEND_CONDITIONS = ["always", "if_rows", "if_changed"] as const;
/** Why a schedule's cron is refused (5 fields, runs, at most every 15 minutes: lib/schedules), or null. */
export function cronProblem(expr: string, _tz?: string): string | null {
  return scheduleProblem(expr);
}

const savedReportFields = {
  name: z.string().trim().min(1, "is required").max(100),
  description: z.string().trim().max(1000).nullish(),
  report_type: z.enum(SAVED_REPORT_TYPES).default("custom"),
  config: z.unknown(),
  is_scheduled: z.boolean().default(false),
  schedule_cron: z.string().trim().max(50).nullish(),
  recipients: z.array(z.email("must be an email address").max(320)).max(50, "at most 50 recipients").default([]),
  timezone: timeZoneSchema.default("UTC"),
  format: z.enum(SAVED_FORMATS).default("csv"),
  send_condition: z.enum(SEND_CONDITIONS).default("always"),
};

/** The config by report type, the schedule's cron (in its zone), recipients when scheduled. */
function checkSavedReport(v: { report_type: string; config: unknown; is_scheduled: boolean; schedule_cron?: string | null; recipients: string[]; timezone: string }, ctx: z.RefinementCtx) {
  const schema = v.report_type === "custom" ? reportConfigSchema : financialConfigSchema;
  const parsed = schema.safeParse(v.config);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["config", ...issue.path.map(String)], message: issue.message });
  else v.config = parsed.data;
  if (v.schedule_cron) {
    const problem = cronProblem(v.schedule_cron, v.timezone);
    if (problem) ctx.addIssue({ code: "custom", path: ["schedule_cron"], message: problem });
  }
  if (v.is_scheduled) {
    if (!v.schedule_cron) ctx.addIssue({ code: "custom", path: ["schedule_cron"], message: "is required when is_scheduled" });
    if (!v.recipients.length) ctx.addIssue({ code: "custom", path: ["recipients"], message: "at least one recipient when is_scheduled" });
  }
  const seen = new Set<string>();
  v.recipients.forEach((r, i) => {
    const k = r.toLowerCase();
    if (seen.has(k)) ctx.addIssue({ code: "custom", path: ["recipients", i], message: "is listed twice" });
    seen.add(k);
  });
}

/** POST /api/v1/admin/reports and PUT /api/v1/admin/reports/:id (the whole report). */
export const savedReportBody = z.object(savedReportFields).strict().superRefine(checkSavedReport);
export type SavedReportInput = z.output<typeof savedReportBody>;

/** :id of /api/v1/admin/reports/:id — a uuid, so the static siblings (runs, financial, …) never reach it. */
export const reportIdParams = z.object({ id: z.uuid("must be a report id (uuid)") });

/** POST /api/v1/admin/reports/:id/run — send: email the recipients ("Send now"), else compute and record ("Run now"). */
export const runNowBody = z.object({ send: z.boolean().default(true) }).strict();
