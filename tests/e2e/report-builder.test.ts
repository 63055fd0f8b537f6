// The custom report builder over real HTTP and in Chromium: admin-only API,
// 400s naming the field for bad configs, saved report CRUD, and a report
// built, previewed (chart and table), saved and listed in the browser, at
// desktop and phone width; scheduled every 15 minutes and sent now, the email
// found in the outbox.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, tokenFor } from "../helpers/http";

const config = { metrics: ["revenue", "transactions"], date_range: { relative: "last_30_days" }, group_by: ["week"] };

describe("report builder API", () => {
  it("is admin only", async () => {
    expect((await api("/api/v1/admin/reports/catalog")).status).toBe(401);
    const uploader = await tokenFor("uploader@example.com");
    const creator = await tokenFor("creator@example.com");
    for (const token of [uploader, creator]) {
      expect((await api("/api/v1/admin/reports/catalog", { token })).status).toBe(403);
      expect((await api("/api/v1/admin/reports", { token })).status).toBe(403);
      expect((await api("/api/v1/admin/reports", { method: "POST", token, json: { name: "x", config } })).status).toBe(403);
      expect((await api("/api/v1/admin/reports/preview", { method: "POST", token, json: { config } })).status).toBe(403);
      expect((await api("/api/v1/admin/reports/00000000-0000-4000-8000-000000000000", { token })).status).toBe(403);
      expect((await api("/api/v1/admin/reports/00000000-0000-4000-8000-000000000000", { method: "DELETE", token })).status).toBe(403);
      expect((await api("/api/v1/admin/reports/00000000-0000-4000-8000-000000000000/run", { method: "POST", token, json: {} })).status).toBe(403);
      expect((await api("/api/v1/admin/reports/00000000-0000-4000-8000-000000000000/runs", { token })).status).toBe(403);
    }
  });

  it("lists the catalog", async () => {
    const admin = await tokenFor("admin@example.com");
    const r = await api("/api/v1/admin/reports/catalog", { token: admin });
    expect(r.status).toBe(200);
    expect(r.json.metrics).toHaveLength(22);
    const margin = r.json.metrics.find((m: { id: string }) => m.id === "margin");
    expect(margin).toMatchObject({ label: "Platform margin (cash)", unit: "money", dimensions: ["day", "week", "month", "quarter"] });
    expect(r.json.dimensions.find((d: { id: string }) => d.id === "transaction_type").values).toEqual(["charge", "refund"]);
  });

  it("refuses bad configs with 400 naming the field", async () => {
    const admin = await tokenFor("admin@example.com");
    const bad = async (c: unknown) => {
      const r = await api("/api/v1/admin/reports/preview", { method: "POST", token: admin, json: { config: c } });
      expect(r.status).toBe(400);
      return r.json.error.field;
    };
    expect(await bad({ ...config, metrics: ["revenue", "profit"] })).toBe("config.metrics.1");
    expect(await bad({ ...config, group_by: ["payout_method"] })).toBe("config.group_by.0");
    expect(await bad({ ...config, group_by: ["week", "country", "uploader"] })).toBe("config.group_by");
    expect(await bad({ ...config, filters: [{ dimension: "country", op: "in", values: ["US') OR 1=1; --"] }] })).toBe("config.filters.0.values.0");
  });

  it("previews rows, totals and the chart series", async () => {
    const admin = await tokenFor("admin@example.com");
    const r = await api("/api/v1/admin/reports/preview", { method: "POST", token: admin, json: { config } });
    expect(r.status).toBe(200);
    expect(r.json.columns.map((c: { id: string }) => c.id)).toEqual(["week", "revenue", "transactions"]);
    expect(r.json.rows.length).toBeGreaterThanOrEqual(5);
    const sum = r.json.rows.reduce((s: number, x: { transactions: number }) => s + x.transactions, 0);
    expect(r.json.totals.transactions).toBe(sum);
    expect(r.json.chart).toMatchObject({ index: "week", unit: "money" });
  });

  it("creates, reads, updates, lists and deletes a saved report", async () => {
    const admin = await tokenFor("admin@example.com");
    const created = await api("/api/v1/admin/reports", {
      method: "POST", token: admin,
      json: { name: "Weekly revenue", config, is_scheduled: true, schedule_cron: "0 9 * * 1", recipients: ["finance@example.com"], timezone: "Europe/Paris", format: "xlsx", send_condition: "if_rows" },
    });
    expect(created.status).toBe(201);
    const report = created.json.report;
    expect(report).toMatchObject({ name: "Weekly revenue", report_type: "custom", is_scheduled: true, timezone: "Europe/Paris", format: "xlsx", send_condition: "if_rows" });
    expect(report.schedule_description).toBe("Every Monday at 09:00, Europe/Paris");
    expect(new Date(report.next_run_at).getTime()).toBeGreaterThan(Date.now());
    expect(report.owner.email).toBe("admin@example.com");
    const id = report.id;
    expect((await api(`/api/v1/admin/reports/${id}`, { token: admin })).json.report.config.group_by).toEqual(["week"]);
    const updated = await api(`/api/v1/admin/reports/${id}`, { method: "PUT", token: admin, json: { name: "Weekly revenue (EU)", config, timezone: "UTC" } });
    expect(updated.status).toBe(200);
    expect(updated.json.report).toMatchObject({ name: "Weekly revenue (EU)", is_scheduled: false, next_run_at: null });
    expect((await api("/api/v1/admin/reports", { token: admin })).json.reports.map((r: { id: string }) => r.id)).toContain(id);
    expect((await api(`/api/v1/admin/reports/${id}`, { method: "DELETE", token: admin })).status).toBe(204);
    expect((await api(`/api/v1/admin/reports/${id}`, { token: admin })).status).toBe(404);
    expect((await api(`/api/v1/admin/reports/${id}`, { method: "PUT", token: admin, json: { name: "x", config } })).status).toBe(404);
    const notUuid = await api("/api/v1/admin/reports/robots", { token: admin });
    expect([400, 404]).toContain(notUuid.status);
    const tooMany = await api("/api/v1/admin/reports", { method: "POST", token: admin, json: { name: "x", config, recipients: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) } });
    expect(tooMany.json.error.field).toBe("recipients");
    // run now / send now and the runs with their delivery log
    const withRecipients = await api("/api/v1/admin/reports", { method: "POST", token: admin, json: { name: "Sent now", config, recipients: ["now@example.com"] } });
    const rid = withRecipients.json.report.id;
    const started = await api(`/api/v1/admin/reports/${rid}/run`, { method: "POST", token: admin, json: { send: true } });
    expect(started.status).toBe(202);
    // the slot and its report run (the run engine's) exist at once; the run works in the background
    expect(started.json.run).toMatchObject({ trigger: "send_now", status: expect.stringMatching(/^(running|sent)$/), run_id: expect.any(String) });
    const engineRun = await api(`/api/v1/admin/reports/runs/${started.json.run.run_id}`, { token: admin });
    expect(engineRun.json.report_run).toMatchObject({ kind: "report", report_type: "custom", report_id: rid });
    await expect.poll(async () => (await api(`/api/v1/admin/reports/${rid}/runs`, { token: admin })).json.runs[0]?.status, { timeout: 30_000 }).toBe("sent");
    const runs = (await api(`/api/v1/admin/reports/${rid}/runs`, { token: admin })).json.runs;
    expect(runs[0].deliveries).toMatchObject([{ recipient: "now@example.com", status: "sent", attempts: 1 }]);
    expect((await api(`/api/v1/admin/reports/${rid}/run`, { method: "POST", token: admin, json: { send: "yes" } })).json.error.field).toBe("send");
    expect((await api("/api/v1/admin/reports/00000000-0000-4000-8000-000000000000/run", { method: "POST", token: admin, json: {} })).status).toBe(404);
    await bigFileLink(admin);
    const badCron = await api("/api/v1/admin/reports", { method: "POST", token: admin, json: { name: "x", config, is_scheduled: true, schedule_cron: "*/5 * * * *", recipients: ["a@example.com"] } });
    expect(badCron.json.error.field).toBe("schedule_cron");
  });
});

