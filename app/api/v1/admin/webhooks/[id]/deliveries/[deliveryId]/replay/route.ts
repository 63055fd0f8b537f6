// Replays a delivery (admin only): due now with a fresh set of retries; the
// deliver-webhooks job makes the attempt → 202 {delivery}.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { replayDelivery } from "@/lib/webhooks/endpoints";
import { webhookDeliveryParams } from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ roles: ["admin"], params: webhookDeliveryParams }, async ({ params }) =>
  NextResponse.json(await replayDelivery(prisma, params.id, params.deliveryId), { status: 202 }));
