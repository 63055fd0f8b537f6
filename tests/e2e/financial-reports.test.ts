// /admin/reports and POST /api/v1/admin/reports/financial/preview over real
// HTTP (next start on the tiny demo data) and in Chromium: admin only, the
// request's validation naming the field, the form's preview with rows and
// totals, a refused input named on the page, phone width and keyboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

const PREVIEW = "/api/v1/admin/reports/financial/preview";
const body = { report_type: "revenue", start_date: "2026-01-01", end_date: "2026-01-31", group_by: "week", timezone: "America/New_York" };

describe("preview API", () => {
  it("answers admins only: 401 anonymous, 403 uploader and creator", async () => {
    expect((await api(PREVIEW, { method: "POST", json: body })).status).toBe(401);
    for (const who of ["uploader@example.com", "creator@example.com"]) {
      const r = await api(PREVIEW, { method: "POST", json: body, token: await tokenFor(who) });
      expect(r.status, who).toBe(403);
    }
    const r = await api(PREVIEW, { method: "POST", json: body, token: await tokenFor("admin@example.com") });
    expect(r.status).toBe(200);
    expect(r.json.columns.map((c: { key: string }) => c.key)).toContain("net_revenue");
    expect(r.json.rows[0].bucket).toBe("2025-12-29"); // the Monday of the week holding 1 January
    expect(r.json.estimated_rows).toBe(5);
    expect(r.json.file_stem).toBe("revenue_2026-01-01_2026-01-31");
  });

  it("an admin's browser session works too (same-origin JSON)", async () => {
    const cookie = await sessionCookie("admin@example.com");
    const r = await api(PREVIEW, { method: "POST", json: body, cookie, headers: { origin: baseURL() } });
    expect(r.status).toBe(200);
  });

  it("validates like the report request, naming the field", async () => {
    const token = await tokenFor("admin@example.com");
    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, end_date: "2025-12-31" }, "end_date"],
      [{ ...body, start_date: "2026-02-30" }, "start_date"],
      [{ ...body, timezone: "Mars/Olympus" }, "timezone"],
      [{ ...body, report_type: "profit" }, "report_type"],
      [{ ...body, group_by: "hour" }, "group_by"],
      [{ ...body, start_date: "2010-01-01" }, "end_date"], // more than 10 years
    ];
    for (const [json, field] of cases) {
      const r = await api(PREVIEW, { method: "POST", json, token });
      expect(r.status, JSON.stringify(json)).toBe(400);
      expect(r.json.error.field).toBe(field);
    }
    // the file format belongs to the request, not the preview
    expect((await api(PREVIEW, { method: "POST", json: { ...body, format: "csv" }, token })).status).toBe(400);
  });
});

describe.skipIf(!browserAvailable)("/admin/reports in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function signedIn(email: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signInPage(page, email);
    return page;
  }
  const bodyRows = (page: Page) => page.locator("[data-testid=preview-table] tbody tr");

  it("previews a report from the form: rows, totals and a chart", async () => {
    const page = await signedIn("admin@example.com");
    await page.getByRole("link", { name: "Reports", exact: true }).click();
    await page.getByTestId("admin-reports").waitFor();
    // the first preview (last month, revenue by day) appears by itself
    await expect.poll(() => bodyRows(page).count(), { timeout: 20_000 }).toBe(20);
    await expect(page.getByTestId("preview-summary").textContent()).resolves.toMatch(/^3[01] rows in the file revenue_/);
    await expect(page.getByTestId("preview-totals").textContent()).resolves.toMatch(/Total \(all rows\).*\$/);
    await page.getByTestId("preview-chart").waitFor();

    await page.getByLabel("Report", { exact: true }).selectOption("transactions");
    await page.getByRole("button", { name: "Last 30 days" }).click();
    await page.getByTestId("preview-button").click();
    await expect.poll(() => page.getByTestId("preview-summary").textContent(), { timeout: 20_000 }).toMatch(/rows in the file transactions_\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv; the first 20 are shown/);
    expect(await bodyRows(page).count()).toBe(20);
    await expect(page.locator("[data-testid=preview-table] thead").textContent()).resolves.toContain("Net revenue effect");
    expect(new URL(page.url()).searchParams.get("report_type")).toBe("transactions");
    await page.context().close();
  });

  it("names a refused input: end before start in the form, a bad date in the address", async () => {
    const page = await signedIn("admin@example.com");
    await page.goto(baseURL() + "/admin/reports");
    // the first preview loads by itself: wait for it, so it cannot land after the refused one
    await expect.poll(() => bodyRows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByLabel("From", { exact: true }).fill("2026-03-10");
    await page.getByLabel("To", { exact: true }).fill("2026-03-01");
    await page.getByTestId("preview-button").click();
    await expect(page.getByTestId("report-error").textContent()).resolves.toMatch(/To: must not be before start_date/);
    await expect(page.getByTestId("preview-table").count()).resolves.toBe(0);

    await page.goto(baseURL() + "/admin/reports?start_date=garbage&end_date=2026-01-31&report_type=refunds");
    await expect(page.getByTestId("query-notice").textContent()).resolves.toMatch(/“start_date” is not a date.*showing last month/);
    await expect(page.getByLabel("Report", { exact: true }).inputValue()).resolves.toBe("refunds");
    await page.context().close();
  });

  it("works at 390 px and with the keyboard", async () => {
    const page = await signedIn("admin@example.com", 390);
    await page.goto(baseURL() + "/admin/reports?report_type=payouts&start_date=2026-01-01&end_date=2026-03-31&group_by=month");
    await expect.poll(() => bodyRows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // the wide table scrolls in its own named, focusable region
    const region = page.getByRole("region", { name: "Report preview" });
    expect(await region.getAttribute("tabindex")).toBe("0");
    // keyboard only: choose another report and preview it with Enter
    await page.getByLabel("Report", { exact: true }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown"); // payouts → … → 1099-NEC, the last option
    await page.getByTestId("preview-button").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("preview-summary").textContent(), { timeout: 20_000 }).toMatch(/tax_1099_2026/);
    await page.context().close();
  });

  it("is admin only", async () => {
    const page = await signedIn("uploader@example.com");
    const res = await page.goto(baseURL() + "/admin/reports");
    expect(res?.status()).toBe(403);
    await page.context().close();
  });
});
