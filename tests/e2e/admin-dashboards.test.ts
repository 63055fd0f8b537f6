// The admin dashboards over real HTTP (next start, tiny seed) and in Chromium:
// validation (400 naming the field), 401/403, the pages' cards and charts,
// the period selector, the level drill-down, and the live activity feed
// picking up a payment inserted while the page is open.
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

const A = "/api/v1/admin/analytics";
let pool: pg.Pool;
let adminToken: string;
let levelId: string;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  adminToken = await tokenFor("admin@example.com");
  levelId = (await pool.query(`SELECT id::text FROM creator_levels ORDER BY rank LIMIT 1`)).rows[0].id;
});
afterAll(() => pool?.end());

const ENDPOINTS = () => [
  `${A}/dashboard`, `${A}/activity`, `${A}/quality`, `${A}/fraud`, `${A}/creator-levels`, `${A}/creator-levels/${levelId}/creators`,
];

describe("access", () => {
  it("anonymous 401, uploader and creator 403, admin 200 (token and session) on every endpoint", async () => {
    const uploader = await tokenFor("uploader@example.com");
    const creator = await tokenFor("creator@example.com");
    const cookie = await sessionCookie("admin@example.com");
    for (const path of ENDPOINTS()) {
      expect((await api(path)).status, `anonymous ${path}`).toBe(401);
      expect((await api(path, { token: "mat_not-a-real-token" })).status, `bad token ${path}`).toBe(401);
      const u = await api(path, { token: uploader });
      expect(u.status, `uploader ${path}`).toBe(403);
      expect(u.json.error.code).toBe("forbidden");
      expect((await api(path, { token: creator })).status, `creator ${path}`).toBe(403);
      expect((await api(path, { token: adminToken })).status, `admin ${path}`).toBe(200);
      expect((await api(path, { cookie })).status, `admin session ${path}`).toBe(200);
    }
  });
});

describe("validation: 400 naming the field", () => {
  const cases: [string, string][] = [
    [`${A}/dashboard?period=decade`, "period"],
    [`${A}/quality?period=hour`, "period"],
    [`${A}/fraud?period=week&page=0`, "page"],
    [`${A}/fraud?per_page=1000`, "per_page"],
    [`${A}/activity?limit=0`, "limit"],
    [`${A}/activity?limit=abc`, "limit"],
    [`${A}/creator-levels?start_date=2026-02-30`, "start_date"],
    [`${A}/creator-levels?start_date=yesterday`, "start_date"],
    [`${A}/creator-levels?start_date=2026-03-10&end_date=2026-03-01`, "end_date"],
    [`${A}/creator-levels?start_date=2020-01-01&end_date=2026-01-01`, "end_date"],
    [`${A}/creator-levels?end_date=2026-13-01`, "end_date"],
    [`${A}/creator-levels/not-a-uuid/creators`, "levelId"],
  ];
  it.each(cases)("%s → %s", async (path, field) => {
    const r = await api(path, { token: adminToken });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_request");
    expect(r.json.error.field).toBe(field);
  });

  it("drill-down sort and paging are validated, an unknown level is 404", async () => {
    for (const [q, field] of [["sort=name", "sort"], ["order=up", "order"], ["per_page=0", "per_page"]]) {
      const r = await api(`${A}/creator-levels/${levelId}/creators?${q}`, { token: adminToken });
      expect(r.status, q).toBe(400);
      expect(r.json.error.field).toBe(field);
    }
    const missing = await api(`${A}/creator-levels/00000000-0000-4000-8000-000000000000/creators`, { token: adminToken });
    expect(missing.status).toBe(404);
    expect(missing.json.error.field).toBe("levelId");
  });
});

