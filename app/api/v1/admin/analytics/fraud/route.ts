// GET /api/v1/admin/analytics/fraud?period=&page=&per_page= (admin only):
// fraud metrics; page/per_page page through the pending flags.
import { fraudDashboard } from "@/lib/analytics/fraud";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { fraudQuery } from "@/lib/validation/admin-analytics";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: fraudQuery }, async ({ query }) =>
  fraudDashboard(prisma, { period: query.period, page: query.page, perPage: query.per_page }),
);
