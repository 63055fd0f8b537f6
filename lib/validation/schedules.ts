// Report schedules: a 5-field cron expression (at most every 15 minutes, and
// it must run) in an IANA zone. GET /api/v1/admin/reports/schedule-preview,
// and the saved reports' schedule fields (issue 12).
import { z } from "zod";
import { cronProblem } from "@/lib/schedules/cron";
import { timeZoneSchema } from "./primitives";

export const cronExpression = z
  .string()
  .max(120)
  .transform((s) => s.trim().replace(/\s+/g, " "))
  .superRefine((cron, ctx) => {
    const problem = cronProblem(cron);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const scheduleSchema = z.object({ cron: cronExpression, timezone: timeZoneSchema });

export const schedulePreviewQuery = scheduleSchema.extend({
  count: z.coerce.number().int().min(1).max(20).default(5),
});
