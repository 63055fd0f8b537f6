import { z } from "zod";
import { periodSchema, timeZoneSchema } from "@/lib/period";

/** Query of the per-user dashboards (uploader, creator): period, viewer time zone, admin's support override. */
export const userDashboardQuery = z.object({
  period: z.enum(["week", "month", "quarter", "year"]).default("month").meta({ description: "The calendar period so far (this month…), compared with the previous one." }),
  tz: timeZoneSchema.optional().meta({ description: "Time zone of the period's calendar; default: the dashboard owner's." }),
  // z.guid(): seeded ids are time-ordered and do not carry the RFC 4122 variant bits uuid() demands
  user_id: z.guid().optional().meta({ description: "Admins only: whose dashboard (support use)." }),
});

/** Query of the admin dashboards. */
export const adminPeriodQuery = z.object({ period: periodSchema.default("month").meta({ description: "The calendar period so far (UTC), compared with the previous one." }) });
