// Benchmark suite for the per-user dashboards (issue 4): the uploader
// dashboard, creator dashboard and creator earnings functions for the demo
// accounts, every period, p95 target 50 ms at scale large; and — unless
// --no-browser — the three pages in Chromium against `next start` on the
// bench database: navigation until the first chart is drawn
// (.recharts-surface), p95 target 1 s, plus the HTTP time of each endpoint.
//
// "now" is the bench's fixed instant, 23:30 UTC of the seed's last day, for
// the function calls and — through BENCH_NOW — for the server. Nothing is
// cached in the app (the rollups are tables): the "cold" rows are the first
// request of each creator API after each start of `next start`, the "warm"
// rows the requests after it.
import type { ChildProcess } from "node:child_process";
import { creatorDashboard } from "@/lib/analytics/creator";
import { creatorEarnings, shiftDay } from "@/lib/analytics/creator-earnings";
import { uploaderDashboard, uploaderUploads } from "@/lib/analytics/uploader";
import { startAppOnFreePort } from "@/lib/app-server";
import { apiToken, chartsDrawnTimes, launchChromium, signIn } from "./browser";
import { Prisma } from "@/lib/generated/prisma/client";
import { localDate } from "@/lib/period";
import { coldFirstRequests } from "./cold";
import { judgedOnP95 as onP95, measure, measureGet, result, serverEnv, type BenchContext, type BenchResult, type BenchSuite } from "./harness";

const SUITE = "user-dashboards";
export const TARGETS = { apiP95Ms: 50, chartsDrawnP95Ms: 1_000 };
/** Issue 8: the first request after a start, and the requests after it, of the creator APIs. */
const COLD_TARGET_MS = 100;
const WARM_TARGET_MS = 25;
const PERIODS = ["week", "month", "quarter", "year"] as const;


type Demo = { id: string; time_zone: string; creator_level_id: string | null };

async function demoUsers(ctx: BenchContext) {
  const rows = await ctx.db.$queryRaw<(Demo & { email: string })[]>(Prisma.sql`
    SELECT email::text, id::text, time_zone, creator_level_id::text FROM users WHERE email IN ('uploader@example.com', 'creator@example.com')`);
  const uploader = rows.find((r) => r.email === "uploader@example.com");
  const creator = rows.find((r) => r.email === "creator@example.com");
  if (!uploader || !creator) throw new Error("the bench database has no demo uploader/creator");
  const [n] = await ctx.db.$queryRaw<{ uploads: number; assignments: number }[]>(Prisma.sql`
    SELECT (SELECT count(*)::int FROM uploads WHERE uploader_id = ${uploader.id}::uuid) AS uploads,
           (SELECT count(*)::int FROM assignments WHERE creator_id = ${creator.id}::uuid) AS assignments`);
  return { uploader, creator, ...n };
}

/** next start on the bench database; each page in Chromium as its demo user, then each endpoint over HTTP. */
async function browserRuns(ctx: BenchContext, runs: number): Promise<BenchResult[]> {
  ctx.log("building the app (NEXT_DIST_DIR respected) …");
  let child: ChildProcess | undefined;
  const browser = await launchChromium();
  const out: BenchResult[] = [];
  try {
    const app = await startAppOnFreePort(ctx.url, serverEnv(ctx));
    child = app.child;
    const base = app.baseURL;
    for (const [email, path] of [["uploader@example.com", "/dashboard"], ["creator@example.com", "/creator"], ["creator@example.com", "/creator/earnings"]] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await signIn(page, base, email);
      const drawn = await chartsDrawnTimes(page, `${base}${path}`, runs);
      out.push(onP95(result(SUITE, `${path} navigation → charts drawn (Chromium)`, drawn, TARGETS.chartsDrawnP95Ms)));
      await context.close();
    }

    // HTTP round trip of each endpoint with a bearer token (auth + JSON included)
    const tokens = { uploader: await apiToken(base, "uploader@example.com"), creator: await apiToken(base, "creator@example.com") };
    for (const [who, path] of [
      ["uploader", "uploader/dashboard"], ["creator", "creator/dashboard"], ["creator", "creator/earnings"],
    ] as const) {
      out.push(onP95(await measureGet(SUITE, `HTTP GET …/analytics/${path}`, `${base}/api/v1/analytics/${path}`, tokens[who], { runs: runs * 2, warmup: 2, target: TARGETS.apiP95Ms })));
    }
    return out;
  } finally {
    await browser.close().catch(() => {});
    child?.kill("SIGTERM");
  }
}

export const userDashboardsSuite: BenchSuite = {
  name: SUITE,
  async run(ctx) {
    const { db } = ctx;
    const runs = (n: number) => Math.max(1, Math.round(n * ctx.runsFactor));
    const now = ctx.now;
    const demo = await demoUsers(ctx);
    const results: BenchResult[] = [];
    const report = [
      `user-dashboards: now = ${now.toISOString()}; demo uploader ${demo.uploads} uploads, demo creator ${demo.assignments} assignments; ` +
        `targets: API p95 ≤ ${TARGETS.apiP95Ms} ms, charts drawn p95 ≤ ${TARGETS.chartsDrawnP95Ms} ms`,
    ];
    const api = async (name: string, fn: () => Promise<unknown>) =>
      results.push(onP95(await measure(SUITE, name, fn, { runs: runs(30), warmup: 2, target: TARGETS.apiP95Ms })));
    const up = demo.uploader;
    const cr = demo.creator;

    ctx.log("uploader dashboard and uploads list …");
    for (const period of PERIODS) await api(`uploaderDashboard ${period}`, () => uploaderDashboard(db, up.id, { period, timeZone: up.time_zone, now }));
    await api("uploaderUploads page 1", () => uploaderUploads(db, up.id, { page: 1 }));
    await api("uploaderUploads page 50, pending", () => uploaderUploads(db, up.id, { page: 50, status: "pending" }));

    ctx.log("creator dashboard and earnings …");
    for (const period of PERIODS) await api(`creatorDashboard ${period}`, () => creatorDashboard(db, cr.id, { period, timeZone: cr.time_zone, now }));
    const today = localDate(now, cr.time_zone);
    await api("creatorEarnings default (90 days, weeks)", () => creatorEarnings(db, cr.id, { timeZone: cr.time_zone, now }));
    await api("creatorEarnings 1 year, months", () => creatorEarnings(db, cr.id, { from: shiftDay(today, -364), to: today, granularity: "month", timeZone: cr.time_zone, now }));
    await api("creatorEarnings ~3 years, days", () => creatorEarnings(db, cr.id, { from: shiftDay(today, -1094), to: today, granularity: "day", timeZone: cr.time_zone, now }));

    if (ctx.args["no-browser"]) report.push("user-dashboards: browser runs skipped (--no-browser)");
    else {
      ctx.log("cold: first creator requests after each start of next start …");
      results.push(...(await coldFirstRequests(ctx, SUITE, "creator@example.com", [
        ["creator dashboard", "analytics/creator/dashboard"], ["creator earnings", "analytics/creator/earnings"],
      ], runs(5), COLD_TARGET_MS, WARM_TARGET_MS)));
      try {
        results.push(...(await browserRuns(ctx, runs(10))));
      } catch (err) {
        report.push(`user-dashboards: browser runs failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
      }
    }
    const worst = results.filter((r) => r.target === TARGETS.apiP95Ms && r.p95 !== null).sort((a, b) => b.p95! - a.p95!)[0];
    if (worst) report.push(`user-dashboards: slowest function/endpoint p95 ${worst.p95!.toFixed(1)} ms (${worst.name})`);
    return { results, report };
  },
};
