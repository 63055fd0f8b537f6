// Answers of the event endpoints (lib/events).
import { z } from "zod";

const periodName = z.enum(["day", "week", "month", "quarter", "year"]);

export const ingestAnswer = z
  .object({
    accepted: z.number().int().meta({ description: "Events stored by this request." }),
    duplicates: z.number().int().meta({ description: "Events already stored (same event_id): a retry." }),
    rejected: z.array(z.object({ index: z.number().int().meta({ description: "Position in the batch (0 for a single event)." }), field: z.string(), message: z.string() })),
  })
  .meta({ id: "EventsAnswer", description: "Per-event answer of POST /api/v1/events." });

export const eventCounts = z.object({
  period: z.object({ name: periodName, start: z.string(), end: z.string(), granularity: z.enum(["hour", "day", "week", "month"]), time_zone: z.literal("UTC") }),
  data_as_of: z.string(),
  total: z.number(),
  unique_users: z.number(),
  by_type: z.array(z.object({ event_type: z.string(), events: z.number() })),
  series: z.array(z.object({ bucket: z.string(), event_type: z.string(), events: z.number() })),
  top_pages: z.array(z.object({ page: z.string(), views: z.number() })),
  top_referrers: z.array(z.object({ referrer: z.string(), views: z.number() })),
});

export const eventFunnel = z.object({
  period: z.object({ name: periodName, start: z.string(), end: z.string() }),
  window_days: z.number(),
  steps: z.array(
    z.object({
      event_type: z.string(),
      actors: z.number().meta({ description: "Actors (user, else anonymous id, else session) who reached this step." }),
      conversion: z.number().nullable().meta({ description: "Percent of step 1's actors." }),
      step_conversion: z.number().nullable().meta({ description: "Percent of the previous step's actors." }),
      median_seconds_from_previous: z.number().nullable(),
    }),
  ),
});

export const eventTail = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      event_type: z.string(),
      created_at: z.string(),
      user_id: z.string().nullable(),
      anonymous_id: z.string().nullable(),
      session_id: z.string().nullable(),
      page_url: z.string().nullable(),
      properties: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  as_of: z.string(),
});

const writeKey = z
  .object({ id: z.string(), name: z.string(), prefix: z.string(), created_at: z.string(), last_used_at: z.string().nullable(), revoked_at: z.string().nullable() })
  .meta({ id: "EventWriteKey" });

export const writeKeyList = z.object({ keys: z.array(writeKey) });

export const createdWriteKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  key: z.string().meta({ description: "Shown once; send it as X-Events-Write-Key." }),
});

export const segmentAnswer = z
  .object({
    success: z.literal(true),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.array(z.object({ index: z.number().int(), field: z.string().meta({ description: "In Segment's terms (userId, context.ip, …)." }), message: z.string() })),
  })
  .meta({ id: "SegmentAnswer", description: "Per-call answer of the Segment-compatible intake (the SDKs only look at the status)." });
