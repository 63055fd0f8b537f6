// Schemas of the Segment-compatible intake (POST /api/v1/events/segment/v1/…):
// Segment's HTTP tracking API as its SDKs send it. Objects are loose because
// the SDKs add fields we do not store (integrations, _metadata, library…).
// Errors name Segment's field names (userId, context.page.url, …).
import { z } from "zod";

/** Segment's own limits: 500 KB per batch request, 32 KB per event (and per single call). */
export const SEGMENT_LIMITS = { maxBatchBytes: 500 * 1024, maxEventBytes: 32 * 1024 } as const;

export const SEGMENT_TYPES = ["track", "page", "identify", "screen"] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a zone" });
const object = z.record(z.string(), z.unknown(), { message: "must be a JSON object" });
/** userId / anonymousId: Segment allows strings (and some libraries send numbers). */
const identity = z.union([z.string().trim().min(1).max(100), z.number().finite()], { message: "must be a string of 1 to 100 characters" }).transform(String);
const uuid = z.uuid();
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const segmentPageContext = z.looseObject({
  url: text(2000).nullish(),
  path: text(2000).nullish(),
  referrer: text(2000).nullish(),
  title: text(500).nullish(),
  search: text(2000).nullish(),
});

export const segmentContext = z.looseObject({
  /** The end user's browser, when a server sends on their behalf. */
  userAgent: text(2000).nullish(),
  /** The end user's address (stored truncated like the events API's). */
  ip: z.union([z.ipv4(), z.ipv6()], { message: "must be an IP address" }).nullish(),
  page: segmentPageContext.nullish(),
});

/** One call of Segment's spec (track, page, identify, screen). */
export const segmentEvent = z
  .looseObject({
    type: z.enum(SEGMENT_TYPES, { message: "must be track, page, identify or screen (alias and group are not stored)" }),
    /** The dedupe key: a retry carries the same messageId. */
    messageId: z.union([z.string().min(1).max(200), z.number().finite()], { message: "must be a string of at most 200 characters" }).transform(String).nullish(),
    userId: identity.nullish(),
    anonymousId: identity.nullish(),
    event: z.string().trim().min(1, "is required for a track call").max(200, "must be at most 200 characters").nullish(),
    name: text(200).nullish(),
    category: text(200).nullish(),
    properties: object.nullish(),
    traits: object.nullish(),
    timestamp: instant.nullish(),
    originalTimestamp: instant.nullish(),
    sentAt: instant.nullish(),
    context: segmentContext.nullish(),
  })
  .superRefine((e, ctx) => {
    if (e.userId == null && e.anonymousId == null) ctx.addIssue({ code: "custom", path: ["userId"], message: "userId or anonymousId is required" });
    // our events carry this app's user ids (uuid); another system's ids would attribute events to nobody
    else if (e.userId != null && !uuid.safeParse(e.userId).success) ctx.addIssue({ code: "custom", path: ["userId"], message: "must be a user id of this app (a UUID)" });
    if (e.type === "track" && !e.event) ctx.addIssue({ code: "custom", path: ["event"], message: "is required for a track call" });
  });
export type SegmentEvent = z.infer<typeof segmentEvent>;

/** POST …/v1/batch: the events are checked one by one (a bad one is rejected, the others stored). */
export const segmentBatchRequest = z.looseObject({
  batch: z.array(z.unknown(), { message: "must be an array of events" }),
  sentAt: instant.nullish(),
  /** Segment's alternative to Basic auth; the SDKs send both. */
  writeKey: z.string().max(200).nullish(),
  /** Applied to every event of the batch (an event's own context wins). */
  context: segmentContext.nullish(),
});

/** POST …/v1/track|page|identify|screen: one call, its type given by the path. */
export const segmentSingleRequest = z.looseObject({ writeKey: z.string().max(200).nullish() });
