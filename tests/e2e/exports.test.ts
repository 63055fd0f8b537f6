// Reports and exports over real HTTP (next start, in-process jobs) and in
// Chromium: authz of every route, an export from request to download, the
// signed link's rules, and the page: request an export, watch it reach 100%,
// download it, open the emailed link from the outbox.
import fs from "node:fs";
import pg from "pg";
import type { Browser } from "playwright-core";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, tokenFor } from "../helpers/http";

let pool: pg.Pool;
const OTHER_ADMIN = "other-admin@example.com";
const RUN = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  // A second admin with the demo password, to check a link is only for the admin who asked.
  await pool.query(
    `INSERT INTO users (role, email, name, password_hash) SELECT 'admin', $1, 'Other Admin', password_hash FROM users WHERE email = 'admin@example.com'
     ON CONFLICT (email) DO NOTHING`,
    [OTHER_ADMIN],
  );
});
afterAll(() => pool?.end());

const ROUTES: { method: "GET" | "POST"; path: string; json?: unknown }[] = [
  { method: "POST", path: "/api/v1/admin/reports/financial", json: { report_type: "revenue", start_date: "2026-01-01", end_date: "2026-01-31", format: "csv" } },
  { method: "GET", path: "/api/v1/admin/reports/runs" },
  { method: "GET", path: `/api/v1/admin/reports/runs/${RUN}` },
  { method: "POST", path: `/api/v1/admin/reports/runs/${RUN}/cancel`, json: {} },
  { method: "POST", path: "/api/v1/admin/exports", json: { entity: "users", format: "csv" } },
  { method: "POST", path: "/api/v1/admin/exports/estimate", json: { entity: "users" } },
  { method: "GET", path: `/api/v1/admin/exports/${RUN}` },
];

async function waitCompleted(token: string, id: string) {
  let last: any;
  await expect.poll(async () => {
    last = (await api(`/api/v1/admin/exports/${id}`, { token })).json;
    return last.report_run.status;
  }, { timeout: 60_000, interval: 300 }).toBe("completed");
  return last;
}

