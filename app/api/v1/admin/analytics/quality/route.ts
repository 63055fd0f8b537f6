// GET /api/v1/admin/analytics/quality?period= (admin only): quality metrics.
import { qualityDashboard } from "@/lib/analytics/quality";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { qualityQuery } from "@/lib/validation/admin-analytics";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: qualityQuery }, async ({ query }) =>
  qualityDashboard(prisma, { period: query.period }),
);
