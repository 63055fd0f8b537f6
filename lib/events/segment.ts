// Segment → our event shape (README "Sending events with the Segment SDK").
// A Segment call becomes one envelope of POST /api/v1/events, which then goes
// through the same checks (prepareEvents) and the same writer:
//   track    → its `event` in snake_case ("Order Completed" → order_completed), properties as sent
//   page     → page_view {url, referrer, path, title, name, category, …properties}
//   screen   → screen_view {name, …properties}
//   identify → identify {…traits}, and links anonymousId to userId
// messageId is the dedupe key: used as the event id when it is a UUID, else a
// UUID derived from it (v5) in the write key's namespace, so a retry of the
// same call always gets the same id.
import crypto from "node:crypto";
import { z } from "zod";
import type { SegmentEvent } from "@/lib/validation/segment";
import { correctedTime, type Rejection } from "./prepare";

/** Fixed for this app: changing it would make retries of earlier calls look new. */
const MESSAGE_ID_NAMESPACE = "0d6c1f0e-5d3b-4f7a-9a52-3c8e2b6f41a7";

/** RFC 4122 version 5 UUID: SHA-1 of the namespace's 16 bytes and the name. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const h = crypto.createHash("sha1").update(ns).update(name, "utf8").digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Our event id for a Segment messageId sent with this write key (a random one without messageId: no dedupe possible). */
export function segmentEventId(keyId: string, messageId: string | null | undefined): string {
  if (!messageId) return crypto.randomUUID();
  if (z.uuid().safeParse(messageId).success) return messageId.toLowerCase();
  return uuidV5(MESSAGE_ID_NAMESPACE, `${keyId}:${messageId}`);
}

/** A Segment event name as our snake_case name: "Order Completed", "orderCompleted" → order_completed. */
export function segmentEventName(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export type MappedCall = {
  /** An envelope of POST /api/v1/events (lib/validation/events.ts). */
  envelope: Record<string, unknown>;
  userAgent: string | null;
  ip: string | null;
  /** identify with both ids: the anonymous id to link to the user. */
  link: { anonymousId: string; userId: string } | null;
};

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The envelope of one Segment call, or why it cannot be stored (Segment's field names). */
export function fromSegment(
  e: SegmentEvent,
  opts: { keyId: string; receivedAt: Date; requestSentAt: Date | null },
): MappedCall | Omit<Rejection, "index"> {
  const page: NonNullable<NonNullable<SegmentEvent["context"]>["page"]> = e.context?.page ?? {};
  const props: Record<string, unknown> = { ...(e.properties ?? {}) };
  let event: string;
  let properties: Record<string, unknown>;
  let context: { page_url?: string; referrer?: string } | undefined;
  switch (e.type) {
    case "track":
      event = segmentEventName(e.event!);
      properties = props;
      break;
    case "page": {
      const url = str(props.url) ?? str(page.url) ?? str(props.path) ?? str(page.path);
      if (!url) return { field: "properties.url", message: "properties.url: a page call needs properties.url or context.page.url (or a path)" };
      event = "page_view";
      properties = {
        ...props,
        url,
        referrer: props.referrer !== undefined ? props.referrer : (str(page.referrer) ?? null),
        ...(props.path === undefined && str(page.path) ? { path: page.path } : {}),
        ...(props.title === undefined && str(page.title) ? { title: page.title } : {}),
        ...(props.name === undefined && e.name ? { name: e.name } : {}),
        ...(props.category === undefined && e.category ? { category: e.category } : {}),
      };
      break;
    }
    case "screen":
      event = "screen_view";
      properties = { ...props, ...(props.name === undefined && e.name ? { name: e.name } : {}) };
      break;
    case "identify":
      event = "identify";
      properties = { ...(e.traits ?? {}) };
      break;
    default:
      throw new Error(`unknown Segment call type ${String(e.type)}`);
  }
  if (e.type !== "page" && (str(page.url) || str(page.referrer))) {
    context = { ...(str(page.url) ? { page_url: page.url! } : {}), ...(str(page.referrer) ? { referrer: page.referrer! } : {}) };
  }
  // the same skew rule as /api/v1/events: receive time − (sentAt − timestamp)
  const sentAt = e.sentAt ? new Date(e.sentAt) : opts.requestSentAt;
  const at = correctedTime(e.timestamp ?? e.originalTimestamp ?? undefined, sentAt, opts.receivedAt);
  const envelope: Record<string, unknown> = {
    event,
    event_id: segmentEventId(opts.keyId, e.messageId),
    properties,
    timestamp: at.toISOString(),
    ...(e.userId != null ? { user_id: e.userId } : {}),
    ...(e.anonymousId != null ? { anonymous_id: e.anonymousId } : {}),
    ...(context ? { context } : {}),
  };
  return {
    envelope,
    userAgent: e.context?.userAgent?.slice(0, 1000) ?? null,
    ip: e.context?.ip ?? null,
    link: e.type === "identify" && e.userId != null && e.anonymousId != null ? { anonymousId: e.anonymousId, userId: e.userId } : null,
  };
}

/** A rejection of prepareEvents (our field names) in Segment's field names. */
export function segmentRejection(r: Omit<Rejection, "index">, type: SegmentEvent["type"]): Omit<Rejection, "index"> {
  const head = r.field.split(".")[0];
  const rest = r.field.slice(head.length);
  const renamed: Record<string, string> = {
    anonymous_id: "anonymousId",
    user_id: "userId",
    event_id: "messageId",
    properties: type === "identify" ? "traits" : "properties",
    context: "context",
  };
  let field = (renamed[head] ?? head) + rest;
  if (field === "context.page_url") field = "context.page.url";
  if (field === "context.referrer") field = "context.page.referrer";
  return { field, message: field + r.message.slice(r.field.length) };
}
