// GET /api/v1/admin/analytics/creator-levels?start_date=&end_date= (admin only).
import { creatorLevelStats } from "@/lib/analytics/levels";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { creatorLevelsQuery } from "@/lib/validation/admin-analytics";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: creatorLevelsQuery }, async ({ query }) =>
  creatorLevelStats(prisma, { startDate: query.start_date, endDate: query.end_date }),
);
