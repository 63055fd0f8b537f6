// The pages as each role meets them, over real HTTP (next start, tiny seed)
// and in Chromium: real 403/404 statuses for every role × section, refused
// query parameters named on the page, the phone layout (390 px: no table cut
// off, no sideways page, every nav entry reachable and the active one
// marked), times with their zone, the skip link and keyboard focus, and
// "Run now" showing the run's end state.
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, sessionCookie } from "../helpers/http";

type Role = "admin" | "uploader" | "creator";
const ROLES: Role[] = ["admin", "uploader", "creator"];
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

let pool: pg.Pool;
const ids = { level: "", creator: "", uploader: "", otherUploader: "" };
const cookies = {} as Record<Role, string>;
const zones = {} as Record<Role, string>;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  const one = async (sql: string) => (await pool.query(sql)).rows[0].id as string;
  ids.level = await one(`SELECT id::text FROM creator_levels ORDER BY rank LIMIT 1`);
  ids.creator = await one(`SELECT id::text FROM users WHERE email = 'creator@example.com'`);
  ids.uploader = await one(`SELECT id::text FROM users WHERE email = 'uploader@example.com'`);
  ids.otherUploader = await one(`SELECT id::text FROM users WHERE role = 'uploader' AND email <> 'uploader@example.com' ORDER BY id LIMIT 1`);
  for (const role of ROLES) {
    cookies[role] = await sessionCookie(`${role}@example.com`);
    zones[role] = (await pool.query(`SELECT time_zone FROM users WHERE email = $1`, [`${role}@example.com`])).rows[0].time_zone;
  }
});
afterAll(() => pool?.end());

/** Visible text of a server-rendered page, tags stripped. */
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

