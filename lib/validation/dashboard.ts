import { z } from "zod";
import { periodSchema, timeZoneSchema } from "@/lib/period";

/** Query of the per-user dashboards (uploader, creator): period, viewer time zone, admin's support override. */
export const userDashboardQuery = z.object({
  period: z.enum(["week", "month", "quarter", "year"]).default("month"),
  tz: timeZoneSchema.optional(),
  // z.guid(): seeded ids are time-ordered and do not carry the RFC 4122 variant bits uuid() demands
  user_id: z.guid().optional(),
});

/** Query of the admin dashboards. */
export const adminPeriodQuery = z.object({ period: periodSchema.default("month") });
