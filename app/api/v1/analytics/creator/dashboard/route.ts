// GET /api/v1/analytics/creator/dashboard — US-7.2; same lib call as the /creator page.
import { loadCreatorDashboard } from "@/lib/analytics/user-dashboards";
import { apiHandler } from "@/lib/http/api";
import { creatorDashboardQuery } from "@/lib/validation/creator";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["creator", "admin"], query: creatorDashboardQuery }, async ({ user, query }) => {
  return (await loadCreatorDashboard(user, query)).data;
});
