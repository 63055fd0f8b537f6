// The API against its OpenAPI document, over real HTTP (next start): every
// operation is called with valid input as a role that may call it, and each
// answer (status and JSON body) is validated against the served document
// with Ajv (JSON Schema 2020-12) — so the document cannot drift from the
// handlers. A few errors (400/401/403/404) are checked the same way. Then a
// client generated from the served document (openapi-typescript + openapi-fetch)
// calls two endpoints with a bearer token.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import createClient from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserAvailable, launchBrowser } from "../helpers/browser";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

type Doc = Record<string, any>;
let doc: Doc;
let ajv: Ajv2020;
let pool: pg.Pool;
const tokens: Record<"admin" | "uploader" | "creator", string> = { admin: "", uploader: "", creator: "" };
/** "GET /api/v1/…/{id}" → statuses seen (each validated) */
const seen = new Map<string, Set<number>>();

const pointer = (...parts: string[]) => "#/" + parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
const deref = (obj: Doc): Doc => (obj?.$ref ? obj.$ref.slice(2).split("/").map((k: string) => k.replace(/~1/g, "/").replace(/~0/g, "~")).reduce((o: Doc, k: string) => o?.[k], doc) : obj);
const validators = new Map<string, ValidateFunction>();

/** Validates one answer against the document: the status is documented for the operation, the JSON body matches its schema. */
function check(method: string, template: string, r: { status: number; json: unknown; headers: Headers }) {
  const op = doc.paths[template]?.[method.toLowerCase()];
  expect(op, `${method} ${template} is documented`).toBeTruthy();
  const documented = op.responses[String(r.status)];
  expect(documented, `${method} ${template}: status ${r.status} is documented (${JSON.stringify(r.json)?.slice(0, 300)})`).toBeTruthy();
  const response = deref(documented);
  const type = (r.headers.get("content-type") ?? "").split(";")[0];
  if (response.content) {
    expect(Object.keys(response.content), `${method} ${template} ${r.status}: content type ${type}`).toContain(type);
  }
  if (type === "application/json" && response.content?.["application/json"]) {
    const ref = pointer("paths", template, method.toLowerCase(), "responses", String(r.status));
    const key = `${ref}`;
    let validate = validators.get(key);
    if (!validate) {
      const schemaRef = documented.$ref ? `openapi.json${documented.$ref}/content/application~1json/schema` : `openapi.json${ref}/content/application~1json/schema`;
      validate = ajv.compile({ $ref: schemaRef });
      validators.set(key, validate);
    }
    const ok = validate(r.json);
    expect(ok, `${method} ${template} ${r.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(r.json)?.slice(0, 500)}`).toBe(true);
  }
  if (response.headers?.["X-RateLimit-Limit"]) expect(r.headers.get("x-ratelimit-limit"), `${method} ${template}: X-RateLimit-Limit`).toBeTruthy();
  const k = `${method.toUpperCase()} ${template}`;
  if (!seen.has(k)) seen.set(k, new Set());
  seen.get(k)!.add(r.status);
}

type Call = { as?: keyof typeof tokens | "anonymous"; json?: unknown; headers?: Record<string, string>; cookie?: string };
/** Calls `method url` (the template with values filled in) and checks the answer; returns it. */
async function call(method: string, template: string, url: string, opts: Call = {}) {
  const token = opts.as === "anonymous" || opts.cookie ? undefined : tokens[opts.as ?? "admin"];
  const r = await api(url, { method, token, cookie: opts.cookie, json: opts.json, headers: opts.headers });
  check(method, template, r);
  return r;
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  const served = await api("/api/v1/openapi.json");
  expect(served.status).toBe(200);
  expect(served.headers.get("cache-control")).toContain("public");
  doc = served.json;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, "openapi.json");
  check("GET", "/api/v1/openapi.json", served);
  tokens.admin = await tokenFor("admin@example.com");
  tokens.uploader = await tokenFor("uploader@example.com");
  tokens.creator = await tokenFor("creator@example.com");
});
afterAll(() => pool?.end());