/** "Send now" of an XLSX report over the server's attachment limit (4 KB in the e2e setup): the email links the file, and the link downloads it anonymously. */
async function bigFileLink(admin: string) {
  const created = await api("/api/v1/admin/reports", {
    method: "POST", token: admin,
    json: { name: "Big revenue file", config: { ...config, group_by: ["day"] }, recipients: ["big-e2e@example.com"], format: "xlsx" },
  });
  const id = created.json.report.id;
  const started = await api(`/api/v1/admin/reports/${id}/run`, { method: "POST", token: admin, json: { send: true } });
  expect(started.status).toBe(202);
  await expect.poll(async () => (await api(`/api/v1/admin/reports/${id}/runs`, { token: admin })).json.runs[0]?.status, { timeout: 60_000 }).toBe("sent");
  const [slot] = (await api(`/api/v1/admin/reports/${id}/runs`, { token: admin })).json.runs;
  const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });
  const { rows } = await pool.query(`SELECT html, attachments FROM outbox_emails WHERE kind = 'scheduled_report' AND ref = $1`, [slot.id]);
  await pool.end();
  expect(rows).toHaveLength(1);
  expect(rows[0].attachments).toBeNull();
  const url = /href="([^"]*\/api\/v1\/downloads\/[^"]+)"/.exec(rows[0].html)![1];
  // the link as the recipient opens it: no session, no token
  const res = await fetch(baseURL() + new URL(url).pathname);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.length).toBe(slot.report_run.file_size_bytes);
  expect(body.length).toBeGreaterThan(4096);
  expect(body.subarray(0, 2).toString()).toBe("PK"); // a zip: the workbook
  expect((await fetch(baseURL() + new URL(url).pathname.slice(0, -3) + "xyz")).status).toBe(403);
}

