// GET /api/v1/admin/analytics/events?period= (admin only): events by type over
// time, unique users, top pages and referrers — the events page's numbers.
import { prisma } from "@/lib/db";
import { eventCounts } from "@/lib/events/analysis";
import { apiHandler } from "@/lib/http/api";
import { eventCountsQuery } from "@/lib/validation/events";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: eventCountsQuery }, async ({ query }) => eventCounts(prisma, { period: query.period }));