describe("every role × every section answers its real HTTP status", () => {
  // [path, admin, uploader, creator]
  const matrix = (): [string, number, number, number][] => [
    ["/admin", 200, 403, 403],
    ["/admin/creator-levels", 200, 403, 403],
    [`/admin/creator-levels/${ids.level}`, 200, 403, 403],
    ["/admin/creator-levels/not-a-level", 404, 403, 403],
    [`/admin/creator-levels/${MISSING_ID}`, 404, 403, 403],
    ["/admin/quality", 200, 403, 403],
    ["/admin/fraud", 200, 403, 403],
    ["/admin/jobs", 200, 403, 403],
    ["/admin/exports", 200, 403, 403],
    ["/admin/reports/builder", 200, 403, 403],
    ["/admin/reports/saved", 200, 403, 403],
    ["/admin/events/keys", 200, 403, 403],
    [`/admin/reports/${MISSING_ID}`, 404, 403, 403],
    ["/dashboard", 403, 200, 403],
    ["/dashboard/uploads", 403, 200, 403],
    [`/dashboard?user_id=${ids.uploader}`, 200, 200, 403],
    [`/dashboard/uploads?user_id=${ids.otherUploader}`, 200, 403, 403],
    [`/dashboard?user_id=${ids.creator}`, 404, 403, 403],
    ["/creator", 403, 403, 200],
    ["/creator/earnings", 403, 403, 200],
    [`/creator?user_id=${ids.creator}`, 200, 403, 200],
    [`/creator/earnings?user_id=${MISSING_ID}`, 404, 403, 403],
    ["/creator?user_id=garbage", 404, 403, 403],
    ["/settings/tokens", 200, 200, 200],
    ["/no-such-page", 404, 404, 404],
  ];

  it("matches the matrix for admin, uploader and creator", async () => {
    const wrong: string[] = [];
    for (const [path, ...expected] of matrix()) {
      for (const [i, role] of ROLES.entries()) {
        const r = await api(path, { cookie: cookies[role] });
        if (r.status !== expected[i]) wrong.push(`${role} ${path}: ${r.status}, expected ${expected[i]}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000); // every path × three roles, one request each: slow on a loaded machine

  it("an anonymous visitor is sent to sign-in from every section", async () => {
    for (const path of ["/admin", "/admin/jobs", "/dashboard", "/creator/earnings", "/settings/tokens"]) {
      const r = await api(path);
      expect(r.status, path).toBe(307);
      expect(r.headers.get("location"), path).toContain("/sign-in?callbackUrl=");
    }
  });

  it("the 403 page tells an admin how to open a user's page, and never to ask an admin", async () => {
    // (the 403 page thrown by the shell arrives in the RSC payload, so the raw response is searched)
    for (const path of ["/creator", "/dashboard/uploads"]) {
      const r = await api(path, { cookie: cookies.admin });
      expect(r.status).toBe(403);
      expect(r.text).not.toMatch(/ask an admin/i);
      expect(r.text).toContain("user_id=");
    }
    const u = await api("/admin", { cookie: cookies.uploader });
    expect(u.text).toMatch(/ask an admin/);
  });
});

describe("a refused query parameter is named on the page, with what is shown instead", () => {
  const cases: [Role, string, RegExp][] = [
    ["creator", "/creator/earnings?from=garbage", /“from” is not a date \(garbage\): showing .* instead/],
    ["creator", "/creator/earnings?from=2026-05-01&to=2026-01-01", /“to” must be on or after from \(from 2026-05-01, to 2026-01-01\): showing .*\(the last 90 days\) instead/],
    ["creator", "/creator/earnings?from=2020-01-01&to=2026-01-01", /“to” must be less than 3 years after from \(from 2020-01-01, to 2026-01-01\): showing/],
    ["creator", "/creator/earnings?granularity=hour", /“granularity” must be one of day, week, month \(hour\): showing .*by /],
    ["creator", "/creator?period=garbage", /“period” must be one of week, month, quarter, year \(garbage\): showing this month instead/],
    ["uploader", "/dashboard?period=day", /“period” must be one of week, month, quarter, year \(day\): showing this month instead/],
    ["uploader", "/dashboard?tz=Mars/Base", /“tz” must be an IANA time zone \(Mars\/Base\): showing days in /],
    ["uploader", "/dashboard/uploads?page=9999", /“page” is past the end \(9999\): showing page \d+ instead/],
    ["uploader", "/dashboard/uploads?status=bogus", /“status” must be one of .* \(bogus\): showing all statuses instead/],
    ["uploader", "/dashboard/uploads?page=abc", /“page” is not a number \(abc\): showing page 1 instead/],
    ["admin", "/admin?period=garbage", /“period” must be one of day, week, month, quarter, year \(garbage\): showing this month instead/],
    ["admin", "/admin/quality?period=decade", /“period” must be one of .* \(decade\): showing this month instead/],
    ["admin", "/admin/fraud?page=9999", /“page” is past the end \(9999\): showing page \d+ instead/],
    ["admin", "/admin/fraud?per_page=1000", /“per_page” must be at most 100 \(1000\): showing 20 flags a page instead/],
    ["admin", "/admin/creator-levels?start_date=2026-05-01&end_date=2026-01-01", /“end_date” must be on or after start_date \(start_date 2026-05-01, end_date 2026-01-01\): showing .* instead/],
    ["admin", "/admin/creator-levels?start_date=2020-01-01&end_date=2026-01-01", /“end_date” must be at most 3 years after start_date/],
    ["admin", "/admin/creator-levels?start_date=2026-02-30", /“start_date” is not a real date \(2026-02-30\)/],
    ["admin", "/admin/creator-levels/LEVEL?sort=bogus", /“sort” must be one of rating, completed_tasks, earnings, days_in_level \(bogus\): showing sorted by rating instead/],
    ["admin", "/admin/creator-levels/LEVEL?page=9999", /“page” is past the end \(9999\): showing page \d+ instead/],
  ];
  it.each(cases)("%s %s", async (role, path, message) => {
    const r = await api(path.replace("LEVEL", ids.level), { cookie: cookies[role] });
    expect(r.status).toBe(200);
    expect(r.text).toContain('role="alert"');
    expect(text(r.text)).toMatch(message);
  });

  it("valid parameters show no notice", async () => {
    for (const [role, path] of [["creator", "/creator/earnings?from=2026-01-01&to=2026-03-01"], ["admin", "/admin?period=week"], ["uploader", "/dashboard/uploads?page=1"]] as const) {
      const r = await api(path, { cookie: cookies[role] });
      expect(r.text, path).not.toContain('data-testid="query-notice"');
    }
  });
});

describe("times carry the viewer's zone", () => {
  /** The abbreviations a zone can show (standard / summer time), written out by hand. */
  const ABBREVIATIONS: Record<string, string[]> = {
    UTC: ["UTC"], "America/Los_Angeles": ["PST", "PDT"], "America/New_York": ["EST", "EDT"], "America/Chicago": ["CST", "CDT"],
    "Europe/London": ["GMT", "BST"], "Europe/Berlin": ["CET", "CEST"], "Europe/Madrid": ["CET", "CEST"], "Asia/Kolkata": ["GMT+5:30"],
  };
  const zoneRe = (role: Role) => {
    const names = ABBREVIATIONS[zones[role]];
    if (!names) throw new Error(`add ${zones[role]} to ABBREVIATIONS`);
    return `(${names.map((n) => n.replace("+", "\\+")).join("|")})`;
  };

  /** A time and its zone in page text: "11:38 PST", "09:05 GMT+5:30" (a capital right after is the next element's text). */
  const TIME_ZONE = /\d\d:\d\d (UTC|GMT[+-][\d:]+|[A-Z]{1,4}T)/g;

  it("'Data as of' on every page and the jobs table use the viewer's zone abbreviation", async () => {
    for (const [role, path] of [
      ["admin", "/admin"], ["admin", "/admin/quality"], ["admin", "/admin/fraud"], ["admin", "/admin/creator-levels"], ["admin", "/admin/jobs"],
      ["uploader", "/dashboard"], ["creator", "/creator"], ["admin", `/creator?user_id=${ids.creator}`],
    ] as const) {
      const r = await api(path, { cookie: cookies[role] });
      const m = /Data as of (\d\d:\d\d (UTC|GMT[+-][\d:]+|[A-Z]{1,4}T))/.exec(text(r.text));
      expect(m, path).not.toBeNull();
      expect(m![2], `${role} ${path}`).toMatch(new RegExp(`^${zoneRe(role)}$`));
    }
    // the jobs page: "Data as of", the last runs and every start time in the table, all in the same zone
    const jobs = text((await api("/admin/jobs", { cookie: cookies.admin })).text);
    const found = [...jobs.matchAll(TIME_ZONE)].map((m) => m[1]);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const z of found) expect(z).toMatch(new RegExp(`^${zoneRe("admin")}$`));
  });
});

describe.skipIf(!browserAvailable)("in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function signedIn(role: Role, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signInPage(page, `${role}@example.com`);
    return page;
  }

  const PAGES: Record<Role, string[]> = {
    admin: ["/admin", "/admin/creator-levels", "/admin/creator-levels/LEVEL", "/admin/quality", "/admin/fraud", "/admin/jobs", "/admin/exports", "/admin/outbox", "/admin/webhooks", "/admin/reports/builder", "/admin/reports/saved", "/admin/events/keys", "/settings/tokens",
      "/dashboard?user_id=UPLOADER", "/dashboard/uploads?user_id=UPLOADER", "/creator?user_id=CREATOR", "/creator/earnings?user_id=CREATOR"],
    uploader: ["/dashboard", "/dashboard/uploads", "/settings/tokens"],
    creator: ["/creator", "/creator/earnings", "/settings/tokens"],
  };

  for (const role of ROLES) {
    it(`at 390 px every ${role} page fits: no table cut off, no sideways scroll, every nav entry reachable and the active one marked`, async () => {
      const page = await signedIn(role, 390);
      const problems: string[] = [];
      for (const p of PAGES[role]) {
        const path = p.replace("LEVEL", ids.level).replace("UPLOADER", ids.uploader).replace("CREATOR", ids.creator);
        const res = await page.goto(baseURL() + path);
        expect(res?.status(), path).toBe(200);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(300); // let the scroll regions measure themselves after hydration
        const found = await page.evaluate(() => {
          const out: string[] = [];
          const width = window.innerWidth;
          if (document.documentElement.scrollWidth > width) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
          for (const table of document.querySelectorAll("main table")) {
            const region = table.closest<HTMLElement>("[data-scroll-container]");
            const card = table.closest<HTMLElement>(".tremor-Card-root") ?? document.querySelector("main")!;
            const fits = table.getBoundingClientRect().right <= card.getBoundingClientRect().right + 1 && table.scrollWidth <= card.clientWidth + 1;
            if (region) {
              // a scroll region must be reachable by keyboard and named
              if (region.tabIndex !== 0 || !region.getAttribute("aria-label")) out.push("scroll region without tabindex/label");
              const overflowing = region.scrollWidth > region.clientWidth + 1;
              if (overflowing && !region.parentElement!.querySelector("[data-testid=scroll-hint]")) out.push("overflowing region without its cue");
              if (region.getBoundingClientRect().right > card.getBoundingClientRect().right + 1) out.push("scroll region wider than its card");
            } else if (!fits) out.push(`table ${table.getAttribute("data-testid") ?? ""} overflows its card without a scroll container`);
          }
          const links = [...document.querySelectorAll<HTMLAnchorElement>("nav[aria-label=Main] a")];
          for (const a of links) {
            const r = a.getBoundingClientRect();
            if (r.width === 0 || r.left < 0 || r.right > width) out.push(`nav entry ${a.textContent} out of view`);
          }
          // an admin's support view of a user's page has no entry of its own in the admin's nav
          const active = links.filter((a) => a.getAttribute("aria-current") === "page").length;
          if (active > 1 || (active === 0 && !location.search.includes("user_id="))) out.push("no single active nav entry");
          return out;
        });
        problems.push(...found.map((f) => `${path}: ${f}`));
      }
      expect(problems).toEqual([]);
      await page.context().close();
    }, 180_000); // the admin has 15 pages, each signed-in load ~4 s on a busy machine
  }

  it("the active nav entry is marked on each page (aria-current and a visible style)", async () => {
    const page = await signedIn("admin", 1440);
    for (const [path, label] of [["/admin/jobs", "Jobs"], ["/settings/tokens", "API tokens"], ["/admin/creator-levels", "Creator levels"]] as const) {
      await page.goto(baseURL() + path);
      const active = page.locator("nav[aria-label=Main] a[aria-current=page]");
      await expect(active.textContent()).resolves.toBe(label);
      const bg = await active.evaluate((a) => getComputedStyle(a).backgroundColor);
      expect(bg).not.toBe("rgba(0, 0, 0, 0)");
    }
    await page.context().close();
  });

  it("the first Tab reaches the skip link, focus is visible, and chart legends are not tab stops", async () => {
    const page = await signedIn("admin", 1440);
    await page.goto(baseURL() + "/admin");
    await page.locator(".recharts-surface").first().waitFor();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement!).outlineStyle }));
    expect(focused.text).toBe("Skip to content");
    expect(focused.outline).toBe("solid");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    const chartTabStops = await page.evaluate(() =>
      [...document.querySelectorAll(".recharts-wrapper, .tremor-Legend-root")].flatMap((c) => [...c.querySelectorAll<HTMLElement>("*")].filter((e) => e.tabIndex >= 0)).length);
    expect(chartTabStops).toBe(0);
    await page.context().close();
  });

  it("a bad parameter's notice is an alert a screen reader announces", async () => {
    const page = await signedIn("creator", 390);
    await page.goto(baseURL() + "/creator/earnings?from=garbage");
    const alert = page.getByRole("alert").filter({ hasText: "“from”" });
    await expect(alert.textContent()).resolves.toMatch(/“from” is not a date \(garbage\): showing .* instead/);
    expect(await alert.isVisible()).toBe(true);
    await page.context().close();
  });

  it("Run now follows the run and shows how it ended", async () => {
    const page = await signedIn("admin", 1440);
    await page.goto(baseURL() + "/admin/jobs");
    await page.getByTestId("run-reconcile-daily-metrics").click();
    await expect
      .poll(() => page.getByTestId("run-state-reconcile-daily-metrics").textContent(), { timeout: 30_000 })
      .toMatch(/^(Completed in \d+\.\d s|Failed: .+)$/);
    await page.context().close();
  });
});
