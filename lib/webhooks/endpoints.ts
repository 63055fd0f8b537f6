// What /api/v1/admin/webhooks and the /admin/webhooks page call: endpoints
// (create, list, read, change, delete), their deliveries with every attempt,
// replay and the test event. Sending is always left to the deliver-webhooks
// job (kickWebhookDelivery asks for a run at once).
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma, type WebhookDelivery, type WebhookDeliveryAttempt, type WebhookEndpoint } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/api";
import { WEBHOOK_TEST_EVENT, type CreateWebhookInput, type ListDeliveriesQuery, type UpdateWebhookInput } from "@/lib/validation/webhooks";
import { kickWebhookDelivery } from "./emit";
import { encryptSecret, generateSecret } from "./secrets";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export type WebhookView = {
  id: string; url: string; events: string[]; enabled: boolean; disabled_reason: string | null; disabled_at: string | null;
  failing_since: string | null; secret_prefix: string; created_by: string | null; created_at: string;
};

export function webhookView(e: WebhookEndpoint): WebhookView {
  return {
    id: e.id, url: e.url, events: e.events, enabled: e.enabled, disabled_reason: e.disabledReason, disabled_at: iso(e.disabledAt),
    failing_since: iso(e.failingSince), secret_prefix: e.secretPrefix, created_by: e.createdBy, created_at: e.createdAt.toISOString(),
  };
}

export type AttemptView = {
  attempt: number; at: string; succeeded: boolean; status_code: number | null; latency_ms: number | null; response_excerpt: string | null; error: string | null;
};
export type DeliveryView = {
  id: string; event_id: string; type: string; status: string; attempt_count: number; next_attempt_at: string | null;
  last_attempt_at: string | null; created_at: string; body: { id: string; type: string; created_at: string; data: unknown }; attempts: AttemptView[];
};

export function deliveryView(d: WebhookDelivery & { attempts: WebhookDeliveryAttempt[] }): DeliveryView {
  return {
    id: d.id, event_id: d.eventId, type: d.eventType, status: d.status, attempt_count: d.attemptCount,
    next_attempt_at: d.status === "pending" || d.status === "retrying" ? iso(d.nextAttemptAt) : null,
    last_attempt_at: iso(d.lastAttemptAt), created_at: d.createdAt.toISOString(),
    body: { id: d.eventId, type: d.eventType, created_at: d.createdAt.toISOString(), data: d.payload },
    attempts: d.attempts.map((a) => ({
      attempt: a.attempt, at: a.at.toISOString(), succeeded: a.succeeded, status_code: a.statusCode, latency_ms: a.latencyMs,
      response_excerpt: a.responseExcerpt, error: a.error,
    })),
  };
}

const notFound = () => new ApiError(404, "not_found", "no such webhook endpoint");

/** 201: the secret is in this answer only (stored encrypted, lib/webhooks/secrets.ts). */
export async function createWebhook(db: Db, input: CreateWebhookInput, userId: string | null) {
  const secret = generateSecret();
  const row = await db.webhookEndpoint.create({
    data: { url: input.url, events: input.events, secretEncrypted: encryptSecret(secret), secretPrefix: secret.slice(0, 10), createdBy: userId },
  });
  return { webhook: webhookView(row), secret };
}

export async function listWebhooks(db: Db) {
  const rows = await db.webhookEndpoint.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return { webhooks: rows.map(webhookView) };
}

export async function getWebhook(db: Db, id: string): Promise<WebhookView> {
  const row = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!row) throw notFound();
  return webhookView(row);
}

/** Enabling clears the disabled reason and the failing clock (the next failure starts a new 24 hours). */
export async function updateWebhook(db: Db, id: string, input: UpdateWebhookInput, by: { email: string }) {
  const row = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!row) throw notFound();
  const data: Prisma.WebhookEndpointUpdateInput = {};
  if (input.url !== undefined) data.url = input.url;
  if (input.events !== undefined) data.events = input.events;
  if (input.enabled === true && !row.enabled) Object.assign(data, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
  if (input.enabled === false && row.enabled) Object.assign(data, { enabled: false, disabledReason: `disabled by ${by.email}`, disabledAt: new Date() });
  return { webhook: webhookView(await db.webhookEndpoint.update({ where: { id }, data })) };
}

export async function deleteWebhook(db: Db, id: string) {
  const r = await db.webhookEndpoint.deleteMany({ where: { id } });
  if (!r.count) throw notFound();
  return { deleted: true };
}

/** Newest first, each with its attempts; `has_more` says whether a next page exists. */
export async function listDeliveries(db: Db, endpointId: string, q: ListDeliveriesQuery) {
  await getWebhook(db, endpointId);
  const [rows, total] = await Promise.all([
    db.webhookDelivery.findMany({
      where: { endpointId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.per_page,
      take: q.per_page + 1,
      include: { attempts: { orderBy: [{ attempt: "asc" }, { id: "asc" }] } },
    }),
    db.webhookDelivery.count({ where: { endpointId } }),
  ]);
  return { deliveries: rows.slice(0, q.per_page).map(deliveryView), page: q.page, per_page: q.per_page, has_more: rows.length > q.per_page, total };
}

async function deliveryOf(db: Db, endpointId: string, id: string) {
  const d = await db.webhookDelivery.findFirst({ where: { id, endpointId }, include: { attempts: { orderBy: [{ attempt: "asc" }, { id: "asc" }] } } });
  if (!d) throw new ApiError(404, "not_found", "no such delivery for this endpoint");
  return d;
}

async function enabledEndpoint(db: Db, id: string) {
  const e = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!e) throw notFound();
  if (!e.enabled) throw new ApiError(409, "endpoint_disabled", "the endpoint is disabled: enable it first");
  return e;
}

/**
 * 202: the delivery is due now with a fresh set of retries; the job makes
 * the attempt. Refused (409) while an attempt of it is in flight.
 */
export async function replayDelivery(db: Db, endpointId: string, deliveryId: string, now = new Date()) {
  await enabledEndpoint(db, endpointId);
  await deliveryOf(db, endpointId, deliveryId);
  const r = await db.$executeRaw(Prisma.sql`
    UPDATE webhook_deliveries SET status = 'pending', failures = 0, next_attempt_at = ${now}::timestamptz
    WHERE id = ${deliveryId}::uuid AND (claimed_until IS NULL OR claimed_until <= ${now}::timestamptz)`);
  if (!r) throw new ApiError(409, "delivery_in_flight", "an attempt of this delivery is being sent now: try again in a moment");
  await kickWebhookDelivery(db);
  return { delivery: deliveryView(await deliveryOf(db, endpointId, deliveryId)) };
}

/** 202: a `webhook.test` event to this endpoint only, whatever it subscribes to. */
export async function sendTestEvent(db: Db, endpointId: string, by: { id: string; email: string }, now = new Date()) {
  const e = await enabledEndpoint(db, endpointId);
  const row = await db.webhookDelivery.create({
    data: {
      endpointId: e.id, eventId: crypto.randomUUID(), eventType: WEBHOOK_TEST_EVENT, status: "pending", nextAttemptAt: now, createdAt: now,
      payload: { message: "A test event from Marketplace Analytics.", webhook_id: e.id, sent_by: by.email },
    },
    include: { attempts: true },
  });
  await kickWebhookDelivery(db);
  return { delivery: deliveryView(row) };
}
