// An endpoint's deliveries, newest first, each with every attempt (admin only):
// ?page=&per_page= → {deliveries, page, per_page, has_more, total}.
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { listDeliveries } from "@/lib/webhooks/endpoints";
import { listDeliveriesQuery, webhookParams } from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], params: webhookParams, query: listDeliveriesQuery }, async ({ params, query }) =>
  listDeliveries(prisma, params.id, query));