describe("responses", () => {
  it("dashboard: the specification's shape, with previous and deltas for every card", async () => {
    const r = await api(`${A}/dashboard?period=year`, { token: adminToken });
    expect(r.status).toBe(200);
    for (const k of ["revenue", "payouts", "margin", "accrued_margin", "active_uploaders", "active_creators", "pending_assignments"]) {
      expect(typeof r.json.summary[k], k).toBe("number");
      expect(k in r.json.previous && k in r.json.deltas, k).toBe(true);
      expect(r.json.delta_units[k], k).toBe("percent");
    }
    expect(r.json.trends.revenue[0]).toEqual({
      date: expect.any(String), value: expect.any(Number), margin: expect.any(Number), creator_earnings: expect.any(Number), accrued_margin: expect.any(Number),
    });
    expect(r.json.trends.users[0]).toEqual({ date: expect.any(String), uploaders: expect.any(Number), creators: expect.any(Number) });
    expect(r.json.trends.transactions[0]).toEqual({ date: expect.any(String), count: expect.any(Number) });
    expect(r.json.creator_levels.map((l: { level: string }) => l.level)).toEqual(["P", "J", "M", "S", "E"]);
    expect(r.json.recent_activity.length).toBeGreaterThan(0);
    expect(Date.parse(r.json.data_as_of)).toBeGreaterThan(Date.now() - 60_000);
    expect(r.json.summary.revenue).toBeGreaterThan(0);
  });

  it("creator levels, quality and fraud answer with data for the demo dataset", async () => {
    const levels = await api(`${A}/creator-levels`, { token: adminToken });
    expect(levels.json.current).toHaveLength(5);
    expect(levels.json.trend.length).toBe(90 * 5);
    // a rate of creators who changed level among those who held one: never above 100%
    const lc = levels.json.level_change;
    expect(lc.creators_changed).toBeLessThanOrEqual(lc.creators_with_level);
    expect(levels.json.level_change_rate).toBe(lc.creators_with_level ? Math.round((1000 * lc.creators_changed) / lc.creators_with_level) / 10 : null);
    expect(lc.changes).toBe(levels.json.transitions.reduce((n: number, t: { count: number }) => n + t.count, 0));
    expect(levels.json.transitions.every((t: { from_level: string | null; to_level: string }) => t.from_level && t.from_level !== t.to_level)).toBe(true);
    expect(levels.json.current[0]).toEqual({ level_id: expect.any(String), level_name: "Probation", code: "P", count: expect.any(Number), percent: expect.any(Number), avg_rating: expect.any(Number) });
    const quality = await api(`${A}/quality?period=quarter`, { token: adminToken });
    expect(quality.json.summary.reviews).toBeGreaterThan(0);
    expect(quality.json.rating_distribution).toHaveLength(8);
    const fraud = await api(`${A}/fraud?period=year`, { token: adminToken });
    expect(Object.keys(fraud.json.summary)).toEqual(expect.arrayContaining(["pending_flags", "resolved_this_period", "accounts_suspended", "duplicate_accounts_blocked"]));
    expect(fraud.json).toHaveProperty("false_positive_rate");
    expect(fraud.json).toHaveProperty("fraud_prevention_rate");
    expect(fraud.json).toHaveProperty("duplicate_account_detection_rate");
  });
});

describe("deltas by kind over HTTP", () => {
  // From the response's own summary and previous values: the unit each delta must be in.
  it("a rate's delta is current − previous in pp, a money delta the relative %", async () => {
    const q = await api(`${A}/quality?period=year`, { token: adminToken });
    for (const k of ["first_time_approval_rate", "revision_rate", "rejection_rate"]) {
      const [c, p] = [q.json.summary[k], q.json.previous[k]];
      expect(q.json.delta_units[k], k).toBe("pp");
      expect(q.json.deltas[k], k).toBe(c == null || p == null ? null : Math.round((c - p) * 10) / 10);
    }
    expect(q.json.delta_units.avg_rating).toBe("stars");
    const d = await api(`${A}/dashboard?period=year`, { token: adminToken });
    const [c, p] = [d.json.summary.revenue, d.json.previous.revenue];
    expect(d.json.deltas.revenue).toBe(p === 0 ? null : Math.round(((c - p) / Math.abs(p)) * 1000) / 10);
    const f = await api(`${A}/fraud?period=year`, { token: adminToken });
    expect(f.json.delta_units.false_positive_rate).toBe("pp");
  });
});

