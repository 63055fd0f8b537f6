// One webhook endpoint (admin only): GET, PATCH {enabled?, url?, events?}
// (enabled: true re-enables a disabled endpoint), DELETE (with its deliveries).
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/endpoints";
import { updateWebhookBody, webhookParams } from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], params: webhookParams }, async ({ params }) => ({ webhook: await getWebhook(prisma, params.id) }));

export const PATCH = apiHandler({ roles: ["admin"], params: webhookParams, body: updateWebhookBody }, async ({ params, body, user }) =>
  updateWebhook(prisma, params.id, body, user));

export const DELETE = apiHandler({ roles: ["admin"], params: webhookParams }, async ({ params }) => deleteWebhook(prisma, params.id));
