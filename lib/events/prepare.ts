// Turns the events of a request into rows to store and per-event rejections:
// envelope and properties checked by the event's schema, the client's clock
// corrected with sent_at, times outside [retention, now + 24 h] refused, the
// user taken from the caller (never from the body, except for a write key).
import type { z } from "zod";
import { customEventName, eventEnvelope, isTrackedEvent, propertiesSchema } from "@/lib/validation/events";
import type { StoredEvent } from "./write";

export type Caller =
  | { kind: "user"; userId: string }
  | { kind: "key"; keyId: string }
  | { kind: "anonymous" };

export type Rejection = { index: number; field: string; message: string };

export type RequestContext = {
  caller: Caller;
  receivedAt: Date;
  /** The request's sent_at: the client's clock when it sent the request. */
  sentAt: Date | null;
  userAgent: string | null;
  ip: string | null;
  retentionMonths: number;
};

const FUTURE_MS = 24 * 3600_000;

/** The oldest time an event may have: `months` calendar months before now. */
export function retentionCutoff(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * The event's time on the server's clock: receive time − (sent_at − timestamp),
 * i.e. how long before sending the client recorded it. Without sent_at the
 * timestamp is taken as is; without a timestamp, the receive time.
 */
export function correctedTime(timestamp: string | undefined, sentAt: Date | null, receivedAt: Date): Date {
  if (!timestamp) return receivedAt;
  const t = Date.parse(timestamp);
  if (!sentAt) return new Date(t);
  return new Date(receivedAt.getTime() - (sentAt.getTime() - t));
}

const issue = (index: number, err: z.ZodError, prefix = ""): Rejection => {
  const i = err.issues[0];
  const field = [prefix, ...i.path.map(String)].filter(Boolean).join(".") || "event";
  return { index, field, message: `${field}: ${i.message}` };
};

export function prepareEvents(raw: unknown[], ctx: RequestContext): { rows: StoredEvent[]; rejected: Rejection[] } {
  const rows: StoredEvent[] = [];
  const rejected: Rejection[] = [];
  const oldest = retentionCutoff(ctx.receivedAt, ctx.retentionMonths);
  const reject = (index: number, field: string, message: string) => rejected.push({ index, field, message: `${field}: ${message}` });
  raw.forEach((item, index) => {
    const env = eventEnvelope.safeParse(item);
    if (!env.success) return void rejected.push(issue(index, env.error));
    const e = env.data;
    if (!isTrackedEvent(e.event)) {
      const name = customEventName.safeParse(e.event);
      if (!name.success) return void rejected.push(issue(index, name.error, "event"));
    }
    const props = propertiesSchema(e.event).safeParse(e.properties);
    if (!props.success) return void rejected.push(issue(index, props.error, "properties"));
    if (e.user_id && ctx.caller.kind !== "key") return reject(index, "user_id", "only a write key may name the user; the user comes from the session or token");
    if (ctx.caller.kind === "anonymous" && !e.anonymous_id) return reject(index, "anonymous_id", "is required when no user is signed in");
    const createdAt = correctedTime(e.timestamp, ctx.sentAt, ctx.receivedAt);
    if (createdAt.getTime() > ctx.receivedAt.getTime() + FUTURE_MS) return reject(index, "timestamp", "is more than 24 hours in the future (after clock correction)");
    if (createdAt < oldest) return reject(index, "timestamp", `is older than the retention (${ctx.retentionMonths} months)`);
    const p = props.data;
    const pageView = e.event === "page_view";
    rows.push({
      id: e.event_id.toLowerCase(),
      eventType: e.event,
      data: p,
      createdAt,
      userId: ctx.caller.kind === "user" ? ctx.caller.userId : ctx.caller.kind === "key" ? (e.user_id ?? null) : null,
      anonymousId: e.anonymous_id ?? null,
      sessionId: e.session_id ?? null,
      pageUrl: pageView ? String(p.url) : (e.context?.page_url ?? null),
      referrer: pageView ? ((p.referrer as string | null | undefined) ?? null) : (e.context?.referrer ?? null),
      userAgent: ctx.userAgent,
      ip: ctx.ip,
    });
  });
  return { rows, rejected };
}
