// Webhooks over HTTP against `next start` and in Chromium: every route is
// admin only (401 anonymous, 403 other roles, 404 unknown, 400 naming the
// field); create → 201 with the secret once; the test event is sent by the
// app's own job to a receiver on loopback, signed; replay, re-enable, delete;
// and the page at 390 px with the keyboard: create, the secret shown once,
// a delivery with its attempt.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, tokenFor } from "../helpers/http";

let server: http.Server;
let receiver: string;
const hits: { path: string; raw: string; signature: string; id: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", raw, signature: String(req.headers["webhook-signature"]), id: String(req.headers["webhook-id"]) });
      res.writeHead(200, { "content-type": "text/plain" }).end("received");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  receiver = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

/** The scheme, written independently: HMAC-SHA256(secret, "<t>.<raw body>") in hex. */
function verified(raw: string, header: string, secret: string) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  return crypto.createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(`${m[1]}.${raw}`, "utf8")).digest("hex") === m[2];
}

const MISSING = "00000000-0000-4000-8000-000000000000";

describe("webhooks API", () => {
  it("every route: 401 without credentials, 403 for other roles", async () => {
    const routes: [string, string][] = [
      ["GET", "/api/v1/admin/webhooks"], ["POST", "/api/v1/admin/webhooks"], ["GET", `/api/v1/admin/webhooks/${MISSING}`],
      ["PATCH", `/api/v1/admin/webhooks/${MISSING}`], ["DELETE", `/api/v1/admin/webhooks/${MISSING}`],
      ["GET", `/api/v1/admin/webhooks/${MISSING}/deliveries`], ["POST", `/api/v1/admin/webhooks/${MISSING}/test`],
      ["POST", `/api/v1/admin/webhooks/${MISSING}/deliveries/${MISSING}/replay`],
    ];
    const uploader = await tokenFor("uploader@example.com");
    const creator = await tokenFor("creator@example.com");
    for (const [method, path] of routes) {
      const json = method === "POST" || method === "PATCH" ? { url: "https://example.com/h", events: ["alert.firing"], enabled: true } : undefined;
      expect((await api(path, { method, json })).status, `${method} ${path} anonymous`).toBe(401);
      expect((await api(path, { method, json, token: "nope" })).status, `${method} ${path} bad token`).toBe(401);
      for (const token of [uploader, creator]) expect((await api(path, { method, json, token })).status, `${method} ${path} other role`).toBe(403);
    }
  });

  it("404 for an unknown endpoint or delivery, 400 naming the field", async () => {
    const admin = await tokenFor("admin@example.com");
    for (const [method, path, json] of [
      ["GET", `/api/v1/admin/webhooks/${MISSING}`], ["DELETE", `/api/v1/admin/webhooks/${MISSING}`], ["PATCH", `/api/v1/admin/webhooks/${MISSING}`, { enabled: true }],
      ["GET", `/api/v1/admin/webhooks/${MISSING}/deliveries`], ["POST", `/api/v1/admin/webhooks/${MISSING}/test`],
      ["POST", `/api/v1/admin/webhooks/${MISSING}/deliveries/${MISSING}/replay`],
    ] as [string, string, unknown?][]) {
      const r = await api(path, { method, token: admin, json });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.json.error.code).toBe("not_found");
    }
    const bad: [string, string, unknown, string][] = [
      ["POST", "/api/v1/admin/webhooks", { url: "ftp://example.com/h", events: ["alert.firing"] }, "url"],
      ["POST", "/api/v1/admin/webhooks", { url: "not a url", events: ["alert.firing"] }, "url"],
      ["POST", "/api/v1/admin/webhooks", { url: "https://user:pw@example.com/h", events: ["alert.firing"] }, "url"],
      ["POST", "/api/v1/admin/webhooks", { url: "https://example.com/h", events: [] }, "events"],
      ["POST", "/api/v1/admin/webhooks", { url: "https://example.com/h", events: ["alert.firing", "payment.made"] }, "events.1"],
      ["POST", "/api/v1/admin/webhooks", { url: "https://example.com/h" }, "events"],
      ["POST", "/api/v1/admin/webhooks", { url: "https://example.com/h", events: ["alert.firing"], secret: "mine" }, "body"],
      ["PATCH", `/api/v1/admin/webhooks/${MISSING}`, { enabled: "yes" }, "enabled"],
      ["PATCH", `/api/v1/admin/webhooks/${MISSING}`, {}, "enabled"],
      ["GET", "/api/v1/admin/webhooks/not-a-uuid", undefined, "id"],
      ["GET", `/api/v1/admin/webhooks/${MISSING}/deliveries?per_page=0`, undefined, "per_page"],
      ["POST", `/api/v1/admin/webhooks/${MISSING}/deliveries/nope/replay`, undefined, "deliveryId"],
    ];
    for (const [method, path, json, field] of bad) {
      const r = await api(path, { method, token: admin, json });
      expect(r.status, `${method} ${path} ${JSON.stringify(json)}`).toBe(400);
      expect(r.json.error.field, `${method} ${path} ${JSON.stringify(json)}`).toBe(field);
    }
  });

  it("registers an endpoint (secret once), sends a signed test event through the job, replays it, re-enables and deletes", async () => {
    const admin = await tokenFor("admin@example.com");
    const key = crypto.randomUUID();
    const body = { url: `${receiver}/api-hook`, events: ["report_run.completed", "alert.firing"] };
    const created = await api("/api/v1/admin/webhooks", { method: "POST", token: admin, json: body, headers: { "Idempotency-Key": key } });
    expect(created.status).toBe(201);
    expect(created.json.webhook).toMatchObject({ url: body.url, events: body.events, enabled: true });
    expect(created.json.secret).toMatch(/^whsec_/);
    const id = created.json.webhook.id;
    const secret = created.json.secret;
    // the same request again (a retry): the same endpoint, not a second one
    const again = await api("/api/v1/admin/webhooks", { method: "POST", token: admin, json: body, headers: { "Idempotency-Key": key } });
    expect(again.json.webhook.id).toBe(id);
    const list = await api("/api/v1/admin/webhooks", { token: admin });
    expect(list.json.webhooks.filter((w: { url: string }) => w.url === body.url)).toHaveLength(1);
    // the secret is never shown again
    const one = await api(`/api/v1/admin/webhooks/${id}`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.text).not.toContain(secret);
    expect(list.text).not.toContain(secret);

    const test = await api(`/api/v1/admin/webhooks/${id}/test`, { method: "POST", token: admin });
    expect(test.status).toBe(202);
    expect(test.json.delivery).toMatchObject({ type: "webhook.test", status: "pending" });
    const deliveryId = test.json.delivery.id;
    // the app's deliver-webhooks job (started by the request, in the background) sends it
    await expect.poll(() => hits.filter((h) => h.path === "/api-hook").length, { timeout: 30_000 }).toBe(1);
    const hit = hits.find((h) => h.path === "/api-hook")!;
    expect(verified(hit.raw, hit.signature, secret)).toBe(true);
    expect(JSON.parse(hit.raw)).toMatchObject({ id: test.json.delivery.event_id, type: "webhook.test", data: { webhook_id: id } });
    await expect.poll(async () => (await api(`/api/v1/admin/webhooks/${id}/deliveries`, { token: admin })).json.deliveries[0].status, { timeout: 30_000 }).toBe("succeeded");
    const deliveries = await api(`/api/v1/admin/webhooks/${id}/deliveries?per_page=1`, { token: admin });
    expect(deliveries.json).toMatchObject({ page: 1, per_page: 1, has_more: false, total: 1 });
    expect(deliveries.json.deliveries[0].attempts).toEqual([expect.objectContaining({ attempt: 1, succeeded: true, status_code: 200, response_excerpt: "received" })]);

    const replay = await api(`/api/v1/admin/webhooks/${id}/deliveries/${deliveryId}/replay`, { method: "POST", token: admin });
    expect(replay.status).toBe(202);
    await expect.poll(() => hits.filter((h) => h.path === "/api-hook").length, { timeout: 30_000 }).toBe(2);
    expect(hits.filter((h) => h.path === "/api-hook").map((h) => h.id)).toEqual([hit.id, hit.id]);

    const off = await api(`/api/v1/admin/webhooks/${id}`, { method: "PATCH", token: admin, json: { enabled: false } });
    expect(off.json.webhook).toMatchObject({ enabled: false, disabled_reason: "disabled by admin@example.com" });
    expect((await api(`/api/v1/admin/webhooks/${id}/test`, { method: "POST", token: admin })).status).toBe(409);
    const on = await api(`/api/v1/admin/webhooks/${id}`, { method: "PATCH", token: admin, json: { enabled: true } });
    expect(on.json.webhook).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
    expect((await api(`/api/v1/admin/webhooks/${id}`, { method: "DELETE", token: admin })).json).toEqual({ deleted: true });
    expect((await api(`/api/v1/admin/webhooks/${id}`, { token: admin })).status).toBe(404);
  });
});

