// GET /api/v1/admin/analytics/events/funnel?steps=a,b[,c…]&period=&window_days= (admin only).
import { prisma } from "@/lib/db";
import { eventFunnel } from "@/lib/events/analysis";
import { apiHandler } from "@/lib/http/api";
import { funnelQuery } from "@/lib/validation/events";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: funnelQuery }, async ({ query }) =>
  eventFunnel(prisma, { period: query.period, steps: query.steps, windowDays: query.window_days }));
