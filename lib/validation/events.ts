// Schemas of the event endpoints: one per tracked event of specification §5
// (properties typed), custom snake_case names with any JSON object, and the
// request envelope. Limits are checked before parsing (lib/events/ingest.ts).
import { z } from "zod";
import { periodSchema } from "@/lib/period";

export const EVENT_LIMITS = { maxEvents: 1000, maxRequestBytes: 1024 * 1024, maxEventBytes: 32 * 1024 } as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const role = z.enum(["uploader", "creator"]);
const money = z.number().nonnegative().max(1e9).refine((n) => Math.round(n * 100) === n * 100, "must have at most 2 decimals");

/** The ten events of §5.1 with their properties; other properties are kept as sent. */
export const EVENT_PROPERTIES = {
  page_view: z.looseObject({ url: text(500), referrer: z.string().max(500).nullish() }),
  signup_started: z.looseObject({ role }),
  signup_completed: z.looseObject({ role, method: text(50) }),
  upload_initiated: z.looseObject({ output_types: z.array(text(50)).min(1).max(20) }),
  upload_completed: z.looseObject({ file_size: z.number().int().nonnegative(), duration: z.number().nonnegative().nullable() }),
  assignment_claimed: z.looseObject({ output_type: text(50), level: text(50) }),
  assignment_submitted: z.looseObject({ time_to_complete: z.number().nonnegative() }),
  payment_completed: z.looseObject({ amount: money, method: text(50) }),
  payout_processed: z.looseObject({ amount: money, method: text(50) }),
  search_performed: z.looseObject({ query: z.string().max(200), filters: z.record(z.string(), z.unknown()).optional() }),
} as const;

export type TrackedEvent = keyof typeof EVENT_PROPERTIES;
export const TRACKED_EVENTS = Object.keys(EVENT_PROPERTIES) as TrackedEvent[];
export const isTrackedEvent = (name: string): name is TrackedEvent => name in EVENT_PROPERTIES;

/** A custom event name: snake_case, at most 50 characters. */
export const customEventName = z.string().max(50, "must be at most 50 characters").regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, "must be snake_case (a-z, 0-9, _)");

const isoInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a zone" });

/** One event as sent (before its properties are checked against its type). */
export const eventEnvelope = z.strictObject({
  event: z.string().min(1, "is required"),
  event_id: z.uuid("must be a UUID"),
  properties: z.record(z.string(), z.unknown()).default({}),
  timestamp: isoInstant.optional(),
  anonymous_id: z.string().min(1).max(100).optional(),
  session_id: z.string().min(1).max(100).optional(),
  /** Only with a write key: the user the event is about. */
  user_id: z.uuid("must be a UUID").optional(),
  /** Where the event happened (page_view carries them in properties.url / referrer). */
  context: z.strictObject({ page_url: z.string().max(2000).optional(), referrer: z.string().max(2000).optional() }).optional(),
});
export type EventEnvelope = z.infer<typeof eventEnvelope>;

/** The request: one event, or {batch: [...]} — `sent_at` beside either. */
export const eventsRequest = z.union([
  z.object({ batch: z.array(z.unknown()), sent_at: isoInstant.optional() }),
  z.looseObject({ event: z.unknown(), sent_at: isoInstant.optional() }),
]);

/** The properties of an event of this name, checked; the error's path names the property. */
export function propertiesSchema(name: string): z.ZodType<Record<string, unknown>> {
  return isTrackedEvent(name) ? (EVENT_PROPERTIES[name] as z.ZodType<Record<string, unknown>>) : z.record(z.string(), z.unknown());
}

// ---- admin ----

const stepName = z.string().refine((s) => isTrackedEvent(s), { message: `must be one of ${TRACKED_EVENTS.join(", ")}` });

/** GET /api/v1/admin/analytics/events */
export const eventCountsQuery = z.object({ period: periodSchema.default("month") });

export const DEFAULT_FUNNELS: TrackedEvent[][] = [
  ["signup_started", "signup_completed"],
  ["upload_initiated", "upload_completed"],
  ["assignment_claimed", "assignment_submitted"],
];

/** GET /api/v1/admin/analytics/events/funnel?steps=a,b,c&period=month&window_days=7 */
export const funnelQuery = z.object({
  period: periodSchema.default("month"),
  steps: z
    .string()
    .default(DEFAULT_FUNNELS[0].join(","))
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(stepName).min(2, "needs at least 2 steps").max(5, "at most 5 steps")),
  window_days: z.coerce.number().int().min(1).max(30).default(7),
});

/** GET /api/v1/admin/analytics/events/tail */
export const eventTailQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  type: z.union([stepName, customEventName]).optional(),
});

/** POST /api/v1/admin/event-keys */
export const createEventKeyBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const eventKeyParams = z.object({ id: z.uuid() });
