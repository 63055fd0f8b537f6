// The Segment-compatible intake with the real @segment/analytics-node SDK
// pointed at `next start` over HTTP (its host and path options), a loopback
// proxy that loses the app's first answer so the SDK retries a batch the app
// already stored, bad and revoked write keys, the rate-limit headers of
// POST /api/v1/events, and the write keys page in Chromium (390 px, keyboard).
// Expected rows are read back with SQL over the events table.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Analytics } from "@segment/analytics-node";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, tokenFor } from "../helpers/http";

const PATH = "/api/v1/events/segment/v1/batch";
let pool: pg.Pool;
let admin: string;
let uploaderId: string;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  admin = await tokenFor("admin@example.com");
  uploaderId = (await pool.query(`SELECT id::text FROM users WHERE email = 'uploader@example.com'`)).rows[0].id;
});
afterAll(() => pool?.end());

async function newKey(name: string): Promise<{ id: string; key: string }> {
  const r = await api("/api/v1/admin/event-keys", { method: "POST", token: admin, json: { name } });
  expect(r.status).toBe(201);
  expect(Object.keys(r.json)).toEqual(expect.arrayContaining(["id", "name", "key"]));
  return r.json;
}

/** An SDK client as an integrator would configure it, recording the HTTP statuses it got. */
function sdk(writeKey: string, host = baseURL()) {
  const analytics = new Analytics({ writeKey, host, path: PATH, flushAt: 20, maxRetries: 3 });
  const statuses: number[] = [];
  const bodies: string[] = [];
  analytics.on("http_request", (r) => bodies.push(r.body));
  analytics.on("http_response", (r) => statuses.push(r.status));
  return { analytics, statuses, bodies };
}

type Row = { id: string; event_type: string; user_id: string | null; anonymous_id: string | null; event_data: Record<string, unknown>; page_url: string | null; referrer: string | null };
const rowsOf = async (anonymousId: string): Promise<Row[]> =>
  (await pool.query(`SELECT id::text, event_type, user_id::text, anonymous_id, event_data, page_url, referrer FROM analytics_events WHERE anonymous_id = $1 ORDER BY event_type`, [anonymousId])).rows;

