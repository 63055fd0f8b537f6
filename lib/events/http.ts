// POST /api/v1/events: who is sending (write key, bearer token, session, or an
// anonymous browser), the rate limit (X-RateLimit-* on every answer, lib/events/limits.ts), the size limits (413 naming the limit),
// per-event validation, then one write; the answer comes after the commit.
//
// sendBeacon cannot set a JSON content type, so a cookie-authenticated request
// may come as text/plain here (and only here). That is safe because the
// same-origin proof is still required (Sec-Fetch-Site: same-origin or our
// Origin — both set by the browser, not by a page), the session cookie is
// SameSite=Lax so another site's POST carries none, and the worst such a
// request could do is add analytics events for the signed-in user.
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { clientIp, errorResponse, readBodyOr413 } from "@/lib/http/api";
import { crossSiteProblem } from "@/lib/http/csrf";
import { authenticateRequest } from "@/lib/auth/session";
import { clockNow } from "@/lib/clock";
import { prisma, type Db } from "@/lib/db";
import { EVENT_LIMITS, eventsRequest } from "@/lib/validation/events";
import { eventsConfig, type EventsConfig } from "./config";
import { linkAnonymousId } from "./identity";
import { storedAddress } from "./ip";
import { prepareEvents, type Caller } from "./prepare";
import { EventsRateMeter } from "./limits";
import { writeEvents } from "./write";
import { basicAuthKey, checkWriteKey, WRITE_KEY_HEADER } from "./write-keys";

export type IngestAnswer = { accepted: number; duplicates: number; rejected: { index: number; field: string; message: string }[] };

const tooLarge = (message: string, field: string) => errorResponse(413, "payload_too_large", message, field, { connection: "close" });

export async function handleEventsPost(req: NextRequest, db: Db = prisma): Promise<Response> {
  const config = eventsConfig();
  const receivedAt = clockNow();
  const meter = new EventsRateMeter(db, clientIp(req), config, receivedAt);
  return meter.stamp(await ingest(req, db, config, receivedAt, meter));
}

async function ingest(req: NextRequest, db: Db, config: EventsConfig, receivedAt: Date, meter: EventsRateMeter): Promise<Response> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > EVENT_LIMITS.maxRequestBytes) return tooLarge(`body: a request must be at most ${EVENT_LIMITS.maxRequestBytes} bytes (1 MB)`, "body");

  // Who: a write key (X-Events-Write-Key, or HTTP Basic as Segment sends it), else a bearer token or session, else anonymous.
  let caller: Caller = { kind: "anonymous" };
  const address = clientIp(req);
  const basic = basicAuthKey(req.headers.get("authorization"));
  const key = req.headers.get(WRITE_KEY_HEADER) ?? (basic && "key" in basic ? basic.key : null);
  if (key || (basic && "bad" in basic)) {
    const k = key ? await checkWriteKey(db, key, config.writeKey) : null;
    // a wrong key is counted against the address (when the answer is stamped), so keys cannot be guessed at full speed
    if (!k) return errorResponse(401, "unauthorized", "invalid write key");
    caller = { kind: "key", keyId: k.keyId };
  } else {
    const auth = await authenticateRequest(req);
    if (auth.badToken) return errorResponse(401, "unauthorized", "invalid or expired token", undefined, { "WWW-Authenticate": 'Bearer realm="api"' });
    if (auth.user) {
      if (auth.via === "session") {
        const problem = crossSiteProblem(req, { allowTextPlain: true });
        if (problem) return errorResponse(403, "cross_site_request", problem);
      }
      caller = { kind: "user", userId: auth.user.id };
    }
  }

  const limited = await meter.take(caller.kind === "key" ? caller.keyId : null);
  if (limited) return limited;

  const text = await readBodyOr413(req, EVENT_LIMITS.maxRequestBytes);
  if (text instanceof Response) return tooLarge(`body: a request must be at most ${EVENT_LIMITS.maxRequestBytes} bytes (1 MB)`, "body");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return errorResponse(400, "invalid_json", "body: request body must be valid JSON", "body");
  }
  const parsed = eventsRequest.safeParse(json);
  if (!parsed.success) return errorResponse(400, "invalid_request", "body: must be an event or {batch: [...]}", "body");
  const body = parsed.data as { batch?: unknown[]; sent_at?: string };
  let raw: unknown[];
  if (Array.isArray(body.batch)) {
    raw = body.batch;
    if (raw.length > EVENT_LIMITS.maxEvents) return tooLarge(`batch: a batch must have at most ${EVENT_LIMITS.maxEvents} events (got ${raw.length})`, "batch");
  } else {
    const { sent_at: _s, ...single } = json as Record<string, unknown>;
    raw = [single];
  }
  for (let i = 0; i < raw.length; i++) {
    const size = Buffer.byteLength(JSON.stringify(raw[i]) ?? "");
    if (size > EVENT_LIMITS.maxEventBytes) return tooLarge(`batch.${i}: an event must be at most ${EVENT_LIMITS.maxEventBytes} bytes (32 KB), this one is ${size}`, `batch.${i}`);
  }

  const { rows, rejected } = prepareEvents(raw, {
    caller,
    receivedAt,
    sentAt: body.sent_at ? new Date(body.sent_at) : null,
    userAgent: req.headers.get("user-agent")?.slice(0, 1000) ?? null,
    ip: storedAddress(address, config.fullIp),
    retentionMonths: config.retentionMonths,
  });
  if (caller.kind === "user") {
    const anon = new Set(rows.map((r) => r.anonymousId).filter((a): a is string => !!a));
    for (const a of anon) await linkAnonymousId(db, a, caller.userId);
  }
  const { inserted } = await writeEvents(db, rows);
  const answer: IngestAnswer = { accepted: inserted, duplicates: rows.length - inserted, rejected };
  return NextResponse.json(answer, { headers: { "cache-control": "no-store" } });
}
