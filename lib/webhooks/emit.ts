// Emitting an event: one webhook_deliveries row per enabled endpoint that
// subscribes to its type, in one INSERT … SELECT — in the caller's transaction
// when it passes one, so the event exists exactly when the change it reports
// does. Never an HTTP call: the deliver-webhooks job sends the rows.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookEventType } from "@/lib/validation/webhooks";

/** The Prisma client or a transaction's client: emitting only needs raw SQL. */
export type SqlDb = Pick<Db, "$queryRaw" | "$executeRaw">;

export type Emitted = { event_id: string; deliveries: number };

export async function emitWebhookEvent(db: SqlDb, type: WebhookEventType, data: unknown, opts: { now?: Date } = {}): Promise<Emitted> {
  const eventId = crypto.randomUUID();
  const now = opts.now ?? new Date();
  // JSON.parse(JSON.stringify(…)): Dates become ISO strings, undefined fields disappear, as in an API answer
  const payload = JSON.stringify(JSON.parse(JSON.stringify(data ?? {})));
  const deliveries = await db.$executeRaw(Prisma.sql`
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, status, next_attempt_at, created_at)
    SELECT id, ${eventId}::uuid, ${type}, ${payload}::jsonb, 'pending', ${now}::timestamptz, ${now}::timestamptz
    FROM webhook_endpoints WHERE enabled AND ${type} = ANY(events)`);
  return { event_id: eventId, deliveries };
}

/**
 * Asks for a deliver-webhooks run now (Inngest event, or in this process in
 * the background) instead of waiting for the next minute. Call it after the
 * emitting transaction has committed; a failure only delays delivery.
 */
export async function kickWebhookDelivery(db: Db): Promise<void> {
  try {
    // imported when called: lib/jobs/definitions imports the code that emits
    const [{ dispatch }, { deliverWebhooksJob }] = await Promise.all([import("@/lib/jobs/dispatch"), import("@/lib/jobs/definitions")]);
    await dispatch(db, deliverWebhooksJob, {});
  } catch (err) {
    console.error("[webhooks] could not start a delivery run (the next minute's run sends them):", err);
  }
}

/** Emits outside any transaction and asks for a delivery run when something was queued. */
export async function emitAndKick(db: Db, type: WebhookEventType, data: unknown): Promise<Emitted> {
  const r = await emitWebhookEvent(db, type, data);
  if (r.deliveries > 0) await kickWebhookDelivery(db);
  return r;
}