describe("the real Segment SDK against the app", () => {
  it("track, page and identify land once, with our names and properties, and identify links the anonymous id", async () => {
    const { key } = await newKey("sdk e2e");
    const { analytics, statuses } = sdk(key);
    const anonymousId = `sdk-${crypto.randomUUID()}`;
    analytics.page({ anonymousId, name: "Pricing", properties: { url: `${baseURL()}/pricing?plan=pro`, path: "/pricing", referrer: "https://www.google.com/", title: "Pricing" } });
    analytics.track({ anonymousId, event: "Plan Selected", properties: { plan: "pro", seats: 3 } });
    analytics.identify({ userId: uploaderId, anonymousId, traits: { plan: "pro" } });
    analytics.track({ userId: uploaderId, anonymousId, event: "payment_completed", properties: { amount: 49.99, method: "card" } });
    await analytics.closeAndFlush({ timeout: 30_000 });
    expect(statuses).toEqual([200]);

    const rows = await rowsOf(anonymousId);
    expect(rows.map((r) => r.event_type)).toEqual(["identify", "page_view", "payment_completed", "plan_selected"]);
    const by = Object.fromEntries(rows.map((r) => [r.event_type, r]));
    expect(by.page_view).toMatchObject({ page_url: `${baseURL()}/pricing?plan=pro`, referrer: "https://www.google.com/" });
    expect(by.page_view.event_data).toMatchObject({ url: `${baseURL()}/pricing?plan=pro`, path: "/pricing", title: "Pricing", name: "Pricing" });
    expect(by.plan_selected.event_data).toEqual({ plan: "pro", seats: 3 });
    expect(by.payment_completed.event_data).toEqual({ amount: 49.99, method: "card" });
    expect(by.identify.event_data).toEqual({ plan: "pro" });
    // identify linked the browser's anonymous id: its earlier page and track now belong to the user
    expect(rows.map((r) => r.user_id)).toEqual(Array(4).fill(uploaderId));
    expect((await pool.query(`SELECT user_id::text FROM event_identities WHERE anonymous_id = $1`, [anonymousId])).rows).toEqual([{ user_id: uploaderId }]);
    // the key's last use shows on the list
    const list = await api("/api/v1/admin/event-keys", { token: admin });
    expect(list.json.keys.find((k: { name: string }) => k.name === "sdk e2e").last_used_at).toBeTruthy();
  });

  it("a batch the app stored but whose answer was lost is retried by the SDK and stored once", async () => {
    const { key } = await newKey("sdk retry");
    // Loopback proxy: forwards every request to the app; the first answer is replaced by a 503.
    const answers: { status: number; body: string }[] = [];
    const proxy = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const upstream = await fetch(baseURL() + req.url, {
        method: req.method,
        headers: { "content-type": String(req.headers["content-type"]), authorization: String(req.headers.authorization), "user-agent": String(req.headers["user-agent"]) },
        body: Buffer.concat(chunks),
      });
      const body = await upstream.text();
      answers.push({ status: upstream.status, body });
      if (answers.length === 1) res.writeHead(503).end("lost on the way back");
      else res.writeHead(upstream.status, { "content-type": "application/json" }).end(body);
    });
    await new Promise<void>((ok) => proxy.listen(0, "127.0.0.1", ok));
    try {
      const { analytics, statuses, bodies } = sdk(key, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
      const anonymousId = `sdk-retry-${crypto.randomUUID()}`;
      for (let i = 0; i < 5; i++) analytics.track({ anonymousId, event: "Retried Call", properties: { i } });
      await analytics.closeAndFlush({ timeout: 30_000 });
      expect(statuses).toEqual([503, 200]);
      // the SDK sent the same calls twice (same messageIds)
      const ids = bodies.map((b) => JSON.parse(b).batch.map((e: { messageId: string }) => e.messageId));
      expect(ids).toHaveLength(2);
      expect(ids[1]).toEqual(ids[0]);
      expect(answers.map((a) => JSON.parse(a.body))).toEqual([
        { success: true, accepted: 5, duplicates: 0, rejected: [] },
        { success: true, accepted: 0, duplicates: 5, rejected: [] },
      ]);
      const rows = await rowsOf(anonymousId);
      expect(rows).toHaveLength(5);
      expect(rows.map((r) => r.event_data.i).sort()).toEqual([0, 1, 2, 3, 4]);
      // and sending the same batch body once more by hand stores nothing new
      const again = await fetch(baseURL() + PATH, { method: "POST", headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` }, body: bodies[0] });
      expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 5 });
      expect(await rowsOf(anonymousId)).toHaveLength(5);
    } finally {
      await new Promise((ok) => proxy.close(ok));
    }
  });

  it("a bad write key and a revoked one get 401 (the SDK does not retry) and store nothing", async () => {
    const bad = sdk("wk_" + "n".repeat(32));
    const anonymousId = `sdk-bad-${crypto.randomUUID()}`;
    bad.analytics.track({ anonymousId, event: "Refused Call" });
    await bad.analytics.closeAndFlush({ timeout: 30_000 });
    expect(bad.statuses).toEqual([401]);

    const { id, key } = await newKey("sdk revoked");
    expect((await api(`/api/v1/admin/event-keys/${id}`, { method: "DELETE", token: admin })).status).toBe(200);
    const revoked = sdk(key);
    revoked.analytics.track({ anonymousId, event: "Refused Call" });
    await revoked.analytics.closeAndFlush({ timeout: 30_000 });
    expect(revoked.statuses).toEqual([401]);
    expect(await rowsOf(anonymousId)).toEqual([]);
  });
});

describe("rate-limit headers on the event intake", () => {
  it("POST /api/v1/events and the Segment routes answer X-RateLimit-Limit/Remaining/Reset", async () => {
    const before = Math.floor(Date.now() / 1000);
    const r = await api("/api/v1/events", { method: "POST", json: { event: "page_view", event_id: crypto.randomUUID(), properties: { url: "/rl-headers" }, anonymous_id: "e2e-rl" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-ratelimit-limit")).toBe("600"); // EVENTS_RATE_LIMIT_PER_IP's default
    const remaining = Number(r.headers.get("x-ratelimit-remaining"));
    expect(remaining).toBeGreaterThanOrEqual(0);
    expect(remaining).toBeLessThan(600);
    const reset = Number(r.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThan(before);
    expect(reset).toBeLessThanOrEqual(before + 61);
    const next = await api("/api/v1/events", { method: "POST", json: { batch: [] } });
    // one more request in the same window counts down by one (e2e files run one at a time)
    if (Number(next.headers.get("x-ratelimit-reset")) === reset) expect(Number(next.headers.get("x-ratelimit-remaining"))).toBe(remaining - 1);
    const { key } = await newKey("headers");
    const seg = await api("/api/v1/events/segment/v1/track", { method: "POST", json: { anonymousId: "e2e-rl", event: "Header Check" }, headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` } });
    expect(seg.status).toBe(200);
    expect(seg.json).toMatchObject({ success: true, accepted: 1 });
    expect(seg.headers.get("x-ratelimit-limit")).toBe("12000"); // per write key
    expect(seg.headers.get("x-ratelimit-remaining")).toBe("11999");
  });
});

