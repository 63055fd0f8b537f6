// GET /api/v1/analytics/creator/earnings — US-7.3; same lib call as the /creator/earnings page.
import { loadCreatorEarnings } from "@/lib/analytics/user-dashboards";
import { apiHandler } from "@/lib/http/api";
import { creatorEarningsQuery } from "@/lib/validation/creator";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["creator", "admin"], query: creatorEarningsQuery }, async ({ user, query }) => {
  return (await loadCreatorEarnings(user, query)).data;
});
