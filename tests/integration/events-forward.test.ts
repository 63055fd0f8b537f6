// Forwarding to Mixpanel and Amplitude against a local node:http receiver that
// speaks their formats (Mixpanel /import: a JSON array, $insert_id; Amplitude
// /batch: {api_key, events}, insert_id): batches within the limits, retries
// with backoff on 429/5xx, the delivery log, and the queue as the cursor —
// after a failed or interrupted send, and with two runners at once, every
// event arrives, none twice (counted by insert id).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { forwardEvents, forwardingHealth } from "@/lib/events/forward";
import { writeEvents, type StoredEvent } from "@/lib/events/write";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
let server: http.Server;
let env: Record<string, string>;

type Received = { path: string; auth?: string; count: number; bytes: number; ids: string[] };
const received: Received[] = [];
/** Status codes to answer next, per path (then 200). */
const script: Record<string, (number | "hang")[]> = { "/import": [], "/batch": [] };

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await tdb.pool.query(text, params)).rows as T[];
}

function event(i: number, type = "page_view"): StoredEvent {
  return {
    id: crypto.randomUUID(), eventType: type, data: type === "page_view" ? { url: `/p/${i}`, referrer: null } : { query: `q${i}` },
    createdAt: new Date(Date.now() - i * 1000), userId: null, anonymousId: `anon-${i % 7}`, sessionId: `s-${i % 11}`,
    pageUrl: `/p/${i}`, referrer: null, userAgent: "UA", ip: "203.0.113.0",
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 4);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0];
      const next = script[path]?.shift();
      if (next === "hang") return; // never answers: the sender times out
      const body = Buffer.concat(chunks);
      if (next && next !== 200) {
        res.writeHead(next, next === 429 ? { "retry-after": "0" } : {});
        return res.end(JSON.stringify({ error: "scripted failure" }));
      }
      const json = JSON.parse(body.toString("utf8"));
      let ids: string[];
      if (path === "/import") {
        // Mixpanel import: an array of {event, properties: {time, distinct_id, $insert_id, token}}
        expect(Array.isArray(json)).toBe(true);
        for (const e of json) expect(e.properties).toMatchObject({ token: "mp-token", time: expect.any(Number), distinct_id: expect.any(String) });
        ids = json.map((e: { properties: { $insert_id: string } }) => e.properties.$insert_id);
      } else {
        // Amplitude batch: {api_key, events: [{event_type, device_id|user_id, time, insert_id}]}
        expect(json.api_key).toBe("amp-key");
        for (const e of json.events) expect(e).toMatchObject({ event_type: expect.any(String), device_id: expect.any(String), time: expect.any(Number) });
        ids = json.events.map((e: { insert_id: string }) => e.insert_id);
      }
      received.push({ path, auth: req.headers.authorization, count: ids.length, bytes: body.length, ids });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(path === "/import" ? { code: 200, num_records_imported: ids.length, status: "OK" } : { code: 200, events_ingested: ids.length }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  env = { MIXPANEL_TOKEN: "mp-token", MIXPANEL_API_URL: base, AMPLITUDE_API_KEY: "amp-key", AMPLITUDE_API_URL: base };
});
afterAll(async () => {
  server?.close();
  await db?.$disconnect();
  await tdb?.drop();
});
beforeEach(async () => {
  received.length = 0;
  script["/import"] = [];
  script["/batch"] = [];
  await sql(`DELETE FROM event_forward_queue; DELETE FROM event_forward_state; DELETE FROM event_forward_log`);
});

const idsAt = (path: string) => received.filter((r) => r.path === path).flatMap((r) => r.ids);

