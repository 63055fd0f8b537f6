// /api/v1/admin/webhooks and the /admin/webhooks page: endpoints, their
// deliveries, replay. One schema per endpoint; the page uses the same ones.
import { z } from "zod";

/** The events an endpoint can subscribe to (README "Webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  "report_run.completed",
  "report_run.failed",
  "export.completed",
  "alert.firing",
  "alert.resolved",
  "scheduled_report.sent",
  "scheduled_report.failed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "Send test event", to one endpoint, whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/** An absolute http(s) URL without credentials (they would be stored and shown). */
export const webhookUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL")
  .refine((s) => {
    try {
      const u = new URL(s);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, "must not contain a user name or password");

const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "must name at least one event")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((a) => [...new Set(a)]);

export const createWebhookBody = z.strictObject({ url: webhookUrl, events });
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

/** PATCH: re-enable (or disable) an endpoint, change its URL or events. */
export const updateWebhookBody = z
  .strictObject({ enabled: z.boolean().optional(), url: webhookUrl.optional(), events: events.optional() })
  .refine((b) => b.enabled !== undefined || b.url !== undefined || b.events !== undefined, { message: "give enabled, url or events", path: ["enabled"] });
export type UpdateWebhookInput = z.infer<typeof updateWebhookBody>;

export const webhookParams = z.object({ id: z.uuid() });
export const webhookDeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

export const listDeliveriesQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

/** The page: ?endpoint= opens one endpoint's deliveries. */
export const webhooksPageQuery = listDeliveriesQuery.extend({ endpoint: z.uuid().optional() });
