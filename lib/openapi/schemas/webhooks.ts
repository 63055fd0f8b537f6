// Answers of the webhooks API (lib/webhooks/endpoints.ts).
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/validation/webhooks";
import { paginated } from "../common";

export const webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()).meta({ description: `Event types it receives: ${WEBHOOK_EVENT_TYPES.join(", ")}.` }),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    disabled_at: z.string().nullable(),
    failing_since: z.string().nullable().meta({ description: "Since when every delivery has failed (disabled after 24 h)." }),
    secret_prefix: z.string(),
    created_by: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "Webhook" });

export const webhookAnswer = z.object({ webhook });
export const webhookList = z.object({ webhooks: z.array(webhook) });
export const createdWebhook = z.object({
  webhook,
  secret: z.string().meta({ description: "The signing secret, shown only here: verify `Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`." }),
});
export const deletedWebhook = z.object({ deleted: z.literal(true) });

export const delivery = z
  .object({
    id: z.string(),
    event_id: z.string(),
    type: z.string(),
    status: z.string().meta({ description: "pending, retrying, succeeded or failed." }),
    attempt_count: z.number(),
    next_attempt_at: z.string().nullable(),
    last_attempt_at: z.string().nullable(),
    created_at: z.string(),
    body: z
      .object({ id: z.string(), type: z.string(), created_at: z.string(), data: z.unknown().meta({ description: "The run, alert or report." }) })
      .meta({ description: "The body sent (signed)." }),
    attempts: z.array(
      z.object({
        attempt: z.number(),
        at: z.string(),
        succeeded: z.boolean(),
        status_code: z.number().nullable(),
        latency_ms: z.number().nullable(),
        response_excerpt: z.string().nullable(),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "WebhookDelivery" });

export const deliveryList = paginated({ deliveries: z.array(delivery) });
export const deliveryAnswer = z.object({ delivery });
