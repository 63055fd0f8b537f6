// Event intake (POST /api/v1/events), the events analysis, and write keys.
import { z } from "zod";
import { createEventKeyBody, EVENT_LIMITS, eventCountsQuery, eventEnvelope, eventKeyParams, eventTailQuery, funnelQuery, eventsRequest } from "@/lib/validation/events";
import { routes, type OpSpec } from "../common";
import { segmentBatchRequest, segmentEvent, SEGMENT_TYPES } from "@/lib/validation/segment";
import { createdWriteKey, eventCounts, eventFunnel, eventTail, ingestAnswer, segmentAnswer, writeKeyList } from "../schemas/events";
import { revoked } from "../schemas/auth";

const tag = "Events";
const admin = ["admin" as const];

// The handler parses `eventsRequest` (an event or {batch}) and then each event with `eventEnvelope`; documented as both.
const sentAt = eventsRequest.options[0].shape.sent_at;
const eventsBody = z
  .union([
    eventEnvelope.extend({ sent_at: sentAt }).meta({ title: "One event" }),
    z.object({ batch: z.array(eventEnvelope).max(EVENT_LIMITS.maxEvents), sent_at: sentAt }).meta({ title: "A batch" }),
  ])
  .meta({ id: "EventsRequest", description: "One event, or `{batch: [...]}` of at most 1,000; `sent_at` (the client's clock when sending) corrects its skew. Tracked events (page_view, upload_completed, …) have typed `properties`; any other snake_case name of ≤ 50 characters is a custom event." });

export const eventPaths = routes({
  "/api/v1/events": {
    post: {
      id: "sendEvents",
      tag,
      summary: "Send events (one or a batch)",
      description:
        "Answered per event after the commit: `accepted` stored by this request, `duplicates` already stored (a retry, by `event_id`), `rejected` named with the reason; the valid events of a batch are stored even when others are refused. " +
        "Who: a write key (`X-Events-Write-Key`, or HTTP Basic with the key as user name; may set `user_id`), else the bearer token or session, else anonymous (each event needs `anonymous_id`). " +
        "Limits: 1 MB per request, 32 KB per event, 1,000 events (413 naming the limit); requests per minute per address and per write key (429 with `Retry-After`).",
      auth: "user",
      security: [{ eventsWriteKey: [] }, { eventsBasic: [] }, { bearerAuth: [] }, { sessionCookie: [] }, {}],
      body: eventsBody,
      ok: { status: 200, description: "Per-event answer.", schema: ingestAnswer },
    },
  },
  "/api/v1/admin/analytics/events": {
    get: { id: "getEventCounts", tag, summary: "Events by type over time, unique users, top pages and referrers", auth: admin, query: eventCountsQuery, ok: { status: 200, description: "The events page's numbers.", schema: eventCounts } },
  },
  "/api/v1/admin/analytics/events/funnel": {
    get: {
      id: "getEventFunnel", tag, summary: "Conversion funnel over tracked events", description: "`steps`: 2–5 tracked event names, comma-separated; a user converts when each step follows the previous within `window_days`.",
      auth: admin, query: funnelQuery, ok: { status: 200, description: "Users reaching each step.", schema: eventFunnel },
    },
  },
  "/api/v1/admin/analytics/events/tail": {
    get: { id: "getEventTail", tag, summary: "The newest events (live tail)", description: "The newest `limit` events; a feed, not a paged list.", auth: admin, query: eventTailQuery, ok: { status: 200, description: "The newest events.", schema: eventTail } },
  },
  "/api/v1/admin/event-keys": {
    get: { id: "listEventKeys", tag, summary: "Write keys for server-to-server senders", auth: admin, ok: { status: 200, description: "Every key, newest first (the keys themselves are never shown again).", schema: writeKeyList } },
    post: { id: "createEventKey", tag, summary: "Create a write key (shown once)", auth: admin, body: createEventKeyBody, idempotent: true, ok: { status: 201, description: "The new key; `key` is shown only here.", schema: createdWriteKey } },
  },
  "/api/v1/admin/event-keys/{id}": {
    delete: { id: "revokeEventKey", tag, summary: "Revoke a write key", auth: admin, params: eventKeyParams, ok: { status: 200, description: "Revoked.", schema: revoked } },
  },
});

const SEGMENT_DESCRIPTION =
  "Segment's HTTP tracking API as its SDKs send it (`@segment/analytics-node` with `host` = this app and `path` = this path): HTTP Basic auth with a write key as the user name (or `writeKey` in the body). " +
  "Calls land in the same events table through the same validation and de-duplication as `POST /api/v1/events` (`messageId` is the dedupe key, `sentAt` corrects skew); `identify` links the anonymous id to the user. " +
  "500 KB per batch, 32 KB per call (413 naming the limit); over the rate limit 429 with `Retry-After`.";

const segmentSecurity: Record<string, string[]>[] = [{ eventsBasic: [] }];

const segmentSingle = (type: (typeof SEGMENT_TYPES)[number]): { post: OpSpec } => ({
  post: {
    id: `segment${type[0].toUpperCase()}${type.slice(1)}`,
    tag: "Segment intake",
    summary: `One Segment ${type} call`,
    description: `${SEGMENT_DESCRIPTION} An invalid call → 400 naming Segment's field.`,
    auth: "user",
    security: segmentSecurity,
    body: segmentEvent.meta({ title: `A ${type} call` }),
    ok: { status: 200, description: "Stored (or a duplicate).", schema: segmentAnswer },
  },
});

export const segmentPaths = routes({
  "/api/v1/events/segment/v1/batch": {
    post: {
      id: "segmentBatch",
      tag: "Segment intake",
      summary: "A batch of Segment calls (track, page, identify, screen)",
      description: `${SEGMENT_DESCRIPTION} Invalid calls of a batch are rejected by index, the valid ones stored. Each element of \`batch\` is a call (the SegmentCall schema).`,
      auth: "user",
      security: segmentSecurity,
      body: segmentBatchRequest.extend({ batch: z.array(segmentEvent.meta({ id: "SegmentCall" })) }),
      ok: { status: 200, description: "Per-call answer.", schema: segmentAnswer },
    },
  },
  "/api/v1/events/segment/v1/track": segmentSingle("track"),
  "/api/v1/events/segment/v1/page": segmentSingle("page"),
  "/api/v1/events/segment/v1/identify": segmentSingle("identify"),
  "/api/v1/events/segment/v1/screen": segmentSingle("screen"),
});
