// GET /api/v1/analytics/uploader/dashboard — US-7.1; same lib call as the /dashboard page.
import { loadUploaderDashboard } from "@/lib/analytics/user-dashboards";
import { apiHandler } from "@/lib/http/api";
import { uploaderDashboardQuery } from "@/lib/validation/uploader";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["uploader", "admin"], query: uploaderDashboardQuery }, async ({ user, query }) => {
  return (await loadUploaderDashboard(user, query)).data;
});
