// GET /api/v1/admin/analytics/activity?limit= (admin only): the live activity
// feed, polled by the platform page.
import { NextResponse } from "next/server";
import { recentActivity } from "@/lib/analytics/activity";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { activityQuery } from "@/lib/validation/admin-analytics";
import { clockNow } from "@/lib/clock";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: activityQuery }, async ({ query }) => {
  const now = clockNow();
  const events = await recentActivity(prisma, { limit: query.limit, now });
  return NextResponse.json({ data_as_of: now.toISOString(), events }, { headers: { "cache-control": "no-store" } });
});