describe("reports and exports API", () => {
  it("every route: anonymous 401, uploader and creator 403", async () => {
    const uploader = await tokenFor("uploader@example.com");
    const creator = await tokenFor("creator@example.com");
    for (const r of ROUTES) {
      expect((await api(r.path, { method: r.method, json: r.json })).status, `${r.method} ${r.path}`).toBe(401);
      expect((await api(r.path, { method: r.method, json: r.json, token: uploader })).status, `${r.method} ${r.path}`).toBe(403);
      expect((await api(r.path, { method: r.method, json: r.json, token: creator })).status, `${r.method} ${r.path}`).toBe(403);
    }
    expect((await api(`/api/v1/admin/reports/runs/${RUN}/download`, { token: uploader })).status).toBe(403);
    // Not signed in: the re-sign route sends the browser to sign in first.
    const anon = await api(`/api/v1/admin/reports/runs/${RUN}/download`);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/\/sign-in\?callbackUrl=/);
    expect((await api("/api/v1/downloads/not-a-token")).status).toBe(403);
  });

  it("validates: unknown filter keys and bad dates are 400s naming the field", async () => {
    const admin = await tokenFor("admin@example.com");
    const unknown = await api("/api/v1/admin/exports", { method: "POST", token: admin, json: { entity: "users", format: "csv", filters: { colour: "red" } } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain("colour");
    const role = await api("/api/v1/admin/exports", { method: "POST", token: admin, json: { entity: "payouts", format: "csv", filters: { role: "admin" } } });
    expect(role.status).toBe(400);
    expect(role.json.error.field).toBe("filters.role");
    const range = await api("/api/v1/admin/reports/financial", { method: "POST", token: admin, json: { report_type: "revenue", start_date: "2026-02-01", end_date: "2026-01-01", format: "csv" } });
    expect(range.status).toBe(400);
    expect(range.json.error.field).toBe("end_date");
    expect((await api("/api/v1/admin/reports/runs?kind=bogus", { token: admin })).json.error.field).toBe("kind");
    expect((await api(`/api/v1/admin/reports/runs/${RUN}`, { token: admin })).status).toBe(404);
  });

  it("an export from 202 to its file: row count, headers, and the link's rules", async () => {
    const admin = await tokenFor("admin@example.com");
    const other = await tokenFor(OTHER_ADMIN);
    const est = await api("/api/v1/admin/exports/estimate", { method: "POST", token: admin, json: { entity: "transactions", filters: { status: "succeeded" } } });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM payment_transactions WHERE status = 'succeeded'`);
    expect(est.json.estimated_rows).toBe(rows[0].n);

    const started = await api("/api/v1/admin/exports", { method: "POST", token: admin, json: { entity: "transactions", format: "csv", filters: { status: "succeeded" }, notify: false } });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: "processing", estimated_rows: rows[0].n });
    expect(started.json.estimated_time).toBeGreaterThan(0);
    const done = await waitCompleted(admin, started.json.export_id);
    expect(done.report_run).toMatchObject({ kind: "export", entity: "transactions", progress: 100, row_count: rows[0].n, format: "csv" });
    expect(done.report_run.sha256).toMatch(/^[0-9a-f]{64}$/);
    const url = new URL(done.download_url);
    expect(url.pathname).toMatch(/^\/api\/v1\/downloads\//);

    // The same run seen by another admin: no link for them.
    expect((await api(`/api/v1/admin/reports/runs/${started.json.export_id}`, { token: other })).json.download_url).toBeNull();

    const file = await api(url.pathname, { token: admin });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="transactions_all.csv"`);
    expect(Number(file.headers.get("content-length"))).toBe(done.report_run.file_size_bytes);
    const parsed = Papa.parse<string[]>(file.text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(parsed.length - 1).toBe(rows[0].n);
    // By the emailed link without a session: fine. Another admin: 403. Tampered: 403.
    expect((await api(url.pathname)).status).toBe(200);
    expect((await api(url.pathname, { token: other })).status).toBe(403);
    expect((await api(url.pathname.slice(0, -3) + "abc")).status).toBe(403);
    // Re-sign: the admin who asked is sent to a fresh link; another admin is refused.
    const resign = await api(`/api/v1/admin/reports/runs/${started.json.export_id}/download`, { token: admin });
    expect(resign.status).toBe(303);
    expect(resign.headers.get("location")).toMatch(/\/api\/v1\/downloads\//);
    expect((await api(`/api/v1/admin/reports/runs/${started.json.export_id}/download`, { token: other })).status).toBe(403);
    // Cancelling a finished run is a conflict.
    expect((await api(`/api/v1/admin/reports/runs/${started.json.export_id}/cancel`, { method: "POST", token: admin, json: {} })).status).toBe(409);
    // Listed, newest first.
    const list = await api("/api/v1/admin/reports/runs?kind=export&status=completed", { token: admin });
    expect(list.json.runs.map((r: { id: string }) => r.id)).toContain(started.json.export_id);

    // An expired file: its link answers 410.
    await pool.query(`UPDATE report_runs SET expires_at = now() - interval '1 second' WHERE id = $1`, [started.json.export_id]);
    const gone = await api(url.pathname, { token: admin });
    expect(gone.status).toBe(410);
    expect(gone.text).toMatch(/deleted/);
  });
});

describe.skipIf(!browserAvailable)("exports page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("requests an export, watches it reach 100%, downloads it, and opens the emailed link", async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await signInPage(page, "admin@example.com");
    await page.getByRole("link", { name: "Exports" }).click();
    await page.getByTestId("admin-exports").waitFor();

    await page.getByLabel("Data").selectOption("users");
    await page.getByLabel("Role").selectOption("creator");
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM users WHERE role = 'creator'`);
    await expect.poll(() => page.getByTestId("export-estimate").textContent()).toContain(`About ${rows[0].n.toLocaleString("en-US")} rows`);
    await page.getByTestId("export-submit").click();
    const runId = (await page.getByTestId("export-started").getAttribute("data-export-id"))!;
    const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 60_000 }).toBe("completed");
    expect(await row.getByTestId("run-progress").getAttribute("aria-valuenow")).toBe("100");
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/admin-exports-390.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), row.getByTestId("run-download").click()]);
    expect(download.suggestedFilename()).toBe("users_all.csv");
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(Papa.parse(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data.length - 1).toBe(rows[0].n);

    // The email in the outbox, and its link opened in the browser.
    let mail: { text: string; subject: string } | undefined;
    await expect.poll(async () => {
      mail = (await pool.query(`SELECT text, subject FROM outbox_emails WHERE kind = 'report_run' AND ref = $1`, [runId])).rows[0];
      return Boolean(mail);
    }, { timeout: 30_000 }).toBe(true);
    expect(mail!.subject).toMatch(/Your export is ready/);
    const link = /(https?:\/\/[^\s/]+\/api\/v1\/downloads\/[A-Za-z0-9._-]+)/.exec(mail!.text)![1];
    expect(link.startsWith(baseURL())).toBe(true);
    const [emailed] = await Promise.all([page.waitForEvent("download"), page.evaluate((href) => { window.location.href = href; }, link)]);
    expect(emailed.suggestedFilename()).toBe("users_all.csv");
    expect(fs.readFileSync((await emailed.path())!, "utf8")).toBe(text);
    await context.close();
  }, 120_000);
});
