// Benchmark suite for the custom report builder (issue 12): the preview of
// three metrics over one year by day (p95 ≤ 500 ms at scale large) — in UTC,
// where closed days come from the rollup tables, and in a local zone, where
// they come from the base tables — and two dimensions by month (≤ 1 s).
// The dispatcher tick over 1,000 saved schedules (10 due) ≤ 200 ms. "now" is
// the bench's fixed instant (23:30 UTC of the seed's last day).
import { Prisma } from "@/lib/generated/prisma/client";
import { previewReport } from "@/lib/reports/builder";
import { addDays, backfill, utcDay } from "@/lib/rollups";
import { dispatchSchedules } from "@/lib/reports/schedules";
import { reportConfigSchema } from "@/lib/validation/custom-reports";
import { judgedOnP95 as onP95, measure, result, type BenchContext, type BenchResult, type BenchSuite } from "./harness";

const SUITE = "builder";
export const TARGETS = { threeMetricsYearByDayP95Ms: 500, twoDimensionsByMonthP95Ms: 1_000, dispatcherTickP95Ms: 200 };

async function ensureRollups(ctx: BenchContext) {
  const yesterday = addDays(utcDay(ctx.now), -1);
  const [row] = await ctx.db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM daily_metrics WHERE date >= ${addDays(yesterday, -364)}::date AND date <= ${yesterday}::date`);
  if (row.n >= 365) return;
  ctx.log("daily_metrics incomplete: backfilling closed days …");
  await backfill(ctx.db, { to: yesterday, now: ctx.now });
}

export const builderSuite: BenchSuite = {
  name: SUITE,
  async run(ctx) {
    await ensureRollups(ctx);
    const runs = (n: number) => Math.max(3, Math.round(n * ctx.runsFactor));
    const today = utcDay(ctx.now);
    const year = { start_date: addDays(today, -364), end_date: today };
    const cases: [string, unknown, number][] = [
      ["preview: revenue, uploads, assignments completed · 1 year by day (UTC, rollups)",
        { metrics: ["revenue", "uploads", "assignments_completed"], date_range: year, group_by: ["day"] }, TARGETS.threeMetricsYearByDayP95Ms],
      ["preview: same · 1 year by day (America/New_York, base tables)",
        { metrics: ["revenue", "uploads", "assignments_completed"], date_range: year, timezone: "America/New_York", group_by: ["day"] }, TARGETS.threeMetricsYearByDayP95Ms],
      ["preview: assignments completed, avg rating · 1 year by month × output type (UTC)",
        { metrics: ["assignments_completed", "avg_rating"], date_range: year, group_by: ["month", "output_type"] }, TARGETS.twoDimensionsByMonthP95Ms],
      ["preview: revenue, transactions · 1 year by month × country (UTC, base tables)",
        { metrics: ["revenue", "transactions"], date_range: year, group_by: ["month", "country"] }, TARGETS.twoDimensionsByMonthP95Ms],
    ];
    const results: BenchResult[] = [];
    for (const [name, raw, target] of cases) {
      const config = reportConfigSchema.parse(raw);
      results.push(onP95(await measure(SUITE, name, () => previewReport(ctx.db, config, ctx.now), { runs: runs(20), warmup: 2, target })));
    }
    results.push(await dispatcherTick(ctx, runs(20)));
    return { results };
  },
};

/** 1,000 saved schedules (bench-owned, deleted after), 10 of them due at each tick; slots of a run are deleted before the next. */
async function dispatcherTick(ctx: BenchContext, n: number): Promise<BenchResult> {
  const tag = "bench-dispatcher-";
  await ctx.db.$executeRaw(Prisma.sql`DELETE FROM saved_reports WHERE name LIKE ${tag + "%"}`);
  const due = new Date(ctx.now.getTime() - 30_000);
  await ctx.db.$executeRaw(Prisma.sql`
    INSERT INTO saved_reports (name, report_type, config, is_scheduled, schedule_cron, recipients, timezone, next_run_at)
    SELECT ${tag} || g, 'custom', '{"metrics":["revenue"],"date_range":{"relative":"last_7_days"}}', true, '* * * * *', ARRAY['bench@example.com'], 'UTC',
           CASE WHEN g <= 10 THEN ${due.toISOString()}::timestamptz ELSE ${ctx.now.toISOString()}::timestamptz + interval '1 day' END
    FROM generate_series(1, 1000) g`);
  try {
    const reset = Prisma.sql`
      WITH d AS (DELETE FROM report_schedule_slots s USING saved_reports r WHERE r.id = s.report_id AND r.name LIKE ${tag + "%"})
      UPDATE saved_reports SET next_run_at = ${due.toISOString()}::timestamptz WHERE name LIKE ${tag + "%"} AND substr(name, ${tag.length + 1})::int <= 10`;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      await ctx.db.$executeRaw(reset);
      const t0 = performance.now();
      const r = await dispatchSchedules(ctx.db, ctx.now);
      times.push(performance.now() - t0);
      if (r.created.length !== 10) throw new Error(`dispatcher tick created ${r.created.length} slots, expected 10`);
    }
    return onP95(result(SUITE, "dispatcher tick: 1,000 saved schedules, 10 due", times, TARGETS.dispatcherTickP95Ms));
  } finally {
    await ctx.db.$executeRaw(Prisma.sql`DELETE FROM saved_reports WHERE name LIKE ${tag + "%"}`);
  }
}
