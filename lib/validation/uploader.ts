import { z } from "zod";
import { timeZoneSchema } from "@/lib/period";
import { userDashboardQuery } from "./dashboard";

/** GET /api/v1/analytics/uploader/dashboard and the /dashboard page: period, tz, admin's user_id. */
export const uploaderDashboardQuery = userDashboardQuery;
export type UploaderDashboardQuery = z.infer<typeof uploaderDashboardQuery>;

/** "pending" is the dashboard's pending count: processing or in_progress. */
export const UPLOAD_STATUS_FILTERS = ["pending", "processing", "in_progress", "completed", "cancelled"] as const;
export type UploadStatusFilter = (typeof UPLOAD_STATUS_FILTERS)[number];

/** The /dashboard/uploads list: newest first, 20 a page, optionally one status. */
export const uploaderUploadsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  status: z.enum(UPLOAD_STATUS_FILTERS).optional(),
  tz: timeZoneSchema.optional(),
  user_id: z.guid().optional(),
});
export type UploaderUploadsQuery = z.infer<typeof uploaderUploadsQuery>;
