import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "../helpers/browser";
import { baseURL } from "../helpers/http";

let browser: Browser;

async function signIn(page: Page, email: string, password = "demo-password") {
  await page.goto(baseURL() + "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe.skipIf(!browserAvailable)("in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  for (const [email, home, testId] of [
    ["uploader@example.com", "/dashboard", "uploader-home"],
    ["creator@example.com", "/creator", "creator-home"],
    ["admin@example.com", "/admin", "admin-home"],
  ] as const) {
    it(`${email} signs in and lands on ${home}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, email);
      await page.waitForURL(baseURL() + home);
      await page.getByTestId(testId).waitFor({ state: "visible" });
      await context.close();
    });
  }

  it("a wrong-role URL shows the 403 page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "uploader@example.com");
    await page.waitForURL(baseURL() + "/dashboard");
    const res = await page.goto(baseURL() + "/admin");
    expect(res?.status()).toBe(403);
    await expect(page.getByTestId("forbidden").textContent()).resolves.toMatch(/don.t have access/);
    await context.close();
  });

  it("an anonymous visitor gets the sign-in page, and returns to the page asked for", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(baseURL() + "/creator");
    await page.waitForURL(/\/sign-in/);
    expect(page.url()).toContain("callbackUrl=%2Fcreator");
    await page.getByLabel("Email").fill("creator@example.com");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(baseURL() + "/creator");
    await context.close();
  });

  it("a wrong password shows an error and stays on sign-in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "admin@example.com", "wrong-password");
    await expect(page.getByTestId("sign-in-error").textContent()).resolves.toMatch(/wrong/);
    expect(page.url()).toContain("/sign-in");
    await context.close();
  });

  it("sign-out returns to the sign-in page and ends the session", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "creator@example.com");
    await page.waitForURL(baseURL() + "/creator");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(baseURL() + "/creator");
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });

  it("personal tokens can be created and revoked in settings", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "uploader@example.com");
    await page.waitForURL(baseURL() + "/dashboard");
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.getByLabel("Token name").fill("browser token");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").locator("code").textContent())!;
    expect(token).toMatch(/^mat_/);
    const me = await fetch(baseURL() + "/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    await page.getByRole("row", { name: /browser token/ }).getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => page.getByRole("row", { name: /browser token/ }).textContent()).toMatch(/revoked/);
    const after = await fetch(baseURL() + "/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    await context.close();
  });
});
