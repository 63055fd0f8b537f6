// The uploader and creator dashboards over real HTTP (who may see what, query
// validation) and in Chromium (cards, charts, period selector, the uploads list).
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

const UPLOADER_API = "/api/v1/analytics/uploader/dashboard";
const CREATOR_API = "/api/v1/analytics/creator/dashboard";
const EARNINGS_API = "/api/v1/analytics/creator/earnings";

let pool: pg.Pool;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  const { rows } = await pool.query(`SELECT email, id FROM users WHERE email IN ('uploader@example.com', 'creator@example.com', 'admin@example.com')`);
  for (const r of rows) ids[r.email.split("@")[0]] = r.id;
  const other = await pool.query(`SELECT role::text, id FROM users WHERE email NOT LIKE '%@example.com' AND role IN ('uploader', 'creator') ORDER BY id`);
  ids.otherUploader = other.rows.find((r) => r.role === "uploader").id;
  ids.otherCreator = other.rows.find((r) => r.role === "creator").id;
  for (const who of ["uploader", "creator", "admin"]) tokens[who] = await tokenFor(`${who}@example.com`);
});
afterAll(() => pool?.end());

describe("who may see which dashboard", () => {
  it("an uploader gets their own numbers (checked against the database)", async () => {
    const r = await api(UPLOADER_API, { token: tokens.uploader });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(expect.arrayContaining(["summary", "all_time", "previous", "deltas", "period", "spending_trend", "output_type_breakdown", "recent_uploads"]));
    expect(r.json.period.name).toBe("month");
    const { rows } = await pool.query(
      `SELECT count(*) FILTER (WHERE created_at >= $2 AND created_at < $3)::int AS cur, count(*) FILTER (WHERE created_at < $3)::int AS all
       FROM uploads WHERE uploader_id = $1`,
      [ids.uploader, r.json.period.start, r.json.period.end],
    );
    expect(r.json.summary.uploads_count).toBe(rows[0].cur);
    expect(r.json.all_time.uploads_count).toBe(rows[0].all);
  });

  it("a creator gets their own numbers", async () => {
    const r = await api(CREATOR_API, { token: tokens.creator });
    expect(r.status).toBe(200);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM assignments WHERE creator_id = $1 AND status = 'approved' AND completed_at < $2`, [ids.creator, r.json.period.end]);
    expect(r.json.all_time.completed_tasks).toBe(rows[0].n);
    const e = await api(EARNINGS_API, { token: tokens.creator });
    expect(e.status).toBe(200);
    expect(e.json.range.granularity).toBe("week");
    // hours worked are a union of work intervals inside the range: never more than the hours it has had so far
    const elapsed = (Math.min(Date.parse(e.json.range.end), Date.now()) - Date.parse(e.json.range.start)) / 3600_000;
    expect(e.json.summary.hours_worked).toBeGreaterThan(0);
    expect(e.json.summary.hours_worked).toBeLessThanOrEqual(elapsed);
    const credited = e.json.by_output_type.reduce((sum: number, t: { hours_worked: number | null }) => sum + (t.hours_worked ?? 0), 0);
    expect(Math.abs(credited - e.json.summary.hours_worked)).toBeLessThanOrEqual(0.05 * e.json.by_output_type.length + 0.05);
  });

  it("a browser session works as well as a token", async () => {
    const cookie = await sessionCookie("uploader@example.com");
    const r = await api(`${UPLOADER_API}?period=week`, { cookie });
    expect(r.status).toBe(200);
    expect(r.json.period.name).toBe("week");
  });

  it("an admin may open anyone's dashboard with ?user_id= and sees what they see", async () => {
    const own = await api(`${UPLOADER_API}?period=year`, { token: tokens.uploader });
    const asAdmin = await api(`${UPLOADER_API}?period=year&user_id=${ids.uploader}`, { token: tokens.admin });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.json.all_time).toEqual(own.json.all_time);
    expect(asAdmin.json.period.tz).toBe(own.json.period.tz);
    const creator = await api(`${CREATOR_API}?user_id=${ids.creator}`, { token: tokens.admin });
    expect(creator.status).toBe(200);
    expect((await api(`${EARNINGS_API}?user_id=${ids.otherCreator}`, { token: tokens.admin })).status).toBe(200);
  });

  it("admin: a user of the wrong role or no such user is 404; no user_id at all is 403", async () => {
    expect((await api(`${UPLOADER_API}?user_id=${ids.creator}`, { token: tokens.admin })).status).toBe(404);
    expect((await api(`${CREATOR_API}?user_id=00000000-0000-4000-8000-000000000000`, { token: tokens.admin })).status).toBe(404);
    expect((await api(UPLOADER_API, { token: tokens.admin })).status).toBe(403);
  });

  it("anyone else passing user_id is refused with 403", async () => {
    const r = await api(`${UPLOADER_API}?user_id=${ids.otherUploader}`, { token: tokens.uploader });
    expect(r.status).toBe(403);
    expect(r.json.error.field).toBe("user_id");
    expect((await api(`${CREATOR_API}?user_id=${ids.otherCreator}`, { token: tokens.creator })).status).toBe(403);
    expect((await api(`${EARNINGS_API}?user_id=${ids.otherCreator}`, { token: tokens.creator })).status).toBe(403);
  });

  it("the wrong role gets 403, anonymous 401", async () => {
    for (const path of [CREATOR_API, EARNINGS_API]) expect((await api(path, { token: tokens.uploader })).status).toBe(403);
    expect((await api(UPLOADER_API, { token: tokens.creator })).status).toBe(403);
    for (const path of [UPLOADER_API, CREATOR_API, EARNINGS_API]) {
      const r = await api(path);
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe("unauthorized");
    }
  });

  it("invalid parameters are 400 naming the field", async () => {
    const cases: [string, string, string][] = [
      [UPLOADER_API, "period=day", "period"],
      [UPLOADER_API, "period=fortnight", "period"],
      [UPLOADER_API, "tz=Mars/Olympus_Mons", "tz"],
      [CREATOR_API, "tz=", "tz"],
      [CREATOR_API, "user_id=42", "user_id"],
      [EARNINGS_API, "from=2026-02-30&to=2026-03-10", "from"],
      [EARNINGS_API, "from=2026-03-10&to=2026-03-01", "to"],
      [EARNINGS_API, "from=2020-01-01&to=2024-01-01", "to"],
      [EARNINGS_API, "granularity=hour", "granularity"],
      [EARNINGS_API, "from=2999-01-01", "from"],
    ];
    for (const [path, q, field] of cases) {
      const r = await api(`${path}?${q}`, { token: path === UPLOADER_API ? tokens.uploader : tokens.creator });
      expect(r.status, `${path}?${q}`).toBe(400);
      expect(r.json.error.field, `${path}?${q}`).toBe(field);
    }
    const ok = await api(`${UPLOADER_API}?period=quarter&tz=Asia/Kolkata`, { token: tokens.uploader });
    expect(ok.status).toBe(200);
    expect(ok.json.period).toMatchObject({ name: "quarter", tz: "Asia/Kolkata", granularity: "week" });
  });
});

const kpiTexts = (page: Page) => page.locator("[data-testid^='kpi-'][data-testid$='-value']").allTextContents();

let browser: Browser;

describe.skipIf(!browserAvailable)("in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("the uploader dashboard shows its cards and charts, and the period selector changes the numbers", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, "uploader@example.com");
    await page.goto(baseURL() + "/dashboard?period=week");
    await page.getByTestId("uploader-home").waitFor();
    for (const id of ["kpi-uploads", "kpi-spent", "kpi-delivery", "kpi-pending"]) await expect(page.getByTestId(id).isVisible()).resolves.toBe(true);
    await page.locator(".recharts-surface").first().waitFor({ state: "visible" });
    await expect(page.getByTestId("spending-chart").locator(".recharts-surface").isVisible()).resolves.toBe(true);
    for (const series of ["Charges", "Refunds", "Net"]) await expect(page.getByTestId("spending-chart").textContent()).resolves.toContain(series);
    await expect(page.getByTestId("recent-uploads").locator("li").count()).resolves.toBe(5);
    const week = await kpiTexts(page);
    await page.getByLabel("Period").selectOption("year");
    await page.waitForURL(/period=year/);
    await expect.poll(() => kpiTexts(page)).not.toEqual(week);
    await context.close();
  });

  it("'View all' opens the uploads list, which paginates and filters", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, "uploader@example.com");
    await page.getByTestId("view-all-uploads").click();
    await page.waitForURL(/\/dashboard\/uploads/);
    await expect(page.getByTestId("upload-row").count()).resolves.toBe(20);
    const first = await page.getByTestId("upload-row").first().textContent();
    await expect(page.getByTestId("pagination-status").textContent()).resolves.toMatch(/^Page 1 of \d+/);
    await page.getByRole("link", { name: "Next" }).click();
    await page.waitForURL(/page=2/);
    await expect(page.getByTestId("pagination-status").textContent()).resolves.toMatch(/^Page 2 of/);
    await expect.poll(() => page.getByTestId("upload-row").first().textContent()).not.toBe(first);
    await page.getByTestId("status-filter").getByRole("link", { name: "Completed" }).click();
    await page.waitForURL(/status=completed/);
    const statuses = await page.getByTestId("upload-status").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["Completed"]));
    await context.close();
  });

  it("the creator dashboard shows level progress, cards beside the level average, and charts; the period changes the numbers", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, "creator@example.com");
    await page.getByTestId("creator-home").waitFor();
    for (const id of ["kpi-tasks", "kpi-earnings", "kpi-balance", "kpi-rating", "kpi-on-time", "kpi-first-time", "level-progress", "vs-level-average"]) {
      await expect(page.getByTestId(id).isVisible(), id).resolves.toBe(true);
    }
    await expect(page.getByTestId("level-average").count()).resolves.toBe(5);
    // rates move in percentage points, the rating in stars
    for (const id of ["kpi-on-time", "kpi-first-time"]) expect(await page.getByTestId(`${id}-delta`).getAttribute("data-unit"), id).toBe("pp");
    expect(await page.getByTestId("kpi-on-time-delta").textContent()).toMatch(/^([+−]\d+\.\d pp|no change|no previous data)/);
    expect(await page.getByTestId("kpi-rating-delta").getAttribute("data-unit")).toBe("stars");
    await page.getByTestId("earnings-chart").locator(".recharts-surface").waitFor({ state: "visible" });
    await expect(page.getByTestId("rating-chart").locator(".recharts-surface").isVisible()).resolves.toBe(true);
    const month = await kpiTexts(page);
    await page.getByLabel("Period").selectOption("year");
    await page.waitForURL(/period=year/);
    await expect.poll(() => kpiTexts(page)).not.toEqual(month);
    await context.close();
  });

  it("the earnings page draws its charts and tables, and a new range reloads it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, "creator@example.com");
    await page.goto(baseURL() + "/creator/earnings");
    await page.getByTestId("earnings-by-period").locator(".recharts-surface").waitFor({ state: "visible" });
    // 90 days: at most 2,160 hours worked, shown as "320.8 h"
    const hours = Number((await page.getByTestId("kpi-hours-value").textContent())!.replace(/[^0-9.]/g, ""));
    expect(hours).toBeGreaterThan(0);
    expect(hours).toBeLessThanOrEqual(90 * 24);
    await expect(page.getByTestId("payouts-chart").locator(".recharts-surface").isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("payouts-table").locator("tbody tr").count()).resolves.toBeGreaterThan(0);
    await page.getByRole("link", { name: "Last 12 months" }).click();
    await page.waitForURL(/from=/);
    await page.getByLabel("Group by").selectOption("month");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/granularity=month/);
    await page.getByText("Earnings by month").waitFor({ state: "visible" });
    await context.close();
  });

  it("an admin opens a user's pages with ?user_id=; an uploader cannot", async () => {
    const admin = await browser.newContext();
    const page = await admin.newPage();
    await signInPage(page, "admin@example.com");
    await page.goto(`${baseURL()}/dashboard?user_id=${ids.uploader}`);
    await expect(page.getByTestId("support-view").textContent()).resolves.toContain("uploader@example.com");
    await page.goto(`${baseURL()}/creator?user_id=${ids.creator}`);
    await expect(page.getByTestId("support-view").textContent()).resolves.toContain("creator@example.com");
    await admin.close();

    const uploader = await browser.newContext();
    const up = await uploader.newPage();
    await signInPage(up, "uploader@example.com");
    // The 403 page with a real 403 status, and none of the other uploader's numbers.
    const res = await up.goto(`${baseURL()}/dashboard?user_id=${ids.otherUploader}`);
    expect(res?.status()).toBe(403);
    await expect(up.getByTestId("forbidden").textContent()).resolves.toMatch(/don.t have access/);
    await expect(up.getByTestId("uploader-home").count()).resolves.toBe(0);
    await uploader.close();
  });
});
