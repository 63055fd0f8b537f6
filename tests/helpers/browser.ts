// Debian's Chromium driven by Playwright. Playwright cannot download its own
// browser here, so it is pointed at /usr/bin/chromium (CHROMIUM_PATH
// overrides). Under CI=true a missing browser fails the run instead of
// skipping the browser tests.
import fs from "node:fs";
import type { Page } from "playwright-core";
import { CHROMIUM_PATH, launchChromium } from "@/lib/bench/browser";
import { baseURL } from "./http";

export { CHROMIUM_PATH };
export const browserAvailable = fs.existsSync(CHROMIUM_PATH);

if (!browserAvailable && process.env.CI === "true") {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) — .ci/run does this.`);
}

/** The same Chromium launch the benchmark uses. */
export const launchBrowser = launchChromium;

/**
 * Signs in through the sign-in form (the demo password) and waits until the
 * app has left it. `callbackUrl`: where the form sends the user afterwards.
 */
export async function signInPage(page: Page, email: string, opts: { callbackUrl?: string } = {}) {
  await page.goto(baseURL() + "/sign-in" + (opts.callbackUrl ? `?callbackUrl=${opts.callbackUrl}` : ""));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname !== "/sign-in");
}