describe("forwarding", () => {
  it("sends every stored event once to each provider in batches of at most 2,000, with our event_id as the insert id", async () => {
    const events = Array.from({ length: 4500 }, (_, i) => event(i));
    await writeEvents(db, events, ["mixpanel", "amplitude"]);
    const runs = await forwardEvents(db, { env, baseBackoffMs: 10 });
    expect(runs.map((r) => [r.provider, r.sent, r.batches])).toEqual([["mixpanel", 4500, 3], ["amplitude", 4500, 3]]);
    for (const path of ["/import", "/batch"]) {
      const batches = received.filter((r) => r.path === path);
      expect(batches.map((b) => b.count)).toEqual([2000, 2000, 500]);
      expect(Math.max(...batches.map((b) => b.bytes))).toBeLessThanOrEqual(10 * 1024 * 1024);
      expect(new Set(idsAt(path))).toEqual(new Set(events.map((e) => e.id)));
      expect(idsAt(path).length).toBe(4500);
    }
    // Mixpanel import authenticates with the project secret (here the token) as the Basic user
    expect(received.find((r) => r.path === "/import")!.auth).toBe(`Basic ${Buffer.from("mp-token:").toString("base64")}`);
    const log = await sql<{ provider: string; status: string; events: number }>(`SELECT provider, status, events FROM event_forward_log ORDER BY id`);
    expect(log.filter((l) => l.status === "sent").map((l) => l.events)).toEqual([2000, 2000, 500, 2000, 2000, 500]);
    expect((await sql(`SELECT 1 FROM event_forward_queue`)).length).toBe(0);
    // a run with nothing queued sends nothing
    received.length = 0;
    expect((await forwardEvents(db, { env })).every((r) => r.status === "idle")).toBe(true);
    expect(received).toEqual([]);
  });

  it("retries 429 and 5xx with backoff, logs each attempt, and delivers each event once", async () => {
    const events = Array.from({ length: 300 }, (_, i) => event(i));
    await writeEvents(db, events, ["mixpanel"]);
    script["/import"] = [503, 429, 200];
    const t0 = Date.now();
    const [run] = await forwardEvents(db, { env: { MIXPANEL_TOKEN: env.MIXPANEL_TOKEN, MIXPANEL_API_URL: env.MIXPANEL_API_URL }, baseBackoffMs: 50 });
    expect(run).toMatchObject({ provider: "mixpanel", sent: 300 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50 + 100); // 50 ms then 100 ms backoff
    const log = await sql<{ status: string; attempt: number; http_status: number }>(`SELECT status, attempt, http_status FROM event_forward_log ORDER BY id`);
    expect(log).toEqual([
      { status: "retrying", attempt: 1, http_status: 503 },
      { status: "retrying", attempt: 2, http_status: 429 },
      { status: "sent", attempt: 3, http_status: 200 },
    ]);
    expect(idsAt("/import").length).toBe(300);
    expect(new Set(idsAt("/import")).size).toBe(300);
    const [state] = await sql<{ failures: number }>(`SELECT failures FROM event_forward_state WHERE provider = 'mixpanel'`);
    expect(state.failures).toBe(0);
  });

  it("a long backoff is left to a later run, and the health view shows the backlog meanwhile", async () => {
    await writeEvents(db, Array.from({ length: 10 }, (_, i) => event(i)), ["amplitude"]);
    script["/batch"] = [500];
    const ampEnv = { AMPLITUDE_API_KEY: env.AMPLITUDE_API_KEY, AMPLITUDE_API_URL: env.AMPLITUDE_API_URL };
    const [first] = await forwardEvents(db, { env: ampEnv, baseBackoffMs: 60_000 });
    expect(first.status).toBe("retrying");
    const health = (await forwardingHealth(db, new Date(), ampEnv)).find((h) => h.provider === "amplitude")!;
    expect(health).toMatchObject({ configured: true, backlog: 10, consecutive_failures: 1, retrying_batches_24h: 1 });
    expect(health.oldest_unsent_at).not.toBeNull();
    // while backing off nothing is sent
    expect((await forwardEvents(db, { env: ampEnv }))[0].status).toBe("backing_off");
    await sql(`UPDATE event_forward_state SET next_attempt_at = now() - interval '1 second'`);
    const [later] = await forwardEvents(db, { env: ampEnv });
    expect(later.sent).toBe(10);
    expect(idsAt("/batch").length).toBe(10);
    expect((await forwardingHealth(db, new Date(), ampEnv)).find((h) => h.provider === "amplitude")).toMatchObject({ backlog: 0, consecutive_failures: 0 });
  });

  it("an interrupted send (timeout, as after a crash) leaves its batch queued; the next run sends it", async () => {
    const events = Array.from({ length: 50 }, (_, i) => event(i));
    await writeEvents(db, events, ["mixpanel"]);
    script["/import"] = ["hang"];
    const mpEnv = { MIXPANEL_TOKEN: env.MIXPANEL_TOKEN, MIXPANEL_API_URL: env.MIXPANEL_API_URL };
    const [run] = await forwardEvents(db, { env: mpEnv, timeoutMs: 300, maxWaitInRunMs: 0 });
    expect(run.status).toBe("retrying");
    expect((await sql(`SELECT 1 FROM event_forward_queue`)).length).toBe(50);
    await sql(`UPDATE event_forward_state SET next_attempt_at = NULL`);
    await forwardEvents(db, { env: mpEnv });
    expect(new Set(idsAt("/import"))).toEqual(new Set(events.map((e) => e.id)));
    expect(idsAt("/import").length).toBe(50);
  });

  it("two runners at once, while events keep arriving, send each event exactly once", async () => {
    const mpEnv = { MIXPANEL_TOKEN: env.MIXPANEL_TOKEN, MIXPANEL_API_URL: env.MIXPANEL_API_URL };
    const all: string[] = [];
    const writer = (async () => {
      for (let k = 0; k < 10; k++) {
        const batch = Array.from({ length: 500 }, (_, i) => event(k * 500 + i));
        all.push(...batch.map((e) => e.id));
        await writeEvents(db, batch, ["mixpanel"]);
      }
    })();
    const other = createPrisma(tdb.url, 2);
    try {
      for (let round = 0; round < 20 && (round < 2 || (await sql(`SELECT 1 FROM event_forward_queue LIMIT 1`)).length); round++) {
        await Promise.all([forwardEvents(db, { env: mpEnv, maxBatches: 2 }), forwardEvents(other, { env: mpEnv, maxBatches: 2 })]);
      }
      await writer;
      await forwardEvents(db, { env: mpEnv });
    } finally {
      await other.$disconnect();
    }
    const got = idsAt("/import");
    expect(got.length).toBe(5000);
    expect(new Set(got)).toEqual(new Set(all));
    expect(Math.max(...received.map((r) => r.count))).toBeLessThanOrEqual(2000);
  });

  it("a batch refused for good (400) is logged as failed and not retried for ever", async () => {
    await writeEvents(db, Array.from({ length: 5 }, (_, i) => event(i)), ["mixpanel"]);
    script["/import"] = [400];
    const [run] = await forwardEvents(db, { env: { MIXPANEL_TOKEN: env.MIXPANEL_TOKEN, MIXPANEL_API_URL: env.MIXPANEL_API_URL } });
    expect(run.status).toBe("failed");
    const log = await sql<{ status: string; events: number; http_status: number }>(`SELECT status, events, http_status FROM event_forward_log`);
    expect(log).toEqual([{ status: "failed", events: 5, http_status: 400 }]);
    const health = await forwardingHealth(db, new Date(), { MIXPANEL_TOKEN: "x" });
    expect(health.find((h) => h.provider === "mixpanel")).toMatchObject({ backlog: 0, failed_batches_24h: 1 });
  });
});
