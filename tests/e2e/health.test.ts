// System health over real HTTP against `next start` (and a second instance
// on the same database), the mail outbox, a local webhook receiver and
// Chromium: counts per route template equal the requests made and add up
// across instances; pages are recorded by their template; /api/metrics is
// Prometheus text; authz; and a rule created in the page fires.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAppOnFreePort } from "@/lib/app-server";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

const METRICS_TOKEN = crypto.randomBytes(16).toString("hex");
let pool: pg.Pool;
let second: { child: ChildProcess; baseURL: string };
let receiver: http.Server;
let hookUrl: string;
const hooks: { text: string; alert: { name: string; state: string } }[] = [];
let admin: string;
const fileStarted = Date.now();

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  second = await startAppOnFreePort(inject("databaseUrl"), { DISABLE_IN_PROCESS_JOBS: "1", METRICS_TOKEN, HEALTH_FLUSH_INTERVAL_MS: "1000" });
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hooks.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slack`;
  admin = await tokenFor("admin@example.com");
});
afterAll(async () => {
  second?.child.kill("SIGTERM");
  receiver?.close();
  await pool?.end();
});

const countOf = async (route: string, method: string, cls?: number) =>
  (await pool.query(`SELECT coalesce(sum(count), 0)::int AS n FROM request_metrics WHERE route = $1 AND method = $2 AND ($3::int IS NULL OR status_class = $3)`, [route, method, cls ?? null])).rows[0].n as number;

/** Every request made before this file started has been flushed (each instance flushes every 10 s at most). */
const settle = () => new Promise((r) => setTimeout(r, Math.max(0, fileStarted + 11_000 - Date.now())));

describe("recording", () => {
  it("counts per route template equal the requests made, added up across two instances", async () => {
    await settle();
    const route = "/api/v1/admin/alerts/[id]";
    const before = await countOf(route, "GET", 4);
    const get = (base: string) => fetch(`${base}/api/v1/admin/alerts/${crypto.randomUUID()}`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.status);
    for (let i = 0; i < 7; i++) expect(await get(baseURL())).toBe(404);
    for (let i = 0; i < 5; i++) expect(await get(second.baseURL)).toBe(404);
    await expect.poll(() => countOf(route, "GET", 4), { timeout: 25_000, interval: 500 }).toBe(before + 12);
    // never the raw path
    const raw = await pool.query(`SELECT count(*)::int AS n FROM request_metrics WHERE route LIKE '/api/v1/admin/alerts/%-%'`);
    expect(raw.rows[0].n).toBe(0);
  });

  it("records pages under their route template (from Next.js's request span)", async () => {
    await settle();
    const cookie = await sessionCookie("admin@example.com");
    const levelId = (await pool.query(`SELECT id::text FROM creator_levels ORDER BY rank LIMIT 1`)).rows[0].id;
    const route = "/admin/creator-levels/[levelId]";
    const before = await countOf(route, "GET");
    // (the session is signed with the first instance's secret)
    const page = (id: string) => fetch(`${baseURL()}/admin/creator-levels/${id}`, { headers: { cookie }, redirect: "manual" }).then((r) => r.status);
    for (let i = 0; i < 3; i++) expect(await page(levelId)).toBe(200);
    expect(await page(crypto.randomUUID())).toBe(404);
    await expect.poll(() => countOf(route, "GET"), { timeout: 25_000, interval: 500 }).toBe(before + 4);
    expect(await countOf(route, "GET", 4)).toBeGreaterThanOrEqual(1);
    expect((await pool.query(`SELECT count(*)::int AS n FROM request_metrics WHERE route = $1`, [`/admin/creator-levels/${levelId}`])).rows[0].n).toBe(0);
  });
});

describe("endpoints for load balancers and Prometheus", () => {
  it("/api/health and /api/ready answer without authentication", async () => {
    const live = await api("/api/health");
    expect(live.status).toBe(200);
    expect(live.json).toEqual({ status: "ok" });
    const ready = await api("/api/ready");
    expect(ready.status).toBe(200);
    expect(ready.json.ready).toBe(true);
    expect(ready.json.checks.jobs.detail).toMatch(/in-process/);
  });

  it("/api/metrics needs its token and parses as Prometheus text", async () => {
    expect((await api("/api/metrics")).status).toBe(404); // METRICS_TOKEN not set on the first instance
    expect((await fetch(`${second.baseURL}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${second.baseURL}/api/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const res = await fetch(`${second.baseURL}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(await res.text());
    const count = samples.find((s) => s.name === "http_server_request_duration_seconds_count" && s.labels.route === "/api/v1/admin/alerts/[id]" && s.labels.status_class === "4xx");
    expect(count?.value).toBeGreaterThanOrEqual(5);
    expect(samples.some((s) => s.name === "app_queue_pending" && s.labels.queue === "jobs")).toBe(true);
    expect(samples.some((s) => s.name === "app_db_connections_in_use")).toBe(true);
  });
});

describe("authz and validation", () => {
  it("the health API and the alerts API are admin only and name bad fields", async () => {
    const uploader = await tokenFor("uploader@example.com");
    for (const path of ["/api/v1/admin/analytics/health", "/api/v1/admin/alerts", `/api/v1/admin/alerts/${crypto.randomUUID()}`]) {
      expect((await api(path)).status).toBe(401);
      expect((await api(path, { token: uploader })).status).toBe(403);
    }
    const bad = await api("/api/v1/admin/analytics/health?window=2h", { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe("window");
    expect((await api("/api/v1/admin/alerts/not-a-uuid", { token: admin })).json.error.field).toBe("id");
    const badRule = await api("/api/v1/admin/alerts", { method: "POST", token: admin, json: { name: "x", metric: "route_p95_ms", window_minutes: 5, comparator: "gt", threshold: "high" } });
    expect(badRule.status).toBe(400);
    expect(badRule.json.error.field).toBe("threshold");
  });

  it("alert rules: create (201), read with state and history, replace, delete", async () => {
    const body = { name: "api rule", metric: "route_5xx_rate", route: "/api/v1/me", window_minutes: 10, comparator: "gte", threshold: 5, recipients: ["ops@example.com"] };
    const created = await api("/api/v1/admin/alerts", { method: "POST", token: admin, json: body });
    expect(created.status).toBe(201);
    expect(created.json.alert).toMatchObject({ ...body, state: "normal", pending_minutes: 0, no_data: "ok", severity: "warning" });
    const id = created.json.alert.id;
    const got = await api(`/api/v1/admin/alerts/${id}`, { token: admin });
    expect(got.json.alert).toMatchObject({ id, state: "normal", history: [] });
    const put = await api(`/api/v1/admin/alerts/${id}`, { method: "PUT", token: admin, json: { ...body, threshold: 10, severity: "critical" } });
    expect(put.json.alert).toMatchObject({ threshold: 10, severity: "critical" });
    expect((await api("/api/v1/admin/alerts", { token: admin })).json.alerts.some((a: { id: string }) => a.id === id)).toBe(true);
    expect((await api(`/api/v1/admin/alerts/${id}`, { method: "DELETE", token: admin })).status).toBe(204);
    expect((await api(`/api/v1/admin/alerts/${id}`, { token: admin })).status).toBe(404);
  });

  it("the dashboard API reports the recorded routes with their percentiles and sample counts", async () => {
    await new Promise((r) => setTimeout(r, 11_000)); // the requests above are flushed
    const r = await api("/api/v1/admin/analytics/health?window=1h", { token: admin });
    expect(r.status).toBe(200);
    const row = r.json.api.routes.find((x: { route: string; method: string }) => x.route === "/api/v1/admin/alerts/[id]" && x.method === "GET");
    expect(row.requests).toBe(await countOf("/api/v1/admin/alerts/[id]", "GET"));
    expect(row.samples).toBe(row.requests);
    expect(row.rate_4xx).toBeGreaterThan(0);
    expect(r.json.latency_note.relative_error).toBeCloseTo(0.091, 3);
    expect(r.json.external.find((s: { name: string }) => s.name === "stripe").status).toBe("not_configured");
    expect(r.json.database.statements.available).toBe(true);
  });
});

describe.skipIf(!browserAvailable)("health pages in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("shows the requests made with their route templates, drills down, and a rule created in the page fires", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signInPage(page, "admin@example.com", { callbackUrl: "/admin/health" });
    await page.waitForURL(/\/admin\/health/);
    const table = page.getByTestId("health-routes");
    await expect.poll(() => table.textContent()).toContain("GET /api/v1/admin/alerts/[id]");
    await expect(table.textContent()).resolves.toContain("/admin/creator-levels/[levelId]");
    // sortable by the keyboard
    await page.getByRole("button", { name: /^Requests/ }).focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("th[aria-sort='descending']").textContent()).resolves.toMatch(/Requests/);
    await page.getByRole("link", { name: "GET /api/v1/admin/alerts/[id]" }).click();
    await page.getByTestId("route-detail").waitFor();
    await expect(page.getByTestId("route-detail").textContent()).resolves.toMatch(/Latency histogram/);
    await expect(page.getByTestId("health-external").textContent()).resolves.toContain("Not configured");

    await page.goto(baseURL() + "/admin/health/alerts");
    const form = page.getByTestId("alert-form");
    await form.locator("[name=name]").fill("e2e busy alerts route");
    await form.locator("[name=metric]").selectOption("request_rate");
    await form.locator("[name=route]").fill("/api/v1/admin/alerts/[id]");
    await form.locator("[name=window_minutes]").fill("60");
    await form.locator("[name=threshold]").fill("0");
    await form.locator("[name=pending_minutes]").fill("0");
    await form.locator("[name=min_samples]").fill("1");
    await form.locator("[name=recipients]").fill("ops@example.com");
    await form.locator("[name=webhook_url]").fill(hookUrl);
    await form.getByRole("button", { name: "Create rule" }).click();
    const rule = page.locator("[data-rule-name='e2e busy alerts route']");
    await rule.waitFor();
    // the next evaluation (the per-minute job; "run now" as well) fires it
    await api("/api/v1/admin/jobs/evaluate-alerts/run", { method: "POST", token: admin });
    await expect.poll(async () => {
      await page.reload();
      return rule.getAttribute("data-state");
    }, { timeout: 90_000, interval: 3000 }).toBe("firing");
    // the state is written first, the notification sent right after it: wait for the send too
    await expect.poll(async () => {
      await page.reload();
      return rule.textContent();
    }, { timeout: 30_000, interval: 1000 }).toMatch(/firing notification: sent/);
    expect(hooks.filter((h) => h.alert.name === "e2e busy alerts route").map((h) => h.alert.state)).toEqual(["firing"]);
    const mails = await pool.query(`SELECT subject FROM outbox_emails WHERE kind = 'alert' AND subject LIKE '%e2e busy alerts route%'`);
    expect(mails.rows.map((m) => m.subject)).toEqual(["[FIRING · warning] e2e busy alerts route"]);
    // 390 px: nothing wider than the viewport
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});

type Sample = { name: string; labels: Record<string, string>; value: number };

/** A strict reader of the Prometheus text format (0.0.4): every line is a comment, blank, or a sample. */
function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  const typed = new Set<string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("# HELP ")) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      typed.add(type[1]);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)( -?\d+)?$/.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    if (m[3]) for (const l of m[3].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, "$1");
    const base = m[1].replace(/_(bucket|sum|count)$/, "");
    if (!typed.has(m[1]) && !typed.has(base)) throw new Error(`sample before its TYPE: ${line}`);
    out.push({ name: m[1], labels, value: Number(m[4].replace("+Inf", "Infinity")) });
  }
  return out;
}
