// Server-side tracking (specification §5.2, done right): the event is checked
// against its schema and stored through the same writer as the API (deduped,
// rolled up, queued for forwarding) — never sent to Mixpanel/Amplitude on the
// caller's path; the forwarding job does that.
import crypto from "node:crypto";
import { prisma, type Db } from "@/lib/db";
import { clockNow } from "@/lib/clock";
import { customEventName, isTrackedEvent, propertiesSchema, type EVENT_PROPERTIES, type TrackedEvent } from "@/lib/validation/events";
import type { z } from "zod";
import { writeEvents, type EventSink } from "./write";

export type TrackOptions = {
  /** When it happened (default now). */
  at?: Date;
  sessionId?: string | null;
  anonymousId?: string | null;
  pageUrl?: string | null;
  referrer?: string | null;
  userAgent?: string | null;
  /** Already truncated (lib/events/ip.ts). */
  ip?: string | null;
  /** A retry of the same event passes the same id; stored once. */
  eventId?: string;
  /** Where to write (default the app's database); a pg client joins its transaction. */
  db?: EventSink;
};

type Props<E extends string> = E extends TrackedEvent ? z.input<(typeof EVENT_PROPERTIES)[E]> : Record<string, unknown>;

/** Stores one event for `userId` (null: anonymous or system). Throws on an invalid name or properties. */
export async function track<E extends string>(event: E, userId: string | null, properties: Props<E>, opts: TrackOptions = {}): Promise<{ id: string; stored: boolean }> {
  if (!isTrackedEvent(event)) customEventName.parse(event);
  const data = propertiesSchema(event).parse(properties ?? {});
  const id = opts.eventId ?? crypto.randomUUID();
  const pageView = event === "page_view";
  const { inserted } = await writeEvents((opts.db ?? prisma) as EventSink, [{
    id,
    eventType: event,
    data,
    createdAt: opts.at ?? clockNow(),
    userId,
    anonymousId: opts.anonymousId ?? null,
    sessionId: opts.sessionId ?? null,
    pageUrl: opts.pageUrl ?? (pageView ? String(data.url) : null),
    referrer: opts.referrer ?? (pageView ? ((data.referrer as string | null) ?? null) : null),
    userAgent: opts.userAgent ?? null,
    ip: opts.ip ?? null,
  }]);
  return { id, stored: inserted === 1 };
}

/** Like track, but a failure is logged instead of thrown: for the app's own flows (sign-in, report and export requests), where tracking must never break the action. */
export async function trackSafely<E extends string>(event: E, userId: string | null, properties: Props<E>, opts: TrackOptions = {}): Promise<void> {
  try {
    await track(event, userId, properties, opts);
  } catch (err) {
    console.error(`[events] could not track ${event}:`, err);
  }
}
