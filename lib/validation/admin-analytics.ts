// Query schemas of the admin analytics endpoints, one per endpoint. Pages
// parse their searchParams with the same schemas (lib/analytics/page-query.ts).
import { z } from "zod";
import { adminPeriodQuery } from "@/lib/validation/dashboard";
import { clockNow } from "@/lib/clock";

import { isoDate } from "./primitives";

const MAX_RANGE_DAYS = 3 * 366;

/** A real calendar date written YYYY-MM-DD, 2000–2100 (the shared date schema). */
export const isoDay = isoDate;

const page = z.coerce.number().int().min(1).max(100_000).default(1);
const perPage = (max: number, def: number) => z.coerce.number().int().min(1).max(max).default(def);

/** GET /api/v1/admin/analytics/dashboard */
export const platformDashboardQuery = adminPeriodQuery;

/** GET /api/v1/admin/analytics/activity */
export const activityQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(15) });

/** GET /api/v1/admin/analytics/quality */
export const qualityQuery = adminPeriodQuery;

/** GET /api/v1/admin/analytics/fraud (page/per_page: the list of pending flags) */
export const fraudQuery = adminPeriodQuery.extend({ page, per_page: perPage(100, 20) });

const dayMs = (s: string) => Date.parse(`${s}T00:00:00Z`);
const todayUtc = () => clockNow().toISOString().slice(0, 10);
const daysBefore = (s: string, n: number) => new Date(dayMs(s) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * GET /api/v1/admin/analytics/creator-levels: an inclusive range of UTC days,
 * at most 3 years long. Defaults: the 90 days ending today (or ending at
 * end_date when only that is given).
 */
export const creatorLevelsQuery = z
  .object({ start_date: isoDay.optional(), end_date: isoDay.optional() })
  .transform((q) => {
    const end = q.end_date ?? (q.start_date && q.start_date > todayUtc() ? q.start_date : todayUtc());
    return { start_date: q.start_date ?? daysBefore(end, 89), end_date: end };
  })
  .superRefine((q, ctx) => {
    if (q.end_date < q.start_date) {
      ctx.addIssue({ code: "custom", path: ["end_date"], message: "must be on or after start_date" });
    } else if ((dayMs(q.end_date) - dayMs(q.start_date)) / 86_400_000 > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["end_date"], message: "must be at most 3 years after start_date" });
    }
  });

export const LEVEL_CREATOR_SORTS = ["rating", "completed_tasks", "earnings", "days_in_level"] as const;
export type LevelCreatorSort = (typeof LEVEL_CREATOR_SORTS)[number];

/** GET /api/v1/admin/analytics/creator-levels/[levelId]/creators */
export const levelCreatorsQuery = z.object({
  sort: z.enum(LEVEL_CREATOR_SORTS).default("rating"),
  order: z.enum(["asc", "desc"]).default("desc"),
  page,
  per_page: perPage(100, 25),
});
// any 8-4-4-4-12 hex id: seeded ids are md5-derived, not RFC 4122 version/variant UUIDs
export const levelCreatorsParams = z.object({ levelId: z.guid() });
