import { z } from "zod";
import { timeZoneSchema } from "@/lib/period";
import { userDashboardQuery } from "./dashboard";
import { isoDate } from "./primitives";

/** GET /api/v1/analytics/creator/dashboard and the /creator page: period, tz, admin's user_id. */
export const creatorDashboardQuery = userDashboardQuery;
export type CreatorDashboardQuery = z.infer<typeof creatorDashboardQuery>;

export const EARNINGS_GRANULARITIES = ["day", "week", "month"] as const;
export type EarningsGranularity = (typeof EARNINGS_GRANULARITIES)[number];

/** Longest range the earnings view accepts: `to` must be before `from` + 3 years. */
export const MAX_EARNINGS_YEARS = 3;

/** Why a from/to pair is refused (and which field to blame), or null when it is fine. */
export function earningsRangeProblem(from: string, to: string): { field: "from" | "to"; message: string } | null {
  if (to < from) return { field: "to", message: "must be on or after from" };
  const limit = new Date(`${from}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_EARNINGS_YEARS);
  if (new Date(`${to}T00:00:00Z`) >= limit) return { field: "to", message: `must be less than ${MAX_EARNINGS_YEARS} years after from` };
  return null;
}

/**
 * GET /api/v1/analytics/creator/earnings and /creator/earnings: local calendar
 * dates (YYYY-MM-DD, inclusive) in the viewer's time zone. Missing dates
 * default in the lib (last 90 days), where the same range check runs again.
 */
export const creatorEarningsQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    granularity: z.enum(EARNINGS_GRANULARITIES).optional(),
    tz: timeZoneSchema.optional(),
    user_id: z.guid().optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    const problem = earningsRangeProblem(q.from, q.to);
    if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });
export type CreatorEarningsQuery = z.infer<typeof creatorEarningsQuery>;
