// The Segment-compatible intake (lib/events/segment-http.ts) through its
// handler on a real database, with hand-made payloads: auth (Basic, body
// writeKey, bad, revoked, missing), the mapping of each call type, fields
// named in 400s and per-event rejections, messageId de-duplication, clock
// skew, identify linking, size limits and the rate-limit headers. Expected
// values are read back with plain SQL. (The real SDK over HTTP: tests/e2e/segment.test.ts.)
import crypto from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
let handle: typeof import("@/lib/events/segment-http").handleSegmentPost;
let handleEvents: typeof import("@/lib/events/http").handleEventsPost;
let keys: typeof import("@/lib/events/write-keys");
let userId: string;
let key: string;
let keyId: string;

const PEER = "x-marketplace-peer-address";
const basic = (k: string) => "Basic " + Buffer.from(`${k}:`).toString("base64");

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await tdb.pool.query(text, params)).rows as T[];
}
const count = async (where = "TRUE", params: unknown[] = []) =>
  Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM analytics_events WHERE ${where}`, params))[0].n);

type Route = "batch" | "track" | "page" | "identify" | "screen";
async function post(route: Route, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const req = new NextRequest(`http://127.0.0.1:3000/api/v1/events/segment/v1/${route}`, {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", [PEER]: "203.0.113.50", authorization: basic(key), ...headers },
  });
  const res = await handle(req, route, db);
  const json = await res.json().catch(() => null);
  return { status: res.status, json, headers: res.headers };
}

const mid = () => `test-${crypto.randomUUID()}`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  process.env.DATABASE_URL = tdb.url;
  delete process.env.EVENTS_WRITE_KEY;
  db = (await import("@/lib/db")).prisma;
  handle = (await import("@/lib/events/segment-http")).handleSegmentPost;
  handleEvents = (await import("@/lib/events/http")).handleEventsPost;
  keys = await import("@/lib/events/write-keys");
  const [u] = await sql<{ id: string }>(`INSERT INTO users (role, email, name, password_hash) VALUES ('uploader', 'seg@example.com', 'Seg', 'x') RETURNING id`);
  userId = u.id;
  const k = await keys.createWriteKey(db, "segment test", null);
  key = k.key;
  keyId = k.id;
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

