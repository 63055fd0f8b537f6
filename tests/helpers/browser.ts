// Debian's Chromium driven by Playwright. Playwright cannot download its own
// browser here, so it is pointed at /usr/bin/chromium (CHROMIUM_PATH
// overrides). Under CI=true a missing browser fails the run instead of
// skipping the browser tests.
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const browserAvailable = fs.existsSync(CHROMIUM_PATH);

if (!browserAvailable && process.env.CI === "true") {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) — .ci/run does this.`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}
