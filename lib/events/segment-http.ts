// POST /api/v1/events/segment/v1/{batch,track,page,identify,screen}: Segment's
// HTTP tracking API, so an app already using a Segment SDK only changes its
// host and path. Auth: HTTP Basic with a write key as the user name (or
// `writeKey` in the body, as Segment allows). The calls are mapped to our
// events (lib/events/segment.ts) and stored through the same checks,
// de-duplication and writer as POST /api/v1/events; the answer comes after
// the commit.
//
// Answers: 200 {success: true, accepted, duplicates, rejected} (the SDKs only
// look at the status); a batch's invalid calls are rejected one by one like
// the events API's, a single call's invalid field is 400 naming it; a bad,
// revoked or missing write key 401; over 500 KB per batch or 32 KB per call
// 413; over the rate limit 429 with Retry-After. X-RateLimit-* on every answer.
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { clockNow } from "@/lib/clock";
import { prisma, type Db } from "@/lib/db";
import { clientIp, errorResponse, readBodyOr413 } from "@/lib/http/api";
import { SEGMENT_LIMITS, segmentBatchRequest, segmentEvent, segmentSingleRequest, type SegmentType } from "@/lib/validation/segment";
import { eventsConfig, type EventsConfig } from "./config";
import { linkAnonymousId } from "./identity";
import { storedAddress } from "./ip";
import { EventsRateMeter } from "./limits";
import { prepareEvents, type Rejection } from "./prepare";
import { fromSegment, segmentRejection } from "./segment";
import { writeEvents, type StoredEvent } from "./write";
import { basicAuthKey, checkWriteKey } from "./write-keys";

export type SegmentRoute = "batch" | SegmentType;

const unauthorized = (message: string) => errorResponse(401, "unauthorized", message, undefined, { "WWW-Authenticate": 'Basic realm="events"' });
const tooLarge = (message: string, field: string) => errorResponse(413, "payload_too_large", message, field, { connection: "close" });
const issueOf = (err: { issues: { path: PropertyKey[]; message: string }[] }, where: string) => {
  const i = err.issues[0];
  const field = i.path.length ? i.path.map(String).join(".") : where;
  return { field, message: `${field}: ${i.message}` };
};

export async function handleSegmentPost(req: NextRequest, route: SegmentRoute, db: Db = prisma): Promise<Response> {
  const config = eventsConfig();
  const receivedAt = clockNow();
  const meter = new EventsRateMeter(db, clientIp(req), config, receivedAt);
  return meter.stamp(await intake(req, route, db, config, receivedAt, meter));
}

