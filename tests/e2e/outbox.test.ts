// The outbox over HTTP and in Chromium: admin only, newest first, the test
// email rendered by the running app, and an email recorded by sendMail
// shown safely with its links clickable, at 390 px and with the keyboard.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createPrisma, type Db } from "@/lib/db";
import { sendMail } from "@/lib/mail";
import { exportReadyEmail } from "@/lib/mail/templates";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, tokenFor } from "../helpers/http";

let db: Db;
beforeAll(() => {
  db = createPrisma(inject("databaseUrl"), 2);
});
afterAll(() => db?.$disconnect());

const newestIds = async (n: number) =>
  (await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM outbox_emails ORDER BY created_at DESC, id DESC LIMIT ${n}`).map((r) => r.id);

describe("outbox API", () => {
  it("is admin only, and names a refused parameter", async () => {
    expect((await api("/api/v1/admin/outbox")).status).toBe(401);
    expect((await api("/api/v1/admin/outbox", { token: "not-a-token" })).status).toBe(401);
    for (const who of ["uploader@example.com", "creator@example.com"]) {
      const token = await tokenFor(who);
      expect((await api("/api/v1/admin/outbox", { token })).status).toBe(403);
      expect((await api("/api/v1/admin/outbox/test", { method: "POST", token })).status).toBe(403);
    }
    expect((await api("/api/v1/admin/outbox/test", { method: "POST" })).status).toBe(401);
    const admin = await tokenFor("admin@example.com");
    for (const bad of ["page=0", "page=abc", "per_page=101"]) {
      const r = await api(`/api/v1/admin/outbox?${bad}`, { token: admin });
      expect(r.status).toBe(400);
      expect(r.json.error.field).toBe(bad.split("=")[0]);
    }
  });

  it("lists every email newest first, with the test email rendered by the app", async () => {
    const admin = await tokenFor("admin@example.com");
    for (const i of [1, 2, 3]) await sendMail(db, { to: `order${i}@example.com`, subject: `Order ${i}`, text: "t", html: "<p>h</p>" });
    const sent = await api("/api/v1/admin/outbox/test", { method: "POST", token: admin });
    expect(sent.status).toBe(201);
    expect(sent.json.email.status).toBe("outbox");
    const r = await api("/api/v1/admin/outbox?per_page=4", { token: admin });
    expect(r.status).toBe(200);
    expect(r.json.emails.map((e: { id: string }) => e.id)).toEqual(await newestIds(4));
    expect(r.json.emails.map((e: { subject: string }) => e.subject)).toEqual(["Test email from Marketplace Analytics", "Order 3", "Order 2", "Order 1"]);
    // other test files share this database and send mail too
    expect(r.json).toMatchObject({ page: 1, has_more: r.json.total > 4 });
    const test = r.json.emails[0];
    expect(Object.keys(test)).toEqual(expect.arrayContaining(["id", "to", "subject", "text", "html", "created_at", "status", "error", "attachments"]));
    expect(test).toMatchObject({ to: "admin@example.com", status: "outbox", error: null, attachments: [] });
    // React Email rendered inside next start: both parts, with the outbox link
    expect(test.html).toMatch(/^<!DOCTYPE html/);
    expect(test.html).toContain(`href="${baseURL()}/admin/outbox"`);
    expect(test.text).toContain(`open the outbox ${baseURL()}/admin/outbox`);
    const page2 = await api("/api/v1/admin/outbox?per_page=2&page=2", { token: admin });
    expect(page2.json.emails.map((e: { subject: string }) => e.subject)).toEqual(["Order 2", "Order 1"]);
  });
});

describe.skipIf(!browserAvailable)("outbox page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function signedInAdmin(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signInPage(page, "admin@example.com");
    return page;
  }

  it("shows an email sent with sendMail, opens it by keyboard, and its links work (390 px)", async () => {
    const link = `${baseURL()}/admin/jobs?from=email`;
    const m = await exportReadyEmail({ what: "Transactions export (CSV)", rowCount: 42, sizeBytes: 2048, url: link, expiresAt: new Date(Date.now() + 24 * 3600_000) });
    // script and handlers in an email must never run in the admin's page
    const html = m.html.replace("</body>", `<script>parent.document.title="pwned"</script><img src=x onerror="parent.document.title='pwned'"></body>`);
    await sendMail(db, { to: "admin@example.com", subject: m.subject, text: m.text, html });

    const page = await signedInAdmin(390);
    // the nav entry (the nav may be collapsed behind a menu button at this width)
    expect(await page.locator('nav[aria-label=Main] a[href="/admin/outbox"]').count()).toBe(1);
    await page.goto(baseURL() + "/admin/outbox");
    const row = page.getByTestId("outbox-row").first();
    await expect(row.textContent()).resolves.toContain("Your export is ready: Transactions export (CSV)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // keyboard: focus the subject link and press Enter
    await row.getByRole("link").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("outbox-email").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // the HTML part, in its sandboxed frame: the link opens the page in a new tab
    const frame = page.frameLocator("[data-testid=outbox-email-html]");
    const button = frame.getByRole("link", { name: "Download the file" });
    await expect(button.getAttribute("href")).resolves.toBe(link);
    const [popup] = await Promise.all([page.context().waitForEvent("page"), button.click()]);
    await popup.waitForURL(link);
    expect((await popup.goto(link))?.status()).toBe(200);
    await popup.close();

    // the text part, with the address as a link
    const textLink = page.getByTestId("outbox-email-text").getByRole("link", { name: link });
    const [popup2] = await Promise.all([page.context().waitForEvent("page"), textLink.click()]);
    await popup2.waitForURL(link);
    await popup2.close();

    await page.waitForTimeout(300);
    expect(await page.title()).not.toBe("pwned");
    await page.context().close();
  });

  it("sends a test email from the page and lists it first", async () => {
    const page = await signedInAdmin(1280);
    await page.goto(baseURL() + "/admin/outbox");
    await page.waitForLoadState("networkidle"); // hydrated: the button has its handler
    await page.getByTestId("send-test-email").click();
    await expect.poll(() => page.getByTestId("send-test-email-result").textContent(), { timeout: 20_000 }).toMatch(/Kept in the outbox/);
    await expect.poll(() => page.getByTestId("outbox-row").first().textContent(), { timeout: 20_000 }).toContain("Test email from Marketplace Analytics");
    await page.context().close();
  });
});