describe("write keys", () => {
  it("a bad, revoked or missing key is 401; the key may come as Basic user name or as the body's writeKey", async () => {
    const call = { userId, event: "Key Check", messageId: mid() };
    expect((await post("track", call, { authorization: basic("wk_" + "x".repeat(32)) })).status).toBe(401);
    expect((await post("track", call, { authorization: basic("") })).status).toBe(401);
    expect((await post("track", call, { authorization: `Bearer ${key}` })).status).toBe(401);
    const missing = await post("track", call, { authorization: "" });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Basic realm="events"');
    expect(await count(`event_type = 'key_check'`)).toBe(0);
    // Segment's alternative: writeKey in the body, no Authorization header
    expect((await post("track", { ...call, writeKey: key }, { authorization: "" })).json).toMatchObject({ success: true, accepted: 1 });
    const other = await keys.createWriteKey(db, "to revoke", null);
    const e2 = { userId, event: "Key Check", messageId: mid() };
    expect((await post("track", e2, { authorization: basic(other.key) })).status).toBe(200);
    await keys.revokeWriteKey(db, other.id);
    expect((await post("track", { ...e2, messageId: mid() }, { authorization: basic(other.key) })).status).toBe(401);
    expect(await count(`event_type = 'key_check'`)).toBe(2);
    // last use is recorded for the list (the revoked key was used once too)
    const used = await sql<{ id: string }>(`SELECT id::text FROM event_write_keys WHERE last_used_at IS NOT NULL ORDER BY id`);
    expect(used.map((r) => r.id).sort()).toEqual([keyId, other.id].sort());
  });

  it("the same keys work on POST /api/v1/events, as X-Events-Write-Key or HTTP Basic", async () => {
    const e = (url: string) => ({ event: "page_view", event_id: crypto.randomUUID(), properties: { url }, user_id: userId });
    const send = async (headers: Record<string, string>, body: unknown) => {
      const req = new NextRequest("http://127.0.0.1:3000/api/v1/events", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", [PEER]: "203.0.113.51", ...headers } });
      const res = await handleEvents(req, db);
      return { status: res.status, json: await res.json() };
    };
    expect((await send({ "x-events-write-key": key }, e("/k/header"))).json.accepted).toBe(1);
    expect((await send({ authorization: basic(key) }, e("/k/basic"))).json.accepted).toBe(1);
    expect((await send({ authorization: basic("wk_" + "y".repeat(32)) }, e("/k/bad"))).status).toBe(401);
    expect(await count(`page_url LIKE '/k/%' AND user_id = $1`, [userId])).toBe(2);
  });
});

describe("mapping", () => {
  it("track, page, screen and identify become our events with their names, properties, context and user", async () => {
    const anonymousId = "seg-anon-" + crypto.randomUUID();
    const ids = { track: mid(), page: mid(), screen: mid(), identify: mid() };
    const r = await post("batch", {
      batch: [
        { type: "track", messageId: ids.track, anonymousId, event: "Order Completed", properties: { amount: 49.99, currency: "EUR" },
          context: { userAgent: "Mozilla/5.0 (Segment test)", ip: "198.51.100.23", page: { url: "https://shop.example/checkout?step=2", referrer: "https://news.example/a" } } },
        { type: "page", messageId: ids.page, anonymousId, name: "Pricing", properties: { title: "Pricing" },
          context: { page: { url: "https://shop.example/pricing?utm=x", path: "/pricing", referrer: "https://www.google.com/" } } },
        { type: "screen", messageId: ids.screen, anonymousId, name: "Home", properties: { tab: 2 } },
        { type: "identify", messageId: ids.identify, anonymousId, userId, traits: { plan: "pro" } },
      ],
      sentAt: new Date().toISOString(),
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ success: true, accepted: 4, duplicates: 0, rejected: [] });
    const rows = await sql<{ event_type: string; event_data: Record<string, unknown>; page_url: string | null; referrer: string | null; user_agent: string | null; ip: string | null; user_id: string | null }>(
      `SELECT event_type, event_data, page_url, referrer, user_agent, host(ip_address) AS ip, user_id::text FROM analytics_events WHERE anonymous_id = $1 ORDER BY event_type`,
      [anonymousId],
    );
    expect(rows.map((x) => x.event_type)).toEqual(["identify", "order_completed", "page_view", "screen_view"]);
    const by = Object.fromEntries(rows.map((x) => [x.event_type, x]));
    expect(by.order_completed).toMatchObject({
      event_data: { amount: 49.99, currency: "EUR" },
      page_url: "https://shop.example/checkout?step=2",
      referrer: "https://news.example/a",
      user_agent: "Mozilla/5.0 (Segment test)", // the end user's browser from context, not the sender's
      ip: "198.51.100.0", // context.ip, truncated to its /24
    });
    expect(by.page_view.event_data).toEqual({ url: "https://shop.example/pricing?utm=x", path: "/pricing", referrer: "https://www.google.com/", title: "Pricing", name: "Pricing" });
    expect(by.page_view).toMatchObject({ page_url: "https://shop.example/pricing?utm=x", referrer: "https://www.google.com/", ip: "203.0.113.0" });
    expect(by.screen_view.event_data).toEqual({ tab: 2, name: "Home" });
    expect(by.identify.event_data).toEqual({ plan: "pro" });
    // identify linked the anonymous id: every event of it now carries the user, and later ones too
    expect(rows.every((x) => x.user_id === userId)).toBe(true);
    expect(await sql(`SELECT user_id::text FROM event_identities WHERE anonymous_id = $1`, [anonymousId])).toEqual([{ user_id: userId }]);
    await post("track", { anonymousId, event: "Later", messageId: mid() });
    expect(await count(`anonymous_id = $1 AND event_type = 'later' AND user_id = $2`, [anonymousId, userId])).toBe(1);
    // the top pages rollup sees the page by its path
    expect(await sql(`SELECT value FROM events_daily_pages WHERE kind = 'page' AND value = '/pricing'`)).toHaveLength(1);
  });

  it("the single-call paths take their type from the path", async () => {
    const anonymousId = "seg-single-" + crypto.randomUUID();
    expect((await post("track", { anonymousId, event: "signup_started", properties: { role: "creator" }, messageId: mid() })).status).toBe(200);
    expect((await post("page", { anonymousId, properties: { url: "/docs", referrer: null }, messageId: mid() })).status).toBe(200);
    expect((await post("screen", { anonymousId, name: "Settings", messageId: mid() })).status).toBe(200);
    expect((await post("identify", { anonymousId, traits: { locale: "de" }, messageId: mid() })).status).toBe(200);
    const types = await sql<{ event_type: string }>(`SELECT event_type FROM analytics_events WHERE anonymous_id = $1 ORDER BY 1`, [anonymousId]);
    expect(types.map((t) => t.event_type)).toEqual(["identify", "page_view", "screen_view", "signup_started"]);
  });
});

describe("validation", () => {
  it("an invalid single call is 400 naming Segment's field; nothing is stored", async () => {
    const before = await count();
    const cases: [Route, unknown, string][] = [
      ["track", { userId, messageId: mid() }, "event"],
      ["track", { event: "No Identity", messageId: mid() }, "userId"],
      ["track", { userId: "user-42", event: "Foreign Id", messageId: mid() }, "userId"],
      ["track", { userId, event: "Bad Time", timestamp: "yesterday", messageId: mid() }, "timestamp"],
      ["track", { userId, event: "Bad Ip", context: { ip: "300.1.1.1" }, messageId: mid() }, "context.ip"],
      ["track", { userId, event: "Bad Props", properties: [1, 2], messageId: mid() }, "properties"],
      ["track", { userId, event: "!!!", messageId: mid() }, "event"],
      ["track", { userId, event: "upload_completed", properties: { file_size: -1, duration: 3 }, messageId: mid() }, "properties.file_size"],
      ["page", { userId, properties: { title: "No url" }, messageId: mid() }, "properties.url"],
      ["page", { userId, properties: { url: "/x" }, context: { page: { url: 5 } }, messageId: mid() }, "context.page.url"],
      ["identify", { userId, traits: "pro", messageId: mid() }, "traits"],
      ["identify", { userId, anonymousId: "x".repeat(101), messageId: mid() }, "anonymousId"],
      ["track", [{ userId, event: "In An Array" }], "body"],
    ];
    for (const [route, body, field] of cases) {
      const r = await post(route, body);
      expect([route, field, r.status]).toEqual([route, field, 400]);
      expect(r.json.error.field).toBe(field);
      expect(r.json.error.message.startsWith(field + ":")).toBe(true);
    }
    const bad = await post("track", "{not json");
    expect([bad.status, bad.json.error.field]).toEqual([400, "body"]);
    const noBatch = await post("batch", { batch: "nope" });
    expect([noBatch.status, noBatch.json.error.field]).toEqual([400, "batch"]);
    const badSentAt = await post("batch", { batch: [], sentAt: "soon" });
    expect([badSentAt.status, badSentAt.json.error.field]).toEqual([400, "sentAt"]);
    expect(await count()).toBe(before);
  });

  it("a batch stores its valid calls and names the rejected ones by index and field", async () => {
    const anonymousId = "seg-partial-" + crypto.randomUUID();
    const r = await post("batch", {
      batch: [
        { type: "track", anonymousId, event: "Fine One", messageId: mid() },
        { type: "alias", anonymousId, userId, previousId: "x", messageId: mid() },
        { type: "track", anonymousId, messageId: mid() },
        "not an object",
        { type: "page", anonymousId, properties: { url: "/fine" }, messageId: mid() },
        { type: "track", anonymousId, event: "Too Old", timestamp: new Date(Date.now() - 30 * 31 * 86_400_000).toISOString(), messageId: mid() },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    expect(r.json.accepted).toBe(2);
    expect(r.json.rejected.map((x: { index: number; field: string }) => [x.index, x.field])).toEqual([[1, "type"], [2, "event"], [3, "event"], [5, "timestamp"]]);
    expect(r.json.rejected[3].message).toContain("older than the retention");
    expect(await count(`anonymous_id = $1`, [anonymousId])).toBe(2);
  });
});

describe("de-duplication by messageId", () => {
  it("a batch sent twice is stored once, with SDK-style and UUID messageIds; the id is the same for a key, not across keys", async () => {
    const anonymousId = "seg-dedupe-" + crypto.randomUUID();
    const uuidId = crypto.randomUUID().toUpperCase();
    const batch = [
      { type: "track", anonymousId, event: "Retry Me", messageId: `node-next-${Date.now()}-${crypto.randomUUID()}` },
      { type: "track", anonymousId, event: "Retry Me", messageId: uuidId },
      { type: "page", anonymousId, properties: { url: "/retry" }, messageId: "page-1" },
    ];
    expect((await post("batch", { batch, sentAt: new Date().toISOString() })).json).toMatchObject({ accepted: 3, duplicates: 0 });
    // the retry: a new sentAt, the same calls
    expect((await post("batch", { batch, sentAt: new Date(Date.now() + 1000).toISOString() })).json).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await count(`anonymous_id = $1`, [anonymousId])).toBe(3);
    // a UUID messageId is the event id as is
    expect(await count(`id = $1 AND anonymous_id = $2`, [uuidId.toLowerCase(), anonymousId])).toBe(1);
    // another key's "page-1" is another event (each sender's messageIds are its own)
    const other = await keys.createWriteKey(db, "other sender", null);
    const r = await post("batch", { batch: [batch[2]] }, { authorization: basic(other.key) });
    expect(r.json).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await count(`anonymous_id = $1`, [anonymousId])).toBe(4);
    // a batch repeating a messageId stores it once
    const twice = { type: "track", anonymousId, event: "Twice", messageId: mid() };
    expect((await post("batch", { batch: [twice, twice] })).json).toMatchObject({ accepted: 1, duplicates: 1 });
  });
});

describe("time", () => {
  it("corrects the client's clock with sentAt (batch's or the call's own)", async () => {
    const anonymousId = "seg-skew-" + crypto.randomUUID();
    const received = Date.now();
    // the sender's clock is 2 hours slow; the calls happened 10 and 30 minutes before sending
    const sentAt = new Date(received - 2 * 3600_000);
    const a = { type: "track", anonymousId, event: "Skew A", messageId: mid(), timestamp: new Date(sentAt.getTime() - 10 * 60_000).toISOString() };
    const b = { type: "track", anonymousId, event: "Skew B", messageId: mid(), originalTimestamp: new Date(sentAt.getTime() - 30 * 60_000).toISOString() };
    const ownSent = new Date(received + 5 * 3600_000);
    const c = { type: "track", anonymousId, event: "Skew C", messageId: mid(), timestamp: new Date(ownSent.getTime() - 60 * 60_000).toISOString(), sentAt: ownSent.toISOString() };
    const t = new Date(received - 3 * 86_400_000);
    const d = { type: "track", anonymousId, event: "No Sent At", messageId: mid(), timestamp: t.toISOString() };
    expect((await post("batch", { batch: [a, b, c], sentAt: sentAt.toISOString() })).json.accepted).toBe(3);
    expect((await post("track", d)).json.accepted).toBe(1);
    const rows = await sql<{ event_type: string; created_at: Date }>(`SELECT event_type, created_at FROM analytics_events WHERE anonymous_id = $1`, [anonymousId]);
    const at = Object.fromEntries(rows.map((x) => [x.event_type, x.created_at.getTime()]));
    expect(Math.abs(at.skew_a - (received - 10 * 60_000))).toBeLessThan(5_000);
    expect(Math.abs(at.skew_b - (received - 30 * 60_000))).toBeLessThan(5_000);
    expect(Math.abs(at.skew_c - (received - 60 * 60_000))).toBeLessThan(5_000);
    expect(at.no_sent_at).toBe(t.getTime()); // without sentAt the timestamp as is
  });
});

describe("limits", () => {
  it("413 over 32 KB per call and 500 KB per batch", async () => {
    const big = { type: "track", userId, event: "Big", properties: { blob: "x".repeat(33 * 1024) }, messageId: mid() };
    const one = await post("track", big);
    expect([one.status, one.json.error.field]).toEqual([413, "body"]);
    const inBatch = await post("batch", { batch: [{ type: "track", userId, event: "Small", messageId: mid() }, big] });
    expect([inBatch.status, inBatch.json.error.field]).toEqual([413, "batch.1"]);
    expect(inBatch.json.error.message).toContain("32768 bytes (32 KB)");
    const many = await post("batch", { batch: Array.from({ length: 20 }, () => ({ ...big, properties: { blob: "x".repeat(30 * 1024) } })) });
    expect([many.status, many.json.error.field]).toEqual([413, "body"]);
    expect(many.json.error.message).toContain("512000 bytes (500 KB)");
    expect(await count(`event_type IN ('big', 'small')`)).toBe(0);
  });

  it("every answer carries X-RateLimit-*; over the per-key limit → 429 with Retry-After", async () => {
    process.env.EVENTS_RATE_LIMIT_PER_KEY = "3";
    try {
      const k = await keys.createWriteKey(db, "limited", null);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await post("track", { userId, event: "Limited", messageId: mid() }, { authorization: basic(k.key) }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((a) => a.headers.get("x-ratelimit-limit"))).toEqual(["3", "3", "3", "3"]);
      expect(answers.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
      expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(answers[3].json.error.code).toBe("rate_limited");
      expect(await count(`event_type = 'limited'`)).toBe(3);
      const [row] = await sql<{ n: number }>(`SELECT sum(requests)::int AS n FROM api_rate_limits WHERE bucket = $1`, [`events-key:${k.id}`]);
      expect(row.n).toBe(4);
      // a 401 is counted against the address and carries the headers too
      const bad = await post("track", { userId, event: "Limited", messageId: mid() }, { authorization: basic("wk_" + "z".repeat(32)) });
      expect(bad.status).toBe(401);
      expect(bad.headers.get("x-ratelimit-limit")).toBe("600");
    } finally {
      delete process.env.EVENTS_RATE_LIMIT_PER_KEY;
    }
  });
});
