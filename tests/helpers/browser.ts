// Debian's Chromium driven by Playwright. Playwright cannot download its own
// browser here, so it is pointed at /usr/bin/chromium (CHROMIUM_PATH
// overrides). Under CI=true a missing browser fails the run instead of
// skipping the browser tests.
import fs from "node:fs";
import { CHROMIUM_PATH, launchChromium } from "@/lib/bench/browser";

export { CHROMIUM_PATH };
export const browserAvailable = fs.existsSync(CHROMIUM_PATH);

if (!browserAvailable && process.env.CI === "true") {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) — .ci/run does this.`);
}

/** The same Chromium launch the benchmark uses. */
export const launchBrowser = launchChromium;
