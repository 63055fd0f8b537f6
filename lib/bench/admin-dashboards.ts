// Benchmark suite for the admin dashboards (issue 5): each admin analytics
// function, every period, with a p95 target of 150 ms at scale large, and —
// unless --no-browser — the platform page in Chromium against `next start`
// on the bench database: navigation to /admin until its charts are drawn
// (.recharts-surface), p95 target 1.5 s, plus the HTTP time of each endpoint.
//
// "now" is the bench's fixed instant, 23:30 UTC of the seed's last day (the
// live part of the day at its largest), for the function calls and — through
// BENCH_NOW — for the server. Nothing is cached in the app: the "cold" row is
// the first request of the quality API after each start of `next start`.
import type { ChildProcess } from "node:child_process";
import { Prisma } from "@/lib/generated/prisma/client";
import { recentActivity } from "@/lib/analytics/activity";
import { levelCreators } from "@/lib/analytics/admin-level-creators";
import { fraudDashboard } from "@/lib/analytics/fraud";
import { creatorLevelStats } from "@/lib/analytics/levels";
import { platformDashboard } from "@/lib/analytics/platform";
import { qualityDashboard } from "@/lib/analytics/quality";
import { startAppOnFreePort } from "@/lib/app-server";
import { apiToken, chartsDrawnTimes, launchChromium, signIn } from "./browser";
import { PERIODS } from "@/lib/period";
import { addDays, backfill, utcDay } from "@/lib/rollups";
import { coldFirstRequests } from "./cold";
import { judgedOnP95 as onP95, measure, measureGet, result, serverEnv, type BenchContext, type BenchResult, type BenchSuite } from "./harness";

const SUITE = "admin-dashboards";
export const TARGETS = { apiP95Ms: 150, chartsDrawnP95Ms: 1_500 };
/** Issue 8: the first request of the quality API after a start. */
const COLD_TARGET_MS = 100;


/** Closed days must have their rollup rows, as in production (the catch-up job writes them). */
async function ensureRollups(ctx: BenchContext, now: Date) {
  const yesterday = addDays(utcDay(now), -1);
  const [row] = await ctx.db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM daily_metrics WHERE date >= ${addDays(yesterday, -400)}::date AND date <= ${yesterday}::date`);
  if (row.n >= 400) return;
  ctx.log("daily_metrics incomplete: backfilling closed days …");
  await backfill(ctx.db, { to: yesterday, now });
}


/** next start on the bench database, Chromium signed in as the demo admin: charts-drawn times and HTTP times. */
async function browserRuns(ctx: BenchContext, runs: number): Promise<BenchResult[]> {
  ctx.log("building the app (NEXT_DIST_DIR respected) …");
  let child: ChildProcess | undefined;
  const browser = await launchChromium();
  try {
    const app = await startAppOnFreePort(ctx.url, serverEnv(ctx));
    child = app.child;
    const base = app.baseURL;
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, base, "admin@example.com");
    const drawn = await chartsDrawnTimes(page, `${base}/admin`, runs);
    const out = [onP95(result(SUITE, "/admin navigation → charts drawn (Chromium)", drawn, TARGETS.chartsDrawnP95Ms))];

    // HTTP round trip of each endpoint with a bearer token (auth + JSON included)
    const token = await apiToken(base, "admin@example.com");
    const [level] = await ctx.db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT id::text FROM creator_levels ORDER BY rank LIMIT 1`);
    for (const path of ["dashboard", "activity", "quality", "fraud", "creator-levels", `creator-levels/${level.id}/creators`]) {
      const name = `HTTP GET …/analytics/${path.replace(level.id, "[levelId]")}`;
      out.push(onP95(await measureGet(SUITE, name, `${base}/api/v1/admin/analytics/${path}`, token, { runs: runs * 2, warmup: 2, target: TARGETS.apiP95Ms })));
    }
    return out;
  } finally {
    await browser.close().catch(() => {});
    child?.kill("SIGTERM");
  }
}

export const adminDashboardsSuite: BenchSuite = {
  name: SUITE,
  async run(ctx) {
    const { db } = ctx;
    const runs = (n: number) => Math.max(1, Math.round(n * ctx.runsFactor));
    const now = ctx.now;
    await ensureRollups(ctx, now);
    const results: BenchResult[] = [];
    const report = [`admin-dashboards: now = ${now.toISOString()} (23:30 UTC of the seed's last day); targets: API p95 ≤ ${TARGETS.apiP95Ms} ms, charts drawn p95 ≤ ${TARGETS.chartsDrawnP95Ms} ms`];
    const api = async (name: string, fn: () => Promise<unknown>) =>
      results.push(onP95(await measure(SUITE, name, fn, { runs: runs(20), warmup: 2, target: TARGETS.apiP95Ms })));


    ctx.log("platform, quality, fraud for every period …");
    for (const period of PERIODS) await api(`platformDashboard ${period}`, () => platformDashboard(db, { period, now }));
    for (const period of PERIODS) await api(`qualityDashboard ${period}`, () => qualityDashboard(db, { period, now }));
    for (const period of PERIODS) await api(`fraudDashboard ${period}`, () => fraudDashboard(db, { period, now }));
    await api("recentActivity (15)", () => recentActivity(db, { limit: 15, now }));

    ctx.log("creator levels and drill-downs …");
    const today = utcDay(now);
    await api("creatorLevelStats, 90 days", () => creatorLevelStats(db, { startDate: addDays(today, -89), endDate: today, now }));
    await api("creatorLevelStats, 3 years", () => creatorLevelStats(db, { startDate: addDays(today, -3 * 365), endDate: today, now }));
    const levels = await db.$queryRaw<{ id: string; code: string }[]>(Prisma.sql`SELECT id::text, code FROM creator_levels ORDER BY rank`);
    for (const l of levels) {
      await api(`levelCreators ${l.code}, by earnings`, () => levelCreators(db, l.id, { sort: "earnings", order: "desc", page: 2, perPage: 25, now }));
    }

    if (ctx.args["no-browser"]) report.push("admin-dashboards: browser runs skipped (--no-browser)");
    else {
      ctx.log("cold: first quality request after each start of next start …");
      results.push(...(await coldFirstRequests(ctx, SUITE, "admin@example.com", [["admin quality", "admin/analytics/quality"]], runs(5), COLD_TARGET_MS, TARGETS.apiP95Ms)));
      try {
        results.push(...(await browserRuns(ctx, runs(10))));
      } catch (err) {
        report.push(`admin-dashboards: browser runs failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
      }
    }
    const worst = results.filter((r) => r.target === TARGETS.apiP95Ms && r.p95 !== null).sort((a, b) => b.p95! - a.p95!)[0];
    if (worst) report.push(`admin-dashboards: slowest function/endpoint p95 ${worst.p95!.toFixed(1)} ms (${worst.name})`);
    return { results, report };
  },
};
