// GET /api/v1/admin/reports/catalog (admin only): the metrics with labels,
// units and the dimensions each allows; the dimensions (with the values of
// the short enumerable ones).
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { catalogListing } from "@/lib/reports/catalog";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"] }, async () => catalogListing(prisma));