describe("every operation answers as documented", () => {
  it("authentication and tokens", async () => {
    const r = await call("POST", "/api/v1/auth/token", "/api/v1/auth/token", { as: "anonymous", json: { email: "uploader@example.com", password: "demo-password" } });
    expect(r.status).toBe(200);
    await call("GET", "/api/v1/me", "/api/v1/me", { as: "uploader" });
    await call("GET", "/api/v1/tokens", "/api/v1/tokens", { as: "creator" });
    const cookie = await sessionCookie("admin@example.com");
    const created = await call("POST", "/api/v1/tokens", "/api/v1/tokens", { cookie, headers: { origin: baseURL(), "idempotency-key": crypto.randomUUID() }, json: { name: "contract test" } });
    expect(created.status).toBe(201);
    const del = await call("DELETE", "/api/v1/tokens/{id}", `/api/v1/tokens/${created.json.id}`);
    expect(del.status).toBe(200);
  });

  it("user dashboards", async () => {
    for (const period of ["week", "month"]) {
      expect((await call("GET", "/api/v1/analytics/uploader/dashboard", `/api/v1/analytics/uploader/dashboard?period=${period}`, { as: "uploader" })).status).toBe(200);
      expect((await call("GET", "/api/v1/analytics/creator/dashboard", `/api/v1/analytics/creator/dashboard?period=${period}`, { as: "creator" })).status).toBe(200);
    }
    for (const g of ["day", "month"]) expect((await call("GET", "/api/v1/analytics/creator/earnings", `/api/v1/analytics/creator/earnings?granularity=${g}`, { as: "creator" })).status).toBe(200);
  });

  it("admin analytics", async () => {
    for (const [t, url] of [
      ["/api/v1/admin/analytics/dashboard", "/api/v1/admin/analytics/dashboard?period=month"],
      ["/api/v1/admin/analytics/dashboard", "/api/v1/admin/analytics/dashboard?period=day"],
      ["/api/v1/admin/analytics/activity", "/api/v1/admin/analytics/activity?limit=20"],
      ["/api/v1/admin/analytics/quality", "/api/v1/admin/analytics/quality?period=quarter"],
      ["/api/v1/admin/analytics/fraud", "/api/v1/admin/analytics/fraud?per_page=5"],
      ["/api/v1/admin/analytics/creator-levels", "/api/v1/admin/analytics/creator-levels"],
      ["/api/v1/admin/users", "/api/v1/admin/users?per_page=3"],
    ]) expect((await call("GET", t, url)).status, url).toBe(200);
    const { rows } = await pool.query<{ id: string }>("SELECT id::text FROM creator_levels ORDER BY rank LIMIT 1");
    const levels = await call("GET", "/api/v1/admin/analytics/creator-levels/{levelId}/creators", `/api/v1/admin/analytics/creator-levels/${rows[0].id}/creators?per_page=2`);
    expect(levels.status).toBe(200);
    expect(levels.json.has_more).toBe(levels.json.total > 2);
  });

  it("events", async () => {
    const event = { event: "page_view", event_id: crypto.randomUUID(), properties: { url: "/docs/api" }, anonymous_id: "contract-anon" };
    expect((await call("POST", "/api/v1/events", "/api/v1/events", { as: "anonymous", json: event })).status).toBe(200);
    expect((await call("POST", "/api/v1/events", "/api/v1/events", { as: "uploader", json: { batch: [{ ...event, event_id: crypto.randomUUID() }, { event: "Bad Name", event_id: crypto.randomUUID() }] } })).json.rejected).toHaveLength(1);
    const key = await call("POST", "/api/v1/admin/event-keys", "/api/v1/admin/event-keys", { json: { name: "contract" } });
    expect(key.status).toBe(201);
    expect((await call("POST", "/api/v1/events", "/api/v1/events", { as: "anonymous", headers: { "x-events-write-key": key.json.key }, json: { ...event, event_id: crypto.randomUUID() } })).status).toBe(200);
    expect((await call("POST", "/api/v1/events", "/api/v1/events", { as: "anonymous", headers: { "x-events-write-key": "wk_not-a-key-at-all-really" }, json: event })).status).toBe(401);
    await call("GET", "/api/v1/admin/event-keys", "/api/v1/admin/event-keys");
    expect((await call("DELETE", "/api/v1/admin/event-keys/{id}", `/api/v1/admin/event-keys/${key.json.id}`)).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/analytics/events", "/api/v1/admin/analytics/events?period=week")).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/analytics/events/funnel", "/api/v1/admin/analytics/events/funnel?steps=upload_initiated,upload_completed")).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/analytics/events/tail", "/api/v1/admin/analytics/events/tail?limit=5")).status).toBe(200);
  });

  it("system health and alert rules", async () => {
    expect((await call("GET", "/api/v1/admin/analytics/health", "/api/v1/admin/analytics/health?window=1h")).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/analytics/health", "/api/v1/admin/analytics/health?window=24h&route=/api/v1/me&method=GET")).status).toBe(200);
    const rule = { name: "contract p95", metric: "route_p95_ms", window_minutes: 5, comparator: "gt", threshold: 1000 };
    const created = await call("POST", "/api/v1/admin/alerts", "/api/v1/admin/alerts", { json: rule, headers: { "idempotency-key": crypto.randomUUID() } });
    expect(created.status).toBe(201);
    const id = created.json.alert.id;
    expect((await call("GET", "/api/v1/admin/alerts", "/api/v1/admin/alerts")).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/alerts/{id}", `/api/v1/admin/alerts/${id}`)).status).toBe(200);
    expect((await call("PUT", "/api/v1/admin/alerts/{id}", `/api/v1/admin/alerts/${id}`, { json: { ...rule, threshold: 2000 } })).status).toBe(200);
    expect((await call("DELETE", "/api/v1/admin/alerts/{id}", `/api/v1/admin/alerts/${id}`)).status).toBe(204);
    expect((await call("GET", "/api/v1/admin/alerts/{id}", `/api/v1/admin/alerts/${id}`)).status).toBe(404);
  });

  it("financial reports, exports, runs and downloads", async () => {
    const fin = { report_type: "revenue", start_date: "2026-01-01", end_date: "2026-01-31" };
    expect((await call("POST", "/api/v1/admin/reports/financial/preview", "/api/v1/admin/reports/financial/preview", { json: fin })).status).toBe(200);
    expect((await call("POST", "/api/v1/admin/reports/financial", "/api/v1/admin/reports/financial", { json: { ...fin, format: "xlsx" } })).status).toBe(202);
    expect((await call("POST", "/api/v1/admin/exports/estimate", "/api/v1/admin/exports/estimate", { json: { entity: "users" } })).status).toBe(200);
    const exp = await call("POST", "/api/v1/admin/exports", "/api/v1/admin/exports", { json: { entity: "users", format: "csv", notify: false }, headers: { "idempotency-key": crypto.randomUUID() } });
    expect(exp.status).toBe(202);
    const id = exp.json.export_id;
    await expect.poll(async () => (await call("GET", "/api/v1/admin/exports/{id}", `/api/v1/admin/exports/${id}`)).json.report_run.status, { timeout: 60_000, interval: 300 }).toBe("completed");
    const run = await call("GET", "/api/v1/admin/reports/runs/{id}", `/api/v1/admin/reports/runs/${id}`);
    expect(run.json.download_url).toBeTruthy();
    expect((await call("GET", "/api/v1/admin/reports/runs", "/api/v1/admin/reports/runs?per_page=2")).json.has_more).toBeTypeOf("boolean");
    expect((await call("POST", "/api/v1/admin/reports/runs/{id}/cancel", `/api/v1/admin/reports/runs/${id}/cancel`, { json: {} })).status).toBe(409);
    // a run still waiting (inserted without a job, so nothing starts it) is cancelled at once
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO report_runs (kind, entity, parameters, format, status, requested_by)
       SELECT 'export', 'users', '{}'::jsonb, 'csv', 'pending', id FROM users WHERE email = 'admin@example.com' RETURNING id::text`,
    );
    const cancelled = await call("POST", "/api/v1/admin/reports/runs/{id}/cancel", `/api/v1/admin/reports/runs/${rows[0].id}/cancel`, { json: {} });
    expect([cancelled.status, cancelled.json.report_run.status, cancelled.json.report_run.error_message]).toEqual([202, "failed", "cancelled"]);
    const again = await call("GET", "/api/v1/admin/reports/runs/{id}/download", `/api/v1/admin/reports/runs/${id}/download`);
    expect(again.status).toBe(303);
    const file = await api(new URL(run.json.download_url).pathname);
    check("GET", "/api/v1/downloads/{token}", file);
    expect(file.status).toBe(200);
    expect(file.text.split("\n")[0]).toContain("Email");
    check("GET", "/api/v1/downloads/{token}", await api("/api/v1/downloads/not-a-signed-token"));
  });

  it("report builder, saved reports and schedules", async () => {
    const catalog = await call("GET", "/api/v1/admin/reports/catalog", "/api/v1/admin/reports/catalog");
    expect(catalog.status).toBe(200);
    const config = { metrics: ["revenue"], date_range: { relative: "last_30_days" }, group_by: ["day"] };
    expect((await call("POST", "/api/v1/admin/reports/preview", "/api/v1/admin/reports/preview", { json: { config } })).status).toBe(200);
    const body = { name: "Contract report", config, is_scheduled: true, schedule_cron: "0 9 * * 1", recipients: ["ops@example.com"], timezone: "Europe/London" };
    const saved = await call("POST", "/api/v1/admin/reports", "/api/v1/admin/reports", { json: body, headers: { "idempotency-key": crypto.randomUUID() } });
    expect(saved.status).toBe(201);
    const id = saved.json.report.id;
    expect((await call("GET", "/api/v1/admin/reports", "/api/v1/admin/reports")).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/reports/{id}", `/api/v1/admin/reports/${id}`)).status).toBe(200);
    expect((await call("PUT", "/api/v1/admin/reports/{id}", `/api/v1/admin/reports/${id}`, { json: { ...body, name: "Renamed" } })).status).toBe(200);
    expect((await call("POST", "/api/v1/admin/reports/{id}/run", `/api/v1/admin/reports/${id}/run`, { json: { send: false } })).status).toBe(202);
    expect((await call("GET", "/api/v1/admin/reports/{id}/runs", `/api/v1/admin/reports/${id}/runs`)).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/reports/schedule-preview", "/api/v1/admin/reports/schedule-preview?cron=30%202%20*%20*%20*&timezone=Europe/London&count=3")).status).toBe(200);
    expect((await call("DELETE", "/api/v1/admin/reports/{id}", `/api/v1/admin/reports/${id}`)).status).toBe(204);
  });

  it("webhooks", async () => {
    const created = await call("POST", "/api/v1/admin/webhooks", "/api/v1/admin/webhooks", {
      json: { url: "http://127.0.0.1:9/hook", events: ["export.completed"] },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const id = created.json.webhook.id;
    expect((await call("GET", "/api/v1/admin/webhooks", "/api/v1/admin/webhooks")).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/webhooks/{id}", `/api/v1/admin/webhooks/${id}`)).status).toBe(200);
    const test = await call("POST", "/api/v1/admin/webhooks/{id}/test", `/api/v1/admin/webhooks/${id}/test`);
    expect(test.status).toBe(202);
    const list = await call("GET", "/api/v1/admin/webhooks/{id}/deliveries", `/api/v1/admin/webhooks/${id}/deliveries?per_page=5`);
    expect(list.json.has_more).toBe(false);
    const replay = await call("POST", "/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/replay", `/api/v1/admin/webhooks/${id}/deliveries/${test.json.delivery.id}/replay`);
    expect([202, 409]).toContain(replay.status); // 409 while the job's attempt is in flight
    if (replay.status === 409) expect((await call("POST", "/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/replay", `/api/v1/admin/webhooks/${id}/deliveries/${test.json.delivery.id}/replay`)).status).toBe(202);
    expect((await call("PATCH", "/api/v1/admin/webhooks/{id}", `/api/v1/admin/webhooks/${id}`, { json: { enabled: false } })).json.webhook.enabled).toBe(false);
    expect((await call("POST", "/api/v1/admin/webhooks/{id}/test", `/api/v1/admin/webhooks/${id}/test`)).status).toBe(409);
    expect((await call("DELETE", "/api/v1/admin/webhooks/{id}", `/api/v1/admin/webhooks/${id}`)).status).toBe(200);
  });

  it("Segment intake", async () => {
    const key = (await call("POST", "/api/v1/admin/event-keys", "/api/v1/admin/event-keys", { json: { name: "segment contract" } })).json.key;
    const basic = { authorization: "Basic " + Buffer.from(`${key}:`).toString("base64") };
    const user = (await api("/api/v1/me", { token: tokens.creator })).json.user.id;
    const call1 = (type: string, extra: object) => ({ type, messageId: crypto.randomUUID(), userId: user, timestamp: new Date().toISOString(), ...extra });
    const batch = await call("POST", "/api/v1/events/segment/v1/batch", "/api/v1/events/segment/v1/batch", {
      as: "anonymous", headers: basic,
      json: { batch: [call1("track", { event: "Order Completed", properties: { amount: 5 } }), call1("track", {})], sentAt: new Date().toISOString() },
    });
    expect([batch.status, batch.json.accepted, batch.json.rejected.length]).toEqual([200, 1, 1]);
    for (const [type, extra] of [["track", { event: "Report Opened" }], ["page", { name: "Docs", properties: { url: "https://example.com/docs" } }], ["identify", { anonymousId: "contract-anon-2", traits: { plan: "pro" } }], ["screen", { name: "Home" }]] as const) {
      const r = await call("POST", `/api/v1/events/segment/v1/${type}`, `/api/v1/events/segment/v1/${type}`, { as: "anonymous", headers: basic, json: call1(type, extra) });
      expect(r.status, type).toBe(200);
    }
    expect((await call("POST", "/api/v1/events/segment/v1/track", "/api/v1/events/segment/v1/track", { as: "anonymous", json: call1("track", { event: "x" }) })).status).toBe(401);
    expect((await call("POST", "/api/v1/events/segment/v1/track", "/api/v1/events/segment/v1/track", { as: "anonymous", headers: basic, json: call1("track", {}) })).status).toBe(400);
  });

  it("jobs and outbox", async () => {
    expect((await call("GET", "/api/v1/admin/jobs/runs", "/api/v1/admin/jobs/runs?limit=5")).status).toBe(200);
    expect((await call("POST", "/api/v1/admin/jobs/{name}/run", "/api/v1/admin/jobs/purge-auth-data/run")).status).toBe(202);
    expect((await call("POST", "/api/v1/admin/outbox/test", "/api/v1/admin/outbox/test")).status).toBe(201);
    expect((await call("GET", "/api/v1/admin/outbox", "/api/v1/admin/outbox?per_page=2")).status).toBe(200);
  });

  it("errors: 400 naming the field, 401, 403, 404 — each the documented error object", async () => {
    const bad = await call("GET", "/api/v1/admin/users", "/api/v1/admin/users?per_page=1000");
    expect([bad.status, bad.json.error.field]).toEqual([400, "per_page"]);
    const badBody = await call("POST", "/api/v1/admin/exports", "/api/v1/admin/exports", { json: { entity: "planets", format: "csv" } });
    expect([badBody.status, badBody.json.error.field]).toEqual([400, "entity"]);
    expect((await call("GET", "/api/v1/me", "/api/v1/me", { as: "anonymous" })).status).toBe(401);
    expect((await call("GET", "/api/v1/admin/analytics/dashboard", "/api/v1/admin/analytics/dashboard", { as: "uploader" })).status).toBe(403);
    expect((await call("GET", "/api/v1/analytics/creator/dashboard", "/api/v1/analytics/creator/dashboard", { as: "uploader" })).status).toBe(403);
    expect((await call("GET", "/api/v1/admin/reports/{id}", `/api/v1/admin/reports/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await call("GET", "/api/v1/admin/reports/runs/{id}", `/api/v1/admin/reports/runs/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await call("POST", "/api/v1/auth/token", "/api/v1/auth/token", { as: "anonymous", json: { email: "admin@example.com", password: "wrong" } })).status).toBe(401);
  });

  it("called every documented operation", () => {
    const documented = Object.entries<Doc>(doc.paths).flatMap(([p, item]) => Object.keys(item).filter((m) => ["get", "post", "put", "delete", "patch"].includes(m)).map((m) => `${m.toUpperCase()} ${p}`));
    const missing = documented.filter((k) => ![...(seen.get(k) ?? [])].some((s) => s < 300 || s === 303));
    expect(missing).toEqual([]);
  });
});

describe("the docs page", () => {
  it("is public and renders every operation with its anchor", async () => {
    const r = await api("/docs/api");
    expect(r.status).toBe(200);
    for (const [p, item] of Object.entries<Doc>(doc.paths)) {
      for (const op of Object.values<Doc>(item)) expect(r.text, p).toContain(`id="${op.operationId}"`);
    }
    expect(r.text).toContain('href="/api/v1/openapi.json"');
    for (const text of ["Idempotency-Key", "X-RateLimit-Remaining", "Retry-After", "has_more", "openapi-typescript"]) expect(r.text).toContain(text);
  });
});

describe("a client generated from the served document", () => {
  it("calls /api/v1/me and the creator dashboard with a bearer token", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-client-"));
    try {
      const ast = await openapiTS(new URL(baseURL() + "/api/v1/openapi.json"));
      const file = path.join(dir, "api.d.ts");
      fs.writeFileSync(file, astToString(ast));
      const types = fs.readFileSync(file, "utf8");
      expect(types).toContain('"/api/v1/analytics/creator/dashboard"');
      expect(types).toContain("getCreatorDashboard");
      expect(types).toMatch(/has_more: boolean/);
      // openapi-typescript's work blocks the event loop for seconds: let it see the keep-alive sockets the server closed meanwhile
      await new Promise((r) => setTimeout(r, 200));

      const client = createClient<any>({ baseUrl: baseURL(), headers: { Authorization: `Bearer ${tokens.creator}` } });
      const me = await client.GET("/api/v1/me", {});
      expect(me.response.status).toBe(200);
      expect(me.data.user).toMatchObject({ email: "creator@example.com", role: "creator" });
      const dash = await client.GET("/api/v1/analytics/creator/dashboard", { params: { query: { period: "month" } } });
      expect(dash.response.status).toBe(200);
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assignments a JOIN users u ON u.id = a.creator_id WHERE u.email = 'creator@example.com' AND a.status = 'approved' AND a.completed_at <= now()`,
      );
      expect(dash.data.all_time.completed_tasks).toBe(rows[0].n);
      expect(Object.keys(dash.data.deltas).sort()).toEqual(Object.keys(dash.data.summary).sort());
      const refused = await client.GET("/api/v1/admin/users", {});
      expect(refused.response.status).toBe(403);
      expect(refused.error.error.code).toBe("forbidden");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!browserAvailable)("the docs page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("reads at 390 px without sideways scrolling, and works with the keyboard", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const res = await page.goto(baseURL() + "/docs/api");
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(baseURL() + "/docs/api"); // not sent to sign-in
    await page.getByRole("heading", { name: "Marketplace Analytics API" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the first Tab reaches the skip link; Enter moves focus to the content
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    // an operation's anchor from the contents, by keyboard
    const link = page.getByRole("navigation", { name: "API contents" }).locator('a[href="#getCreatorDashboard"]');
    await link.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain("#getCreatorDashboard");
    await expect.poll(() => page.locator("#getCreatorDashboard").evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(100);
    // a schema opens from the keyboard
    const summary = page.locator("#getCreatorDashboard summary").first();
    await summary.focus();
    await page.keyboard.press("Enter");
    await page.locator("#getCreatorDashboard").getByText("delta_units", { exact: true }).first().waitFor({ state: "visible" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
