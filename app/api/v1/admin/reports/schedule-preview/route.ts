// GET /api/v1/admin/reports/schedule-preview?cron=&timezone=&count= — a schedule in words and its next runs (with DST notes).
import { clockNow } from "@/lib/clock";
import { apiHandler } from "@/lib/http/api";
import { schedulePreview } from "@/lib/schedules/preview";
import { schedulePreviewQuery } from "@/lib/validation/schedules";

export const GET = apiHandler({ roles: ["admin"], query: schedulePreviewQuery }, async ({ query }) =>
  schedulePreview(query.cron, query.timezone, clockNow(), query.count),
);