describe.skipIf(!browserAvailable)("report builder in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function signIn(page: Page) {
    await signInPage(page, "admin@example.com");
  }

  it("builds a report, shows the preview chart, saves it and lists it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole("link", { name: "Report builder" }).click();
    await page.getByTestId("report-builder").waitFor();
    await page.getByLabel("Uploads", { exact: true }).check();
    // a label wrapping a select also reads its selected option ("Group by Day"): find the select by name
    const groupBy = page.locator("select[name=group_by_0]");
    await groupBy.selectOption("week");
    await page.locator("select[name=visualization]").selectOption("bar");
    await page.getByTestId("preview-chart").locator("svg").first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId("preview-table").locator("thead").textContent()).toMatch(/Week.*Revenue.*Uploads/);
    // a dimension the chosen metrics do not allow is not offered
    const options = await groupBy.locator("option").allTextContents();
    expect(options).not.toContain("Payout method");
    await page.locator("input[name=name]").fill("Revenue and uploads by week");
    await page.getByRole("button", { name: "Save report" }).click();
    await page.waitForURL(/\/admin\/reports\/[0-9a-f-]{36}$/);
    await page.getByTestId("report-edit").waitFor();
    await page.getByTestId("preview-chart").locator("svg").first().waitFor({ timeout: 20_000 });
    // schedule it every 15 minutes, then "Send now" from the list
    await page.locator("input[name=is_scheduled]").check();
    await page.locator("input[name=schedule_cron]").fill("*/15 * * * *");
    await page.locator("textarea[name=recipients]").fill("weekly-e2e@example.com");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText(/Saved “Revenue and uploads by week”/).waitFor({ timeout: 20_000 });
    const id = page.url().split("/").pop()!;
    await page.goto(baseURL() + "/admin/reports/saved");
    const row = page.locator(`tr[data-report-id="${id}"]`);
    await expect(row.textContent()).resolves.toMatch(/Revenue and uploads by week.*Every 15 minutes/);
    await row.getByRole("button", { name: "Send now" }).click();
    await expect.poll(() => row.getByTestId("run-message").textContent(), { timeout: 60_000 }).toBe("Sent to 1 recipient");
    const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });
    // the send_now run's email (the in-process dispatcher may also have sent a quarter-hour slot meanwhile)
    const { rows } = await pool.query(`SELECT subject, attachments FROM outbox_emails WHERE to_address = 'weekly-e2e@example.com' AND kind = 'scheduled_report'
       AND ref IN (SELECT id::text FROM report_schedule_slots WHERE trigger = 'send_now')`);
    await pool.end();
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toMatch(/^Revenue and uploads by week — \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    expect(rows[0].attachments[0].filename).toMatch(/\.csv$/);
    await context.close();
  }, 180_000);

  it("fits a 390 px phone and answers 404 for an unknown report", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(baseURL() + "/admin/reports/builder");
    await page.getByTestId("preview-table").waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const res = await page.goto(baseURL() + "/admin/reports/00000000-0000-4000-8000-000000000000");
    expect(res?.status()).toBe(404);
    await context.close();
  }, 180_000);
});
