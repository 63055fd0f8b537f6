// Browser and HTTP steps shared by the dashboard suites (and the launch
// options shared with the e2e tests): Debian's Chromium through Playwright.
import type { Browser, Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // --no-sandbox: runs as root here; the networking flags stop Chromium calling out of this closed machine
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

export async function signIn(page: Page, base: string, email: string, password = "demo-password") {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 60_000 });
}

/** Milliseconds from navigation to the first chart drawn, `runs` times, after one warm-up load. */
export async function chartsDrawnTimes(page: Page, url: string, runs: number): Promise<number[]> {
  await page.goto(url);
  await page.locator(".recharts-surface").first().waitFor({ timeout: 60_000 }); // warm-up (and caches)
  const drawn: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto("about:blank");
    const t0 = performance.now();
    await page.goto(url);
    await page.locator(".recharts-surface").first().waitFor({ state: "visible", timeout: 30_000 });
    drawn.push(performance.now() - t0);
  }
  return drawn;
}

/** A short-lived bearer token from POST /api/v1/auth/token. */
export async function apiToken(base: string, email: string, password = "demo-password"): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/token`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`token for ${email}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}