describe.skipIf(!browserAvailable)("write keys page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("at 390 px with the keyboard: create a key (shown once, with the SDK snippet), it works, revoke it", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signInPage(page, "admin@example.com");
    // reachable from the events page
    await page.goto(baseURL() + "/admin/events");
    await page.getByRole("link", { name: "Write keys" }).last().click();
    await page.waitForURL(baseURL() + "/admin/events/keys");
    await page.getByRole("heading", { name: "Event write keys" }).waitFor();

    // keyboard only: focus the name field, type, Enter submits
    const name = `page key ${crypto.randomUUID().slice(0, 8)}`;
    await page.getByLabel("Key name").focus();
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    const shown = page.getByTestId("new-key-value");
    await shown.waitFor();
    const key = (await shown.textContent())!;
    expect(key).toMatch(/^wk_[A-Za-z0-9_-]{20,}$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("new-key-value");
    const snippet = (await page.getByTestId("segment-snippet").textContent())!;
    expect(snippet).toContain(`writeKey: "${key}"`);
    expect(snippet).toContain(`host: "${baseURL()}"`);
    expect(snippet).toContain(`path: "${PATH}"`);
    await page.getByRole("button", { name: "Copy key" }).waitFor();
    const row = page.getByTestId("event-key-row").filter({ hasText: name });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId("event-key-status").textContent()).toBe("active");
    expect(await row.textContent()).toContain("never");
    // nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // the key works, and is never shown again
    const sent = await api(PATH, { method: "POST", json: { batch: [{ type: "track", anonymousId: "page-key", event: "From Page Key" }] }, headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` } });
    expect(sent.json).toMatchObject({ accepted: 1 });
    await page.reload();
    await expect.poll(() => row.count()).toBe(1);
    expect(await page.content()).not.toContain(key);
    expect(await row.textContent()).not.toContain("never"); // last used

    // revoke with the keyboard: the button, then the confirmation (which takes focus)
    await row.getByRole("button", { name: `Revoke ${name}` }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain("for good");
    await page.keyboard.press("Enter");
    await expect.poll(() => row.getByTestId("event-key-status").textContent()).toMatch(/^revoked/);
    const refused = await api(PATH, { method: "POST", json: { batch: [{ type: "track", anonymousId: "page-key", event: "From Page Key" }] }, headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` } });
    expect(refused.status).toBe(401);
    const stored = await pool.query(`SELECT count(*)::int AS n FROM analytics_events WHERE anonymous_id = 'page-key' AND event_type = 'from_page_key'`);
    expect(stored.rows[0].n).toBe(1);
    await context.close();
  });
});
