// Event tracking over real HTTP against `next start`, and in Chromium:
// anonymous and signed-in sends, the text/plain (sendBeacon) rule for cookie
// requests, the admin API's access and validation, and navigating the app
// producing page_view events that show up in the events page's live tail.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, sessionCookie, tokenFor } from "../helpers/http";

const pv = (url: string) => ({ event: "page_view", event_id: crypto.randomUUID(), properties: { url, referrer: null }, anonymous_id: "e2e-anon" });

describe("events API over HTTP", () => {
  it("takes an anonymous batch and answers per event", async () => {
    const r = await api("/api/v1/events", { method: "POST", json: { batch: [pv("/e2e/a"), { event: "page_view", event_id: "x" }], sent_at: new Date().toISOString() } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 1, field: "event_id" }] });
  });

  it("accepts a cookie-authenticated text/plain beacon from this origin, refuses it cross-site", async () => {
    const cookie = await sessionCookie("uploader@example.com");
    const body = JSON.stringify({ batch: [pv("/e2e/beacon")] });
    const ok = await api("/api/v1/events", { method: "POST", cookie, body, headers: { "content-type": "text/plain;charset=UTF-8", origin: baseURL() } });
    expect(ok.status).toBe(200);
    expect(ok.json.accepted).toBe(1);
    const evil = await api("/api/v1/events", { method: "POST", cookie, body, headers: { "content-type": "text/plain", origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    const unknown = await api("/api/v1/events", { method: "POST", cookie, body: JSON.stringify({ batch: [pv("/e2e/x")] }), headers: { "content-type": "text/plain" } });
    expect(unknown.status).toBe(403);
    // other endpoints still refuse text/plain with the cookie
    const tokens = await api("/api/v1/tokens", { method: "POST", cookie, body: JSON.stringify({ name: "x" }), headers: { "content-type": "text/plain", origin: baseURL() } });
    expect(tokens.status).toBe(403);
  });

  it("the analysis API is admin only and names a bad field", async () => {
    expect((await api("/api/v1/admin/analytics/events")).status).toBe(401);
    expect((await api("/api/v1/admin/analytics/events", { token: await tokenFor("creator@example.com") })).status).toBe(403);
    const admin = await tokenFor("admin@example.com");
    const counts = await api("/api/v1/admin/analytics/events?period=week", { token: admin });
    expect(counts.status).toBe(200);
    expect(counts.json.total).toBe(counts.json.by_type.reduce((a: number, t: { events: number }) => a + t.events, 0));
    const bad = await api("/api/v1/admin/analytics/events/funnel?steps=page_view,made_up", { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe("steps.1"); // the second step is the bad one
    const funnel = await api("/api/v1/admin/analytics/events/funnel?steps=upload_initiated,upload_completed&period=year", { token: admin });
    expect(funnel.json.steps).toHaveLength(2);
    // sign-in through the token endpoint was tracked as a custom event
    const tail = await api("/api/v1/admin/analytics/events/tail?type=signed_in&limit=5", { token: admin });
    expect(tail.json.events.length).toBeGreaterThan(0);
  });

  it("write keys: an admin creates one (shown once), a sender uses it and may name the user", async () => {
    const admin = await tokenFor("admin@example.com");
    const created = await api("/api/v1/admin/event-keys", { method: "POST", token: admin, json: { name: "billing" } });
    expect(created.status).toBe(201);
    const me = await api("/api/v1/me", { token: await tokenFor("uploader@example.com") });
    const e = { event: "payment_completed", event_id: crypto.randomUUID(), properties: { amount: 20, method: "card" }, user_id: me.json.id ?? me.json.user?.id };
    const r = await api("/api/v1/events", { method: "POST", json: e, headers: { "x-events-write-key": created.json.key } });
    expect(r.json).toMatchObject({ accepted: 1 });
    const list = await api("/api/v1/admin/event-keys", { token: admin });
    expect(JSON.stringify(list.json)).not.toContain(created.json.key);
    expect((await api(`/api/v1/admin/event-keys/${created.json.id}`, { method: "DELETE", token: admin })).status).toBe(200);
    expect((await api("/api/v1/events", { method: "POST", json: e, headers: { "x-events-write-key": created.json.key } })).status).toBe(401);
  });
});

describe.skipIf(!browserAvailable)("tracker in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("navigating the app sends page_view events that appear in the live tail", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const csp: string[] = [];
    page.on("console", (m) => m.type() === "error" && /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
    await signInPage(page, "admin@example.com");
    // client-side navigations (App Router), each a page_view
    await page.getByRole("link", { name: "Quality" }).click();
    await page.waitForURL(/\/admin\/quality/);
    await page.getByRole("link", { name: "Events" }).click();
    await page.waitForURL(/\/admin\/events/);
    await page.getByTestId("event-live-tail").waitFor();
    await expect.poll(async () => page.locator('[data-testid="tail-event"][data-event-type="page_view"]').allTextContents(), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("/admin/quality")]));
    // the sign-in page's anonymous view was linked to the admin once signed in
    const admin = await tokenFor("admin@example.com");
    const tail = await api("/api/v1/admin/analytics/events/tail?type=page_view&limit=50", { token: admin });
    const signIn = tail.json.events.find((e: { page_url: string }) => e.page_url?.startsWith("/sign-in"));
    expect(signIn?.user_id).toBeTruthy();
    expect(signIn?.anonymous_id).toBeTruthy();
    expect(csp).toEqual([]);
    await context.close();
  });
});