async function intake(req: NextRequest, route: SegmentRoute, db: Db, config: EventsConfig, receivedAt: Date, meter: EventsRateMeter): Promise<Response> {
  const limit = route === "batch" ? SEGMENT_LIMITS.maxBatchBytes : SEGMENT_LIMITS.maxEventBytes;
  const limitText = `body: a ${route === "batch" ? "batch" : "call"} must be at most ${limit} bytes (${limit / 1024} KB)`;
  if (Number(req.headers.get("content-length") ?? 0) > limit) return tooLarge(limitText, "body");

  // The write key: the Basic user name (checked before the body is read), else the body's writeKey.
  const authorization = req.headers.get("authorization");
  const basic = basicAuthKey(authorization);
  if (authorization && (!basic || "bad" in basic)) return unauthorized("use HTTP Basic auth with the write key as the user name and an empty password");
  const authorize = async (key: string): Promise<Response | string> => {
    const k = await checkWriteKey(db, key, config.writeKey);
    // a wrong key is counted against the client address when the answer is stamped
    if (!k) return unauthorized("invalid or revoked write key");
    return (await meter.take(k.keyId)) ?? k.keyId;
  };
  let keyId: string | null = null;
  if (basic && "key" in basic) {
    const who = await authorize(basic.key);
    if (who instanceof Response) return who;
    keyId = who;
  }

  const text = await readBodyOr413(req, limit);
  if (text instanceof Response) return tooLarge(limitText, "body");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return errorResponse(400, "invalid_json", "body: request body must be valid JSON", "body");
  }
  const envelope = route === "batch" ? segmentBatchRequest.safeParse(json) : segmentSingleRequest.safeParse(json);
  if (!envelope.success) {
    const { field, message } = issueOf(envelope.error, "body");
    return errorResponse(400, "invalid_request", field === "body" ? "body: must be a JSON object" : message, field);
  }
  if (!keyId) {
    const key = envelope.data.writeKey;
    if (!key) return unauthorized("a write key is required: HTTP Basic auth with the key as the user name");
    const who = await authorize(key);
    if (who instanceof Response) return who;
    keyId = who;
  }
  const sender = keyId;

  const batch = route === "batch" ? (envelope.data as { batch: unknown[] }).batch : [json];
  const shared = route === "batch" ? (envelope.data as { context?: Record<string, unknown> | null }).context : null;
  const sentAtText = route === "batch" ? (envelope.data as { sentAt?: string | null }).sentAt : null;
  const requestSentAt = sentAtText ? new Date(sentAtText) : null;

  const rows: StoredEvent[] = [];
  const rejected: Rejection[] = [];
  const links: { anonymousId: string; userId: string }[] = [];
  for (let index = 0; index < batch.length; index++) {
    const item = batch[index];
    const prefix = route === "batch" ? `batch.${index}` : "";
    const size = Buffer.byteLength(JSON.stringify(item) ?? "");
    if (size > SEGMENT_LIMITS.maxEventBytes) return tooLarge(`${prefix || "body"}: a call must be at most ${SEGMENT_LIMITS.maxEventBytes} bytes (32 KB), this one is ${size}`, prefix || "body");
    const reject = (r: Omit<Rejection, "index">) => void rejected.push({ index, ...r });
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      reject({ field: "event", message: "event: must be a JSON object" });
      continue;
    }
    const call = item as Record<string, unknown>;
    const parsed = segmentEvent.safeParse({
      ...call,
      // the path names the type of a single call, as with Segment
      type: route === "batch" ? call.type : route,
      ...(shared && (call.context == null || typeof call.context === "object") ? { context: { ...shared, ...((call.context as object) ?? {}) } } : {}),
    });
    if (!parsed.success) {
      reject(issueOf(parsed.error, "event"));
      continue;
    }
    const mapped = fromSegment(parsed.data, { keyId: sender, receivedAt, requestSentAt });
    if (!("envelope" in mapped)) {
      reject(mapped);
      continue;
    }
    const out = prepareEvents([mapped.envelope], {
      caller: { kind: "key", keyId: sender },
      receivedAt,
      sentAt: null, // the envelope's timestamp is already corrected for skew (fromSegment)
      userAgent: mapped.userAgent ?? req.headers.get("user-agent")?.slice(0, 1000) ?? null,
      ip: storedAddress(mapped.ip ?? clientIp(req), config.fullIp),
      retentionMonths: config.retentionMonths,
    });
    if (out.rejected.length) {
      reject(segmentRejection(out.rejected[0], parsed.data.type));
      continue;
    }
    rows.push(...out.rows);
    if (mapped.link) links.push(mapped.link);
  }

  // One call on its own path: its refusal is the answer (the SDK does not retry a 400).
  if (route !== "batch" && rejected.length) {
    const r = rejected[0];
    return errorResponse(400, "invalid_request", r.message, r.field);
  }
  const { inserted } = await writeEvents(db, rows);
  // after the commit: identify's anonymous id → user, and that id's earlier events get the user
  for (const l of new Map(links.map((l) => [`${l.anonymousId}\n${l.userId}`, l])).values()) await linkAnonymousId(db, l.anonymousId, l.userId);
  return NextResponse.json(
    { success: true, accepted: inserted, duplicates: rows.length - inserted, rejected },
    { headers: { "cache-control": "no-store" } },
  );
}