describe.skipIf(!browserAvailable)("in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInPage(page, "admin@example.com");
  });
  afterAll(() => browser?.close());

  // [path, root test id, cards, recharts charts on the page]
  for (const [path, testId, cards, charts] of [
    ["/admin", "admin-home", ["kpi-revenue", "kpi-payouts", "kpi-margin", "kpi-active-uploaders", "kpi-active-creators", "kpi-pending-assignments"], 4],
    ["/admin/creator-levels", "admin-creator-levels", ["kpi-creators", "kpi-change-rate"], 2],
    ["/admin/quality", "admin-quality", ["kpi-avg-rating", "kpi-first-time-approval", "kpi-revision-rate", "kpi-rejection-rate"], 3],
    ["/admin/fraud", "admin-fraud", ["kpi-pending-flags", "kpi-resolved", "kpi-false-positive", "kpi-prevention", "kpi-duplicate-detection"], 1],
  ] as const) {
    it(`${path} renders its cards and charts`, async () => {
      await page.goto(baseURL() + path);
      await page.getByTestId(testId).waitFor();
      for (const id of cards) expect(await page.getByTestId(`${id}-value`).textContent(), id).toMatch(/\d/);
      await page.locator(".recharts-surface").first().waitFor({ timeout: 10_000 });
      await expect.poll(() => page.locator(".recharts-surface").count()).toBeGreaterThanOrEqual(charts);
      await expect(page.getByTestId("data-as-of").textContent()).resolves.toMatch(/Data as of \d\d:\d\d (UTC|[A-Z]{3,5}|GMT[+-][\d:]+)$/);
      if (path === "/admin/fraud") expect(await page.getByTestId("pending-flag-row").count()).toBeGreaterThan(0);
    });
  }

  it("rate cards show percentage points, the rating card stars; the margin chart is the accrued margin", async () => {
    await page.goto(baseURL() + "/admin/quality?period=year");
    for (const id of ["kpi-first-time-approval", "kpi-revision-rate", "kpi-rejection-rate"]) {
      const delta = page.getByTestId(`${id}-delta`);
      expect(await delta.getAttribute("data-unit"), id).toBe("pp");
      expect(await delta.textContent(), id).toMatch(/^([+−]\d+\.\d pp|no change|no previous data) /);
    }
    expect(await page.getByTestId("kpi-avg-rating-delta").textContent()).toMatch(/^([+−]\d\.\d\d ★|no change|no previous data) /);
    await page.goto(baseURL() + "/admin?period=year");
    await page.getByTestId("chart-revenue").locator(".recharts-surface").waitFor();
    await expect(page.getByTestId("chart-revenue").textContent()).resolves.toContain("Accrued margin");
    await expect(page.getByTestId("kpi-accrued-margin").textContent()).resolves.toMatch(/^Accrued margin -?\$[\d,]+\.\d\d$/);
  });

  it("the period selector changes the numbers", async () => {
    await page.goto(baseURL() + "/admin?period=day");
    const before = await page.getByTestId("kpi-revenue-value").textContent();
    await page.getByLabel("Period").selectOption("year");
    await page.waitForURL(/period=year/);
    await expect.poll(() => page.getByTestId("kpi-revenue-value").textContent(), { timeout: 15_000 }).not.toBe(before);
    const r = await api(`${A}/dashboard?period=year`, { token: adminToken });
    const shown = Number((await page.getByTestId("kpi-revenue-value").textContent())!.replace(/[$,]/g, ""));
    expect(shown).toBe(r.json.summary.revenue);
  });

  it("the level drill-down opens the level's creator list, sortable", async () => {
    await page.goto(baseURL() + "/admin/creator-levels");
    await page.getByTestId("level-link-J").click();
    await page.waitForURL(/\/admin\/creator-levels\/[0-9a-f-]{36}$/);
    await page.getByTestId("admin-level-creators").waitFor();
    const rows = await page.getByTestId("level-creator-row").count();
    const expected = (await pool.query(`SELECT count(*)::int AS n FROM users u JOIN creator_levels l ON l.id = u.creator_level_id WHERE l.code = 'J' AND u.role = 'creator'`)).rows[0].n;
    expect(rows).toBe(Math.min(expected, 25));
    await page.getByTestId("sort-earnings").click();
    await page.waitForURL(/sort=earnings/);
    await expect(page.getByTestId("pagination-status").textContent()).resolves.toContain(`${expected} total`);
  });

  it("a payment made while the page is open appears in the activity feed without a reload", async () => {
    await page.goto(baseURL() + "/admin");
    const feed = page.getByTestId("activity-feed");
    await feed.waitFor();
    const navigations: string[] = [];
    page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
    await pool.query(`INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at)
      SELECT id, 'charge', 'succeeded', 4321.98, 'card', now() FROM users WHERE email = 'uploader@example.com'`);
    const item = feed.getByTestId("activity-item").filter({ hasText: "$4,321.98" });
    await item.first().waitFor({ timeout: 20_000 });
    expect(await item.first().getAttribute("data-type")).toBe("payment_received");
    expect(await feed.getByTestId("activity-item").first().textContent()).toContain("$4,321.98");
    expect(navigations).toEqual([]);
  });
});
