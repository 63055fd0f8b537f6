// Webhook endpoints (admin only): GET lists them, POST {url, events} registers
// one → 201 {webhook, secret} (the signing secret is in this answer only).
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { createWebhook, listWebhooks } from "@/lib/webhooks/endpoints";
import { createWebhookBody } from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"] }, async () => listWebhooks(prisma));

export const POST = apiHandler({ roles: ["admin"], body: createWebhookBody, idempotent: true }, async ({ user, body }) =>
  NextResponse.json(await createWebhook(prisma, body, user.id), { status: 201 }));
