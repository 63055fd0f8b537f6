// Sends a `webhook.test` event to this endpoint (admin only) → 202 {delivery};
// the deliver-webhooks job makes the attempt.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { sendTestEvent } from "@/lib/webhooks/endpoints";
import { webhookParams } from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ roles: ["admin"], params: webhookParams }, async ({ params, user }) =>
  NextResponse.json(await sendTestEvent(prisma, params.id, user), { status: 202 }));
