// Catalog vs dashboards: every catalog metric a dashboard also shows has the
// same value in a custom report over the dashboard's period (UTC, through
// "now") as on the platform, quality and fraud dashboards, for every period
// at NOW_A (closed days from the rollups, today from the base tables).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fraudDashboard } from "@/lib/analytics/fraud";
import { platformDashboard } from "@/lib/analytics/platform";
import { qualityDashboard } from "@/lib/analytics/quality";
import type { Db } from "@/lib/db";
import type { Period } from "@/lib/period";
import { previewReport } from "@/lib/reports/builder";
import type { MetricId } from "@/lib/reports/catalog";
import { reportConfigSchema } from "@/lib/validation/custom-reports";
import { NOW_A, prepareAdminDatabase, RANGES } from "../helpers/admin-data";
import type { TestDatabase } from "../helpers/db";

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ t, db } = await prepareAdminDatabase(1207));
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

const PERIODS: Period[] = ["day", "week", "month", "quarter", "year"];

/** catalog metric → the platform summary field showing it */
const PLATFORM: Partial<Record<MetricId, string>> = {
  revenue: "revenue", refunds: "refunds", net_revenue: "net_revenue", payouts: "payouts", margin: "margin", accrued_margin: "accrued_margin",
  transactions: "transaction_count", new_uploaders: "new_uploaders", new_creators: "new_creators", active_uploaders: "active_uploaders",
  active_creators: "active_creators", assignments_created: "assignments_created",
};
const QUALITY: MetricId[] = ["avg_rating", "first_time_approval_rate", "revision_rate", "rejection_rate"];

async function report(metrics: MetricId[], period: Period, group_by: string[] = []) {
  const start = RANGES.A[period].cur[0].slice(0, 10);
  return previewReport(db, reportConfigSchema.parse({ metrics, date_range: { start_date: start, end_date: "2026-04-02" }, group_by }), NOW_A);
}

describe.each(PERIODS)("period %s at NOW_A", (period) => {
  it("platform dashboard metrics", async () => {
    const dash = await platformDashboard(db, { period, now: NOW_A });
    const got = await report(Object.keys(PLATFORM) as MetricId[], period);
    for (const [m, field] of Object.entries(PLATFORM)) {
      expect(got.totals[m], m).toBe((dash.summary as Record<string, number>)[field!]);
    }
  });

  it("quality dashboard metrics", async () => {
    const dash = await qualityDashboard(db, { period, now: NOW_A });
    const got = await report(QUALITY, period);
    for (const m of QUALITY) expect(got.totals[m], m).toBe((dash.summary as Record<string, number | null>)[m]);
    // and per output type
    const byType = await report(QUALITY, period, ["output_type"]);
    for (const row of dash.by_output_type.filter((r) => r.reviews > 0)) {
      const mine = byType.rows.find((r) => r.output_type === row.code);
      for (const m of QUALITY) expect(mine?.[m], `${row.code} ${m}`).toBe((row as Record<string, unknown>)[m]);
    }
  });

  it("fraud dashboard metrics", async () => {
    const dash = await fraudDashboard(db, { period, now: NOW_A } as Parameters<typeof fraudDashboard>[1]);
    const got = await report(["flags_resolved"], period);
    expect(got.totals.flags_resolved).toBe(dash.summary.resolved_this_period);
    const byType = await report(["flags_created"], period, ["flag_type"]);
    expect(byType.rows.map((r) => ({ type: r.flag_type, count: r.flags_created })).sort((a, b) => String(a.type).localeCompare(String(b.type))))
      .toEqual([...dash.flag_types].sort((a, b) => a.type.localeCompare(b.type)));
  });
});
