// Request schemas of the financial reports and exports API (one per endpoint).
import { z } from "zod";
import { isoDate, timeZoneSchema } from "./primitives";

export const REPORT_TYPES = ["revenue", "payouts", "transactions", "refunds", "outstanding_balances", "tax_1099"] as const;
export const FILE_FORMATS = ["csv", "xlsx", "json"] as const;
export const GROUP_BYS = ["day", "week", "month"] as const;

const MAX_RANGE_DAYS = 3653; // 10 years

/** Range checks shared by reports and exports: end ≥ start, at most 10 years. */
export function checkRange(v: { start_date?: string; end_date?: string }, ctx: z.RefinementCtx) {
  if (!v.start_date || !v.end_date) return;
  const days = (Date.parse(v.end_date) - Date.parse(v.start_date)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: "custom", path: ["end_date"], message: "must not be before start_date" });
  else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["end_date"], message: "range must be at most 10 years" });
}

/** POST /api/v1/admin/reports/financial — `tax_1099` takes the tax year of end_date. */
export const financialReportRequest = z
  .object({
    report_type: z.enum(REPORT_TYPES),
    start_date: isoDate,
    end_date: isoDate,
    format: z.enum(FILE_FORMATS),
    group_by: z.enum(GROUP_BYS).default("day"),
    timezone: timeZoneSchema.default("UTC"),
  })
  .strict()
  .superRefine(checkRange);

export type FinancialReportRequest = z.output<typeof financialReportRequest>;
/** What a plan or a preview needs (format is only for the file). */
export type FinancialParams = Omit<FinancialReportRequest, "format">;

/** POST /api/v1/admin/reports/financial/preview — the request's fields and checks, without the file format. */
export const financialPreviewRequest = z
  .object({
    report_type: z.enum(REPORT_TYPES),
    start_date: isoDate,
    end_date: isoDate,
    group_by: z.enum(GROUP_BYS).default("day"),
    timezone: timeZoneSchema.default("UTC"),
  })
  .strict()
  .superRefine(checkRange);

/** First and last day of the previous calendar month (UTC): what /admin/reports shows before a range is chosen. */
export function lastMonthRange(now: Date = new Date()): { start_date: string; end_date: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { start_date: day(new Date(Date.UTC(y, m - 1, 1))), end_date: day(new Date(Date.UTC(y, m, 0))) };
}

/** /admin/reports query: the request's schema with every field defaulted, read by pageQuery (refused fields are named). */
export const financialReportPageQuery = z
  .object({
    report_type: z.enum(REPORT_TYPES).default("revenue"),
    start_date: isoDate.default(() => lastMonthRange().start_date),
    end_date: isoDate.default(() => lastMonthRange().end_date),
    group_by: z.enum(GROUP_BYS).default("day"),
    timezone: timeZoneSchema.default("UTC"),
    format: z.enum(FILE_FORMATS).default("csv"),
  })
  .superRefine(checkRange);
