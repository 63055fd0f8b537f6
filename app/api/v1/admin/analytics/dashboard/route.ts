// GET /api/v1/admin/analytics/dashboard?period= (admin only): platform overview.
import { platformDashboard } from "@/lib/analytics/platform";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { platformDashboardQuery } from "@/lib/validation/admin-analytics";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: platformDashboardQuery }, async ({ query }) =>
  platformDashboard(prisma, { period: query.period }),
);
