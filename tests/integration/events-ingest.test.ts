// POST /api/v1/events through its handler (lib/events/http.ts) on a real
// database: validation of the ten §5 events and a custom one, retried and
// half-stored batches, partial rejection, clock-skew correction, time limits,
// anonymous → user linking, write keys, size limits and the rate limit shared
// by two "instances". Expected numbers are read back with plain SQL.
import crypto from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
let handle: typeof import("@/lib/events/http").handleEventsPost;
let createPrisma: typeof import("@/lib/db").createPrisma;
let userId: string;
let token: string;

const uuid = () => crypto.randomUUID();
const PEER = "x-marketplace-peer-address";

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await tdb.pool.query(text, params)).rows as T[];
}
const count = async (where = "TRUE", params: unknown[] = []) =>
  Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM analytics_events WHERE ${where}`, params))[0].n);

async function post(body: unknown, headers: Record<string, string> = {}, via: Db = db) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const req = new NextRequest("http://127.0.0.1:3000/api/v1/events", {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", [PEER]: "203.0.113.77", ...headers },
  });
  const res = await handle(req, via);
  const json = await res.json().catch(() => null);
  return { status: res.status, json, headers: res.headers };
}

const anon = (event: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ event, event_id: uuid(), properties, anonymous_id: "anon-test-1", ...extra });

const VALID: [string, Record<string, unknown>][] = [
  ["page_view", { url: "/pricing", referrer: "https://www.google.com/" }],
  ["signup_started", { role: "creator" }],
  ["signup_completed", { role: "uploader", method: "email" }],
  ["upload_initiated", { output_types: ["blog_post", "social_media"] }],
  ["upload_completed", { file_size: 1_234_567, duration: 1800 }],
  ["assignment_claimed", { output_type: "blog_post", level: "gold" }],
  ["assignment_submitted", { time_to_complete: 1.5 }],
  ["payment_completed", { amount: 49.99, method: "card" }],
  ["payout_processed", { amount: 120, method: "paypal" }],
  ["search_performed", { query: "podcast", filters: { output_type: "blog_post" } }],
  ["report_downloaded", { format: "csv", anything: [1, 2] }],
];
// One broken property per type, and the field the answer must name.
const INVALID: [string, Record<string, unknown>, string][] = [
  ["page_view", { referrer: "x" }, "properties.url"],
  ["signup_started", { role: "admin" }, "properties.role"],
  ["signup_completed", { role: "creator" }, "properties.method"],
  ["upload_initiated", { output_types: [] }, "properties.output_types"],
  ["upload_completed", { file_size: -1, duration: 10 }, "properties.file_size"],
  ["assignment_claimed", { output_type: "blog_post" }, "properties.level"],
  ["assignment_submitted", { time_to_complete: "soon" }, "properties.time_to_complete"],
  ["payment_completed", { amount: 10.001, method: "card" }, "properties.amount"],
  ["payout_processed", { amount: -5, method: "paypal" }, "properties.amount"],
  ["search_performed", { query: 42 }, "properties.query"],
  ["Report-Downloaded", {}, "event"],
];

beforeAll(async () => {
  tdb = await createTestDatabase();
  process.env.DATABASE_URL = tdb.url;
  delete process.env.EVENTS_WRITE_KEY;
  ({ createPrisma } = await import("@/lib/db"));
  db = (await import("@/lib/db")).prisma;
  handle = (await import("@/lib/events/http")).handleEventsPost;
  const [u] = await sql<{ id: string }>(`INSERT INTO users (role, email, name, password_hash) VALUES ('uploader', 'ev@example.com', 'Ev', 'x') RETURNING id`);
  userId = u.id;
  token = (await (await import("@/lib/auth/tokens")).issueSessionToken(userId)).token;
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

describe("validation", () => {
  it("accepts each of the ten events of §5 and a custom snake_case one", async () => {
    const r = await post({ batch: VALID.map(([e, p]) => anon(e, p)) });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ accepted: 11, duplicates: 0, rejected: [] });
    const types = await sql<{ event_type: string }>(`SELECT DISTINCT event_type FROM analytics_events ORDER BY 1`);
    expect(types.map((t) => t.event_type)).toEqual(VALID.map(([e]) => e).sort());
    // page_view's url and referrer fill the columns
    const [pv] = await sql<{ page_url: string; referrer: string }>(`SELECT page_url, referrer FROM analytics_events WHERE event_type = 'page_view'`);
    expect(pv).toEqual({ page_url: "/pricing", referrer: "https://www.google.com/" });
  });

  it("refuses a broken property of each type, naming the field, and stores nothing of them", async () => {
    const before = await count();
    const r = await post({ batch: INVALID.map(([e, p]) => anon(e, p)) });
    expect(r.status).toBe(200);
    expect(r.json.accepted).toBe(0);
    expect(r.json.rejected.map((x: { index: number; field: string }) => [x.index, x.field])).toEqual(INVALID.map(([, , f], i) => [i, f]));
    for (const x of r.json.rejected) expect(x.message.startsWith(x.field + ":")).toBe(true);
    expect(await count()).toBe(before);
  });

  it("refuses envelopes: missing event_id, bad uuid, unknown field, a user_id without a write key, no anonymous id without a user", async () => {
    const r = await post({
      batch: [
        { event: "page_view", properties: { url: "/" }, anonymous_id: "a" },
        { event: "page_view", event_id: "123", properties: { url: "/" }, anonymous_id: "a" },
        { event: "page_view", event_id: uuid(), properties: { url: "/" }, anonymous_id: "a", surprise: 1 },
        { event: "page_view", event_id: uuid(), properties: { url: "/" }, anonymous_id: "a", user_id: userId },
        { event: "page_view", event_id: uuid(), properties: { url: "/" } },
      ],
    });
    expect(r.json.rejected.map((x: { field: string }) => x.field)).toEqual(["event_id", "event_id", "event", "user_id", "anonymous_id"]);
  });
});

describe("de-duplication", () => {
  it("stores a retried batch once, whatever months its events fall in", async () => {
    const before = await count();
    const now = Date.now();
    // spread over four months: the copies land in different partitions than each other, not than themselves
    const batch = Array.from({ length: 40 }, (_, i) => anon("page_view", { url: `/retry/${i}` }, { timestamp: new Date(now - (i % 4) * 32 * 86_400_000).toISOString() }));
    const first = await post({ batch });
    expect(first.json).toEqual({ accepted: 40, duplicates: 0, rejected: [] });
    const again = await post({ batch });
    expect(again.json).toEqual({ accepted: 0, duplicates: 40, rejected: [] });
    expect(await count()).toBe(before + 40);
    expect(Number((await sql<{ n: string }>(`SELECT count(DISTINCT date_trunc('month', created_at)) AS n FROM analytics_events WHERE page_url LIKE '/retry/%'`))[0].n)).toBeGreaterThanOrEqual(3);
  });

  it("a retried event with a different timestamp (another month) is still a duplicate", async () => {
    const e = anon("page_view", { url: "/moved" });
    expect((await post({ batch: [e] })).json.accepted).toBe(1);
    const later = { ...e, timestamp: new Date(Date.now() - 70 * 86_400_000).toISOString() };
    expect((await post({ batch: [later] })).json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await count(`id = $1`, [e.event_id])).toBe(1);
  });

  it("a batch with half its events already stored stores the other half", async () => {
    const before = await count();
    const stored = Array.from({ length: 10 }, (_, i) => anon("search_performed", { query: `q${i}` }));
    await post({ batch: stored });
    const fresh = Array.from({ length: 10 }, (_, i) => anon("search_performed", { query: `r${i}` }));
    const r = await post({ batch: [...stored, ...fresh].sort(() => Math.random() - 0.5) });
    expect(r.json).toEqual({ accepted: 10, duplicates: 10, rejected: [] });
    expect(await count()).toBe(before + 20);
  });

  it("the same batch sent five times at once is stored once", async () => {
    const before = await count();
    const batch = Array.from({ length: 50 }, (_, i) => anon("page_view", { url: `/race/${i}` }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => post({ batch })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.reduce((a, b) => a + b.json.accepted, 0)).toBe(50);
    expect(answers.reduce((a, b) => a + b.json.duplicates, 0)).toBe(200);
    expect(await count()).toBe(before + 50);
  });

  it("a partially rejected batch stores its valid events", async () => {
    const before = await count();
    const batch = [
      anon("page_view", { url: "/a" }),
      anon("payment_completed", { amount: "lots", method: "card" }),
      anon("page_view", { url: "/b" }),
      anon("not a name", {}),
      anon("page_view", { url: "/c" }),
    ];
    const r = await post({ batch });
    expect(r.json.accepted).toBe(3);
    expect(r.json.rejected.map((x: { index: number }) => x.index)).toEqual([1, 3]);
    expect(await count()).toBe(before + 3);
  });
});

describe("time", () => {
  it("corrects the client's clock with sent_at", async () => {
    const received = Date.now();
    // the client's clock is 3 hours fast; the event happened 10 minutes before sending
    const sentAt = new Date(received + 3 * 3600_000);
    const e = anon("page_view", { url: "/skew" }, { timestamp: new Date(sentAt.getTime() - 10 * 60_000).toISOString() });
    expect((await post({ batch: [e], sent_at: sentAt.toISOString() })).json.accepted).toBe(1);
    const [row] = await sql<{ created_at: Date }>(`SELECT created_at FROM analytics_events WHERE id = $1`, [e.event_id]);
    const expected = received - 10 * 60_000;
    expect(Math.abs(row.created_at.getTime() - expected)).toBeLessThan(5_000);
  });

  it("takes the timestamp as is without sent_at, and the receive time without either", async () => {
    const t = new Date(Date.now() - 3 * 86_400_000);
    const a = anon("page_view", { url: "/t1" }, { timestamp: t.toISOString() });
    const b = anon("page_view", { url: "/t2" });
    const before = Date.now();
    await post({ batch: [a, b] });
    const rows = await sql<{ id: string; created_at: Date }>(`SELECT id::text, created_at FROM analytics_events WHERE id = ANY($1::uuid[])`, [[a.event_id, b.event_id]]);
    const by = Object.fromEntries(rows.map((r) => [r.id, r.created_at.getTime()]));
    expect(by[a.event_id]).toBe(t.getTime());
    expect(Math.abs(by[b.event_id] - before)).toBeLessThan(5_000);
  });

  it("refuses events over 24 h in the future and older than the retention, with the reason", async () => {
    const r = await post({
      batch: [
        anon("page_view", { url: "/f" }, { timestamp: new Date(Date.now() + 25 * 3600_000).toISOString() }),
        anon("page_view", { url: "/o" }, { timestamp: new Date(Date.now() - 26 * 31 * 86_400_000).toISOString() }),
        anon("page_view", { url: "/ok" }, { timestamp: new Date(Date.now() + 23 * 3600_000).toISOString() }),
      ],
    });
    expect(r.json.accepted).toBe(1);
    expect(r.json.rejected).toEqual([
      { index: 0, field: "timestamp", message: expect.stringContaining("24 hours in the future") },
      { index: 1, field: "timestamp", message: expect.stringContaining("older than the retention (25 months)") },
    ]);
  });
});

describe("identity and context", () => {
  it("links a browser's anonymous events to the user who signs in with its anonymous id", async () => {
    const a = "anon-link-" + uuid();
    const before = [anon("page_view", { url: "/signup" }, { anonymous_id: a }), anon("signup_started", { role: "uploader" }, { anonymous_id: a })];
    await post({ batch: before });
    expect(await count(`anonymous_id = $1 AND user_id IS NULL`, [a])).toBe(2);
    // the first signed-in batch carrying the anonymous id
    const r = await post({ batch: [{ event: "signup_completed", event_id: uuid(), properties: { role: "uploader", method: "email" }, anonymous_id: a }] }, { authorization: `Bearer ${token}` });
    expect(r.json.accepted).toBe(1);
    expect(await count(`anonymous_id = $1 AND user_id = $2`, [a, userId])).toBe(3);
    // a later anonymous event of that browser is stored with the user too
    await post({ batch: [anon("page_view", { url: "/later" }, { anonymous_id: a })] });
    expect(await count(`anonymous_id = $1 AND user_id IS NULL`, [a])).toBe(0);
  });

  it("takes the user from the token, never from the body", async () => {
    const e = { event: "page_view", event_id: uuid(), properties: { url: "/me" } };
    expect((await post({ batch: [e] }, { authorization: `Bearer ${token}` })).json.accepted).toBe(1);
    expect(await count(`id = $1 AND user_id = $2`, [e.event_id, userId])).toBe(1);
    expect((await post({ batch: [] }, { authorization: "Bearer nope" })).status).toBe(401);
  });

  it("truncates the client address to its /24 and keeps the user agent", async () => {
    const e = anon("page_view", { url: "/ip" });
    await post({ batch: [e] }, { "user-agent": "TestAgent/1.0" });
    const [row] = await sql<{ ip: string; user_agent: string }>(`SELECT host(ip_address) AS ip, user_agent FROM analytics_events WHERE id = $1`, [e.event_id]);
    expect(row).toEqual({ ip: "203.0.113.0", user_agent: "TestAgent/1.0" });
  });

  it("write keys (environment or admin-created) may name the user; a bad or revoked key is 401", async () => {
    const { createWriteKey, revokeWriteKey } = await import("@/lib/events/write-keys");
    process.env.EVENTS_WRITE_KEY = "env-secret-key-123";
    try {
      const e = { event: "payment_completed", event_id: uuid(), properties: { amount: 12.5, method: "card" }, user_id: userId };
      expect((await post({ batch: [e] }, { "x-events-write-key": "env-secret-key-123" })).json.accepted).toBe(1);
      expect(await count(`id = $1 AND user_id = $2`, [e.event_id, userId])).toBe(1);
      expect((await post({ batch: [e] }, { "x-events-write-key": "wrong" })).status).toBe(401);
    } finally {
      delete process.env.EVENTS_WRITE_KEY;
    }
    const k = await createWriteKey(db, "billing service", null);
    const [stored] = await sql<{ key_hash: string }>(`SELECT key_hash FROM event_write_keys WHERE id = $1`, [k.id]);
    expect(stored.key_hash).toBe(crypto.createHash("sha256").update(k.key).digest("hex"));
    const e2 = { event: "payout_processed", event_id: uuid(), properties: { amount: 80, method: "paypal" }, user_id: userId };
    expect((await post({ batch: [e2] }, { "x-events-write-key": k.key })).json.accepted).toBe(1);
    await revokeWriteKey(db, k.id);
    expect((await post({ batch: [e2] }, { "x-events-write-key": k.key })).status).toBe(401);
  });

  it("accepts a single event (not in a batch) with sent_at beside it", async () => {
    const e = anon("page_view", { url: "/single" });
    const r = await post({ ...e, sent_at: new Date().toISOString() });
    expect(r.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});

describe("limits", () => {
  it("answers 413 naming the limit: over 1,000 events, an event over 32 KB, a request over 1 MB", async () => {
    const many = await post({ batch: Array.from({ length: 1001 }, () => anon("page_view", { url: "/" })) });
    expect(many.status).toBe(413);
    expect(many.json.error).toMatchObject({ field: "batch", message: expect.stringContaining("at most 1000 events") });
    const big = await post({ batch: [anon("page_view", { url: "/" }), anon("custom_big", { blob: "x".repeat(33 * 1024) })] });
    expect(big.status).toBe(413);
    expect(big.json.error).toMatchObject({ field: "batch.1", message: expect.stringContaining("32768 bytes (32 KB)") });
    const huge = await post({ batch: Array.from({ length: 40 }, () => anon("custom_big", { blob: "x".repeat(30 * 1024) })) });
    expect(huge.status).toBe(413);
    expect(huge.json.error).toMatchObject({ field: "body", message: expect.stringContaining("1048576 bytes (1 MB)") });
  });

  it("rate-limits per client address with 429, Retry-After and X-RateLimit-*, shared by two app instances", async () => {
    process.env.EVENTS_RATE_LIMIT_PER_IP = "4";
    const other = createPrisma(tdb.url, 2); // a second app instance: its own pool, the same database
    try {
      const headers = { [PEER]: "198.51.100.9" };
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await post({ batch: [anon("page_view", { url: "/rl" })] }, headers, i % 2 ? other : db));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 429]);
      expect(answers.map((a) => a.headers.get("x-ratelimit-limit"))).toEqual(Array(6).fill("4"));
      expect(answers.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["3", "2", "1", "0", "0", "0"]);
      const reset = Number(answers[0].headers.get("x-ratelimit-reset"));
      const nextMinute = Math.ceil((Math.floor(Date.now() / 60_000) + 1) * 60);
      expect(Math.abs(reset - nextMinute)).toBeLessThanOrEqual(60); // the end of the current one-minute window
      const limited = await post({ batch: [] }, headers, other);
      const retry = Number(limited.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(limited.json.error.code).toBe("rate_limited");
      // counted by the API's limiter (lib/http/rate-limit.ts) in its own table, under the events' bucket
      const [row] = await sql<{ requests: number }>(`SELECT sum(requests)::int AS requests FROM api_rate_limits WHERE bucket = 'events-ip:198.51.100.9'`);
      expect(row.requests).toBe(7);
      expect((await sql<{ t: string | null }>(`SELECT to_regclass('event_rate_limits')::text AS t`))[0].t).toBeNull();
      // another address is not affected
      expect((await post({ batch: [] }, { [PEER]: "198.51.100.10" })).status).toBe(200);
    } finally {
      delete process.env.EVENTS_RATE_LIMIT_PER_IP;
      await other.$disconnect();
    }
  });
});

describe("rollups kept by ingestion", () => {
  it("events_daily equals a count of the stored events per day and type", async () => {
    const diff = await sql(`
      WITH r AS (SELECT day, event_type, sum(events)::int AS n FROM events_daily GROUP BY 1, 2),
           b AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, event_type, count(*)::int AS n FROM analytics_events GROUP BY 1, 2)
      SELECT * FROM r FULL JOIN b USING (day, event_type) WHERE r.n IS DISTINCT FROM b.n`);
    expect(diff).toEqual([]);
    const ids = await sql<{ a: string; b: string }>(`SELECT (SELECT count(*) FROM event_ids) AS a, (SELECT count(*) FROM analytics_events) AS b`);
    expect(ids[0].a).toBe(ids[0].b);
  });
});
