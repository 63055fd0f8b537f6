// Webhook delivery against real PostgreSQL and a local receiver (node:http on
// loopback): the signature checked by an independent implementation of the
// scheme (WebCrypto) and by the README's verify snippet, retries with backoff
// (time driven through the job's `now`), the attempt log, giving up, replay,
// auto-disable after 24 h with the owner's email, two job runs at once (two
// clients, as two instances) sending each delivery once, and the health queue.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inngestFunctionFor } from "@/inngest/functions/from-job";
import { createPrisma, type Db } from "@/lib/db";
import { deliverWebhooksJob, JOBS } from "@/lib/jobs/definitions";
import { queueStats } from "@/lib/health/queues";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { emitWebhookEvent } from "@/lib/webhooks/emit";
import { createWebhook, listDeliveries, replayDelivery, updateWebhook } from "@/lib/webhooks/endpoints";
import { createWebhookBody } from "@/lib/validation/webhooks";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
let db2: Db;
let server: http.Server;
let base: string;
let owner: string;

type Hit = { path: string; headers: http.IncomingHttpHeaders; raw: string; at: number };
let hits: Hit[] = [];
/** What each path answers next (then 200 "ok"); "hang" never answers; "big" answers 5,000 bytes. */
const script: Record<string, (number | "hang" | "big")[]> = {};
let delayMs = 0;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await tdb.pool.query(text, params)).rows as T[];
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 6);
  db2 = createPrisma(tdb.url, 6);
  [{ id: owner }] = await sql<{ id: string }>(`INSERT INTO users (role, email, name, password_hash) VALUES ('admin', 'hook-owner@example.com', 'Owner', 'x') RETURNING id`);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const p = (req.url ?? "").split("?")[0];
      hits.push({ path: p, headers: req.headers, raw: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const next = script[p]?.shift() ?? (p.startsWith("/fail") ? 500 : 200);
      if (next === "hang") return;
      if (next === "big") return void res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(5000));
      res.writeHead(next, { "content-type": "application/json" }).end(JSON.stringify({ answered: next, path: p }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  // replay asks for a background run (in this process): let it finish first
  await idle();
  server?.close();
  await db?.$disconnect();
  await db2?.$disconnect();
  await tdb?.drop();
});
beforeEach(async () => {
  await idle();
  await sql(`DELETE FROM webhook_endpoints; DELETE FROM outbox_emails`);
  hits = [];
  delayMs = 0;
  for (const k of Object.keys(script)) delete script[k];
});

/** Waits until no deliver-webhooks run of this process is running. */
async function idle() {
  for (let i = 0; i < 300; i++) {
    const [{ n }] = await sql<{ n: string }>(`SELECT count(*) AS n FROM job_runs WHERE job = 'deliver-webhooks' AND status = 'running'`);
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("a deliver-webhooks run is still running after 30 s");
}

const endpoint = async (p: string, events = ["report_run.completed"]) => createWebhook(db, createWebhookBody.parse({ url: `${base}${p}`, events }), owner);
const at = (t0: Date, minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const attempts = (deliveryId: string) =>
  sql<{ attempt: number; succeeded: boolean; status_code: number | null; latency_ms: number | null; response_excerpt: string | null; error: string | null; at: Date }>(
    `SELECT attempt, succeeded, status_code, latency_ms, response_excerpt, error, at FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt, id`, [deliveryId]);
const delivery = async (eventId: string) => (await sql<{ id: string; status: string; attempt_count: number; next_attempt_at: Date | null }>(
  `SELECT id::text, status, attempt_count, next_attempt_at FROM webhook_deliveries WHERE event_id = $1`, [eventId]))[0];

/** The scheme written again, independently of lib/webhooks: WebCrypto's HMAC over "<t>.<raw body>". */
async function independentlyVerified(raw: string, header: string, secret: string): Promise<boolean> {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  if (Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const enc = new TextEncoder();
  const key = await globalThis.crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return globalThis.crypto.subtle.verify("HMAC", key, Buffer.from(m[2], "hex"), enc.encode(`${m[1]}.${raw}`));
}

/** The README's verify snippet, loaded from the README itself. */
async function readmeVerify(): Promise<(raw: string, header: string, secret: string) => boolean> {
  const readme = fs.readFileSync("README.md", "utf8");
  // the one ```js block that holds verifyWebhook (the match never crosses a fence: other js blocks come before it)
  const block = /```js\n((?:(?!```)[\s\S])*export function verifyWebhook(?:(?!```)[\s\S])*)```/.exec(readme);
  expect(block, "README has the verify snippet").not.toBeNull();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verify-")), "verify.mjs");
  fs.writeFileSync(file, block![1]);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)).verifyWebhook;
}

describe("emitting", () => {
  it("queues one delivery per enabled endpoint subscribed to the type, and nothing is sent until the job runs", async () => {
    const a = await endpoint("/a", ["report_run.completed", "alert.firing"]);
    await endpoint("/b", ["alert.firing"]);
    const c = await endpoint("/c", ["report_run.completed"]);
    await updateWebhook(db, c.webhook.id, { enabled: false }, { email: "x@example.com" });
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "run-1", status: "completed", at: new Date("2026-11-20T10:00:00Z") });
    expect(e.deliveries).toBe(1);
    const rows = await sql<{ endpoint_id: string; event_type: string; payload: unknown; status: string }>(`SELECT endpoint_id::text, event_type, payload, status FROM webhook_deliveries`);
    expect(rows).toEqual([{ endpoint_id: a.webhook.id, event_type: "report_run.completed", payload: { id: "run-1", status: "completed", at: "2026-11-20T10:00:00.000Z" }, status: "pending" }]);
    expect(hits).toHaveLength(0);
  });

  it("shows the secret once and keeps it encrypted", async () => {
    const a = await endpoint("/a");
    expect(a.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const [row] = await sql<{ secret_encrypted: string; secret_prefix: string }>(`SELECT secret_encrypted, secret_prefix FROM webhook_endpoints`);
    expect(row.secret_encrypted).not.toContain(a.secret.slice(6));
    expect(a.secret.startsWith(row.secret_prefix)).toBe(true);
    expect(JSON.stringify(a.webhook)).not.toContain(a.secret);
  });
});

describe("delivering", () => {
  it("signs the body so that an independent implementation and the README snippet verify it", async () => {
    const { secret } = await endpoint("/ok");
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "r1", amount: "12.50", name: "Zoë ✓" });
    expect(await deliverWebhooks(db)).toMatchObject({ sent: 1, succeeded: 1 });
    expect(hits).toHaveLength(1);
    const h = hits[0];
    expect(h.headers["content-type"]).toBe("application/json");
    expect(h.headers["webhook-id"]).toBe(e.event_id);
    const body = JSON.parse(h.raw);
    expect(Object.keys(body)).toEqual(["id", "type", "created_at", "data"]);
    expect(body).toMatchObject({ id: e.event_id, type: "report_run.completed", data: { id: "r1", amount: "12.50", name: "Zoë ✓" } });
    expect(new Date(body.created_at).toISOString()).toBe(body.created_at);
    const sig = String(h.headers["webhook-signature"]);
    expect(await independentlyVerified(h.raw, sig, secret)).toBe(true);
    const verify = await readmeVerify();
    expect(verify(h.raw, sig, secret)).toBe(true);
    // a changed body, another secret or an old timestamp do not verify
    expect(await independentlyVerified(h.raw.replace("12.50", "99.50"), sig, secret)).toBe(false);
    expect(verify(h.raw.replace("12.50", "99.50"), sig, secret)).toBe(false);
    expect(await independentlyVerified(h.raw, sig, secret.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBe(false);
    const old = sig.replace(/^t=\d+/, `t=${Math.floor(Date.now() / 1000) - 301}`);
    expect(verify(h.raw, old, secret)).toBe(false);
  });

  it("retries a receiver that fails twice, with backoff, and logs all three attempts", async () => {
    const { secret } = await endpoint("/flaky");
    script["/flaky"] = [500, 503, 200];
    const t0 = new Date();
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "r2" }, { now: t0 });
    expect(await deliverWebhooks(db, { now: t0 })).toMatchObject({ sent: 1, retrying: 1 });
    let d = await delivery(e.event_id);
    expect(d).toMatchObject({ status: "retrying", attempt_count: 1 });
    expect(d.next_attempt_at!.getTime()).toBe(at(t0, 1).getTime()); // 1 minute
    const [ep] = await sql<{ failing_since: Date }>(`SELECT failing_since FROM webhook_endpoints`);
    expect(ep.failing_since.getTime()).toBe(t0.getTime());
    // not due yet: nothing is sent
    expect(await deliverWebhooks(db, { now: at(t0, 0.5) })).toMatchObject({ sent: 0 });
    expect(await deliverWebhooks(db, { now: at(t0, 1) })).toMatchObject({ sent: 1, retrying: 1 });
    d = await delivery(e.event_id);
    expect(d.next_attempt_at!.getTime()).toBe(at(t0, 6).getTime()); // then 5 minutes
    expect(await deliverWebhooks(db, { now: at(t0, 5.9) })).toMatchObject({ sent: 0 });
    expect(await deliverWebhooks(db, { now: at(t0, 6) })).toMatchObject({ sent: 1, succeeded: 1 });
    expect(await delivery(e.event_id)).toMatchObject({ status: "succeeded", attempt_count: 3, next_attempt_at: null });
    const log = await attempts(d.id);
    expect(log.map((a) => [a.attempt, a.succeeded, a.status_code])).toEqual([[1, false, 500], [2, false, 503], [3, true, 200]]);
    expect(log.map((a) => a.at.getTime())).toEqual([t0.getTime(), at(t0, 1).getTime(), at(t0, 6).getTime()]);
    expect(log.map((a) => a.error)).toEqual(["HTTP 500", "HTTP 503", null]);
    expect(log[2].response_excerpt).toBe(JSON.stringify({ answered: 200, path: "/flaky" }));
    for (const a of log) expect(a.latency_ms).toBeGreaterThanOrEqual(0);
    // the same event id every time, each attempt signed afresh
    expect(hits.map((h) => h.headers["webhook-id"])).toEqual([e.event_id, e.event_id, e.event_id]);
    for (const h of hits) expect(await independentlyVerified(h.raw, String(h.headers["webhook-signature"]), secret)).toBe(true);
    // a success ends the endpoint's failing streak
    expect((await sql(`SELECT failing_since FROM webhook_endpoints`))[0].failing_since).toBeNull();
    // the API's view of it: newest first, with its attempts
    const list = await listDeliveries(db, (await sql<{ id: string }>(`SELECT id::text FROM webhook_endpoints`))[0].id, { page: 1, per_page: 10 });
    expect(list).toMatchObject({ page: 1, per_page: 10, has_more: false, total: 1 });
    expect(list.deliveries[0]).toMatchObject({ id: d.id, event_id: e.event_id, status: "succeeded", attempt_count: 3, next_attempt_at: null });
    expect(list.deliveries[0].attempts.map((a) => a.status_code)).toEqual([500, 503, 200]);
  });

  it("gives up after the last retry (1 m, 5 m, 30 m, 2 h, 6 h, 12 h: seven attempts)", async () => {
    await endpoint("/fail-always");
    const t0 = new Date();
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "r3" }, { now: t0 });
    const waits = [0, 1, 5, 30, 120, 360, 720];
    let t = 0;
    for (const [i, w] of waits.entries()) {
      t += w;
      const r = await deliverWebhooks(db, { now: at(t0, t) });
      expect(r, `attempt ${i + 1}`).toMatchObject({ sent: 1, [i === waits.length - 1 ? "failed" : "retrying"]: 1 });
    }
    expect(t / 60).toBeCloseTo(20.6, 1); // within the day
    expect(await delivery(e.event_id)).toMatchObject({ status: "failed", attempt_count: 7, next_attempt_at: null });
    expect(await deliverWebhooks(db, { now: at(t0, t + 720) })).toMatchObject({ sent: 0 });
    expect(hits).toHaveLength(7);
  });

  it("keeps 1 KB of a long answer, and times out a receiver that does not answer", async () => {
    await endpoint("/big");
    script["/big"] = ["big"];
    const e1 = await emitWebhookEvent(db, "report_run.completed", { id: "r4" });
    await deliverWebhooks(db);
    const [big] = await attempts((await delivery(e1.event_id)).id);
    expect(big.response_excerpt).toBe("x".repeat(1024));
    await sql(`DELETE FROM webhook_endpoints`);
    await endpoint("/hang");
    script["/hang"] = ["hang"];
    const e2 = await emitWebhookEvent(db, "report_run.completed", { id: "r5" });
    expect(await deliverWebhooks(db, { timeoutMs: 300 })).toMatchObject({ retrying: 1 });
    const [hung] = await attempts((await delivery(e2.event_id)).id);
    expect(hung).toMatchObject({ succeeded: false, status_code: null, error: "timed out after 300 ms" });
    expect(hung.latency_ms).toBeGreaterThanOrEqual(290);
  });

  it("a connection refused is a logged failure", async () => {
    // a port nothing listens on: take a free one and close it
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    await createWebhook(db, createWebhookBody.parse({ url: `http://127.0.0.1:${port}/nothing-listens`, events: ["report_run.completed"] }), owner);
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "r6" });
    expect(await deliverWebhooks(db)).toMatchObject({ retrying: 1 });
    const [a] = await attempts((await delivery(e.event_id)).id);
    expect(a).toMatchObject({ succeeded: false, status_code: null, error: "ECONNREFUSED" });
  });

  it("two job runs at once (two clients, as two instances) send each delivery exactly once", async () => {
    await endpoint("/ok");
    delayMs = 40; // both runs are mid-send at the same time
    const t0 = new Date();
    const events = [];
    for (let i = 0; i < 24; i++) events.push(await emitWebhookEvent(db, "report_run.completed", { i }, { now: t0 }));
    const [r1, r2] = await Promise.all([deliverWebhooks(db, { now: t0, concurrency: 4 }), deliverWebhooks(db2, { now: t0, concurrency: 4 })]);
    expect(r1.sent + r2.sent).toBe(24);
    expect(r1.sent).toBeGreaterThan(0);
    expect(r2.sent).toBeGreaterThan(0);
    const ids = hits.map((h) => String(h.headers["webhook-id"]));
    expect(ids).toHaveLength(24);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.event_id)));
    const [{ n }] = await sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_delivery_attempts`);
    expect(Number(n)).toBe(24);
    expect((await sql(`SELECT DISTINCT status, attempt_count FROM webhook_deliveries`))).toEqual([{ status: "succeeded", attempt_count: 1 }]);
  });
});

describe("the deliver-webhooks job", () => {
  it("is a job of both drivers, every minute, and runs as an Inngest function (through @inngest/test)", async () => {
    expect(JOBS).toContain(deliverWebhooksJob);
    expect(deliverWebhooksJob.cron).toBe("* * * * *");
    await endpoint("/ok");
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "inngest" });
    const t = new InngestTestEngine({ function: inngestFunctionFor(deliverWebhooksJob, () => db), events: [{ name: "webhooks/deliver", data: {} }] });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ deliver: { sent: 1, succeeded: 1 } });
    expect(hits.map((h) => h.headers["webhook-id"])).toEqual([e.event_id]);
    expect(await db.jobRun.findFirst({ where: { job: "deliver-webhooks" }, orderBy: { startedAt: "desc" } })).toMatchObject({ driver: "inngest", status: "completed" });
  });
});

describe("replay", () => {
  it("makes a delivered event due now with fresh retries; the job sends it once more", async () => {
    const ep = await endpoint("/ok");
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "r7" });
    await deliverWebhooks(db);
    const d = await delivery(e.event_id);
    expect(d.status).toBe("succeeded");
    const r = await replayDelivery(db, ep.webhook.id, d.id);
    expect(r.delivery).toMatchObject({ id: d.id, status: "pending" });
    // replay asked for a run in the background; another run now may race it: one of them sends it
    await deliverWebhooks(db);
    await expect.poll(async () => (await attempts(d.id)).length, { timeout: 20_000 }).toBe(2);
    await idle();
    expect(await attempts(d.id)).toHaveLength(2);
    expect(await delivery(e.event_id)).toMatchObject({ status: "succeeded", attempt_count: 2 });
    expect(hits.map((h) => h.headers["webhook-id"])).toEqual([e.event_id, e.event_id]);
  });

  it("is refused for a disabled endpoint, an unknown delivery, or another endpoint's delivery", async () => {
    const a = await endpoint("/a");
    const b = await endpoint("/b");
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "r8" });
    const [da, db_] = await sql<{ id: string; endpoint_id: string }>(`SELECT id::text, endpoint_id::text FROM webhook_deliveries ORDER BY endpoint_id = $1 DESC`, [a.webhook.id]);
    expect(da.endpoint_id).toBe(a.webhook.id);
    await expect(replayDelivery(db, a.webhook.id, db_.id)).rejects.toMatchObject({ status: 404 });
    await expect(replayDelivery(db, a.webhook.id, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 404 });
    await updateWebhook(db, b.webhook.id, { enabled: false }, { email: "x@example.com" });
    await expect(replayDelivery(db, b.webhook.id, db_.id)).rejects.toMatchObject({ status: 409, code: "endpoint_disabled" });
    expect(e.deliveries).toBe(2);
  });
});

describe("auto-disable", () => {
  it("disables an endpoint failing for 24 hours, fails what waits, emails its owner; enabling it starts afresh", async () => {
    const ep = await endpoint("/fail-down", ["report_run.completed", "alert.firing"]);
    const t0 = new Date();
    const e = await emitWebhookEvent(db, "report_run.completed", { id: "r9" }, { now: t0 });
    await deliverWebhooks(db, { now: t0 });
    // a later event fails too, and another stays waiting
    await emitWebhookEvent(db, "alert.firing", { id: "a1" }, { now: at(t0, 600) });
    await deliverWebhooks(db, { now: at(t0, 600) });
    // 23.5 h: still enabled (and still tried)
    expect(await deliverWebhooks(db, { now: at(t0, 23 * 60 + 30) })).toMatchObject({ disabled: 0, retrying: 2 });
    expect((await sql(`SELECT enabled FROM webhook_endpoints`))[0].enabled).toBe(true);
    const waiting = await emitWebhookEvent(db, "report_run.completed", { id: "r10" }, { now: at(t0, 23 * 60 + 45) });
    const sentBefore = hits.length;
    const r = await deliverWebhooks(db, { now: at(t0, 24 * 60) });
    expect(r).toMatchObject({ disabled: 1, sent: 0 });
    expect(hits.length).toBe(sentBefore); // nothing more is sent to it
    const [row] = await sql<{ enabled: boolean; disabled_reason: string; disabled_at: Date; failing_since: Date }>(`SELECT enabled, disabled_reason, disabled_at, failing_since FROM webhook_endpoints`);
    expect(row.enabled).toBe(false);
    expect(row.failing_since.getTime()).toBe(t0.getTime());
    expect(row.disabled_at.getTime()).toBe(at(t0, 24 * 60).getTime());
    expect(row.disabled_reason).toContain("failed for 24 hours");
    expect(await delivery(waiting.event_id)).toMatchObject({ status: "failed", attempt_count: 0 });
    expect((await delivery(e.event_id)).status).toBe("failed");
    const mail = await sql<{ to_address: string; subject: string; text: string; ref: string }>(`SELECT to_address, subject, text, ref FROM outbox_emails WHERE kind = 'webhook_disabled'`);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to_address: "hook-owner@example.com", ref: ep.webhook.id });
    expect(mail[0].subject).toBe(`Webhook endpoint disabled: ${base}/fail-down`);
    expect(mail[0].text).toContain(`/admin/webhooks?endpoint=${ep.webhook.id}`);
    // a second run does not disable or email again
    expect(await deliverWebhooks(db, { now: at(t0, 24 * 60 + 1) })).toMatchObject({ disabled: 0 });
    expect(await sql(`SELECT 1 FROM outbox_emails WHERE kind = 'webhook_disabled'`)).toHaveLength(1);
    // enabled again: no reason, no failing clock, new events are delivered
    const back = await updateWebhook(db, ep.webhook.id, { enabled: true }, { email: "x@example.com" });
    expect(back.webhook).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null, failing_since: null });
    expect((await emitWebhookEvent(db, "report_run.completed", { id: "r11" })).deliveries).toBe(1);
  });
});

describe("health queue", () => {
  it("counts waiting, in-flight, finished and failed deliveries", async () => {
    const ep = await endpoint("/ok");
    const now = new Date("2026-11-20T12:00:00Z");
    const ins = (status: string, next: string | null, claimed: string | null, last: string | null) =>
      sql(`INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, status, next_attempt_at, claimed_until, last_attempt_at)
           VALUES ($1, gen_random_uuid(), 'report_run.completed', '{}', $2, $3, $4, $5)`, [ep.webhook.id, status, next, claimed, last]);
    await ins("pending", "2026-11-20T11:50:00Z", null, null);
    await ins("retrying", "2026-11-20T12:30:00Z", null, "2026-11-20T11:30:00Z");
    await ins("retrying", "2026-11-20T11:59:00Z", "2026-11-20T12:04:00Z", "2026-11-20T11:40:00Z");
    await ins("succeeded", null, null, "2026-11-20T11:10:00Z");
    await ins("failed", null, null, "2026-11-20T11:20:00Z");
    await ins("succeeded", null, null, "2026-11-20T09:00:00Z");
    const q = await queueStats(db, new Date(now.getTime() - 3_600_000), now, now);
    // waiting: the pending one and the retry not yet due (the claimed one is in flight); oldest due: 11:50 → 600 s
    expect(q.find((x) => x.name === "webhooks")).toMatchObject({ available: true, pending: 2, processing: 1, oldest_wait_s: 600, finished: 2, failed: 1 });
  });
});
