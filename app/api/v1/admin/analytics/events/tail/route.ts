// GET /api/v1/admin/analytics/events/tail?limit=&type= (admin only): the newest
// events, polled by the events page's live tail.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { eventTail } from "@/lib/events/analysis";
import { apiHandler } from "@/lib/http/api";
import { eventTailQuery } from "@/lib/validation/events";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], query: eventTailQuery }, async ({ query }) =>
  NextResponse.json(await eventTail(prisma, { limit: query.limit, type: query.type }), { headers: { "cache-control": "no-store" } }));
