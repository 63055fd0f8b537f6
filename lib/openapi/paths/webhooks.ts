// Webhook endpoints, their deliveries, replay and test events (admin only).
import { createWebhookBody, listDeliveriesQuery, updateWebhookBody, webhookDeliveryParams, webhookParams } from "@/lib/validation/webhooks";
import { routes } from "../common";
import { createdWebhook, deletedWebhook, deliveryAnswer, deliveryList, webhookAnswer, webhookList } from "../schemas/webhooks";

const tag = "Webhooks";
const admin = ["admin" as const];

export const webhookPaths = routes({
  "/api/v1/admin/webhooks": {
    get: { id: "listWebhooks", tag, summary: "Webhook endpoints", auth: admin, ok: { status: 200, description: "Every endpoint.", schema: webhookList } },
    post: {
      id: "createWebhook", tag, summary: "Register an endpoint (the secret is shown once)", description: "Deliveries are signed (`Webhook-Signature`), sent by a job, retried with backoff for up to a day; an endpoint failing for 24 h is disabled and its owner emailed.",
      auth: admin, body: createWebhookBody, idempotent: true, ok: { status: 201, description: "The endpoint and its signing secret.", schema: createdWebhook },
    },
  },
  "/api/v1/admin/webhooks/{id}": {
    get: { id: "getWebhook", tag, summary: "An endpoint", auth: admin, params: webhookParams, ok: { status: 200, description: "The endpoint.", schema: webhookAnswer } },
    patch: { id: "updateWebhook", tag, summary: "Enable, disable, or change an endpoint's URL or events", auth: admin, params: webhookParams, body: updateWebhookBody, ok: { status: 200, description: "The endpoint as saved.", schema: webhookAnswer } },
    delete: { id: "deleteWebhook", tag, summary: "Delete an endpoint and its deliveries", auth: admin, params: webhookParams, ok: { status: 200, description: "Deleted.", schema: deletedWebhook } },
  },
  "/api/v1/admin/webhooks/{id}/deliveries": {
    get: { id: "listWebhookDeliveries", tag, summary: "An endpoint's deliveries with their attempts, newest first (paged)", auth: admin, params: webhookParams, query: listDeliveriesQuery, ok: { status: 200, description: "A page of deliveries.", schema: deliveryList } },
  },
  "/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/replay": {
    post: { id: "replayWebhookDelivery", tag, summary: "Send a delivery again", description: "409 `endpoint_disabled` (enable it first) or `delivery_in_flight` (an attempt is being sent now).", auth: admin, params: webhookDeliveryParams, errors: [409], ok: { status: 202, description: "Queued; the job makes the attempt.", schema: deliveryAnswer } },
  },
  "/api/v1/admin/webhooks/{id}/test": {
    post: { id: "sendWebhookTest", tag, summary: "Send a `webhook.test` event to this endpoint", description: "409 `endpoint_disabled`: enable it first.", auth: admin, params: webhookParams, errors: [409], ok: { status: 202, description: "Queued; the job makes the attempt.", schema: deliveryAnswer } },
  },
});
