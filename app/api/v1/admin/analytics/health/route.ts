// GET /api/v1/admin/analytics/health?window=1h|24h|7d[&route=&method=] — the system health dashboard (admin).
import { prisma } from "@/lib/db";
import { healthOverview } from "@/lib/health/overview";
import { apiHandler } from "@/lib/http/api";
import { healthQuery } from "@/lib/validation/health";

export const GET = apiHandler({ roles: ["admin"], query: healthQuery }, async ({ query }) => healthOverview(prisma, query));