describe.skipIf(!browserAvailable)("webhooks page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("creates an endpoint with the keyboard at 390 px, shows the secret once, and a test delivery with its attempt", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await signInPage(page, "admin@example.com");
    expect(await page.locator('nav[aria-label=Main] a[href="/admin/webhooks"]').count()).toBe(1);
    const res = await page.goto(baseURL() + "/admin/webhooks");
    expect(res?.status()).toBe(200);
    await page.waitForLoadState("networkidle"); // hydrated
    const url = `${receiver}/page-hook`;

    // keyboard only: the URL field, Tab through the event boxes (Space unticks one), Enter submits
    await page.getByLabel("Endpoint URL (http or https)").focus();
    await page.keyboard.type(url);
    await page.keyboard.press("Tab"); // first event checkbox
    await page.keyboard.press("Space"); // report_run.completed off
    await page.getByLabel("Endpoint URL (http or https)").focus();
    await page.keyboard.press("Enter");
    const secret = (await page.getByTestId("webhook-secret").textContent({ timeout: 20_000 }))!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const row = page.getByTestId("webhook-row").filter({ hasText: url });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await expect(row.textContent()).resolves.not.toContain("report_run.completed");
    await expect(row.textContent()).resolves.toContain("alert.firing");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // shown once: after a reload it is gone from the page
    await page.reload();
    await page.getByTestId("webhooks-table").waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByTestId("webhook-secret").count()).toBe(0);

    // open its deliveries by keyboard, send a test event, see the delivery succeed with its attempt
    await page.getByTestId("webhook-row").filter({ hasText: url }).getByRole("link", { name: url }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("webhook-deliveries").waitFor();
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: `Send a test event to ${url}` }).click();
    await expect.poll(() => page.getByTestId("delivery-status").first().textContent(), { timeout: 30_000 }).toBe("succeeded");
    expect(hits.filter((h) => h.path === "/page-hook")).toHaveLength(1);
    expect(verified(hits.find((h) => h.path === "/page-hook")!.raw, hits.find((h) => h.path === "/page-hook")!.signature, secret)).toBe(true);
    const deliveryRow = page.getByTestId("delivery-row").first();
    await expect(deliveryRow.textContent()).resolves.toContain("webhook.test");
    await deliveryRow.getByText("1 attempt").click();
    await expect(deliveryRow.getByTestId("delivery-attempts").textContent()).resolves.toMatch(/#1 .*succeeded · HTTP 200 · \d[\d,]* ms/);
    await expect(deliveryRow.getByTestId("delivery-attempts").textContent()).resolves.toContain("received");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
