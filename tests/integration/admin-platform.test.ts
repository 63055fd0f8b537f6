// Platform overview against a real PostgreSQL: every number of
// platformDashboard (summary, previous, deltas, trends, creator levels,
// activity) equals an independent plain-SQL computation written here, for
// every period at two fixed "now"s — NOW_A (today's live part, a week that
// crosses 1 April, a previous day cut at 10:15:30.250 on a closed day with a
// stored full-day row) and NOW_B (the last millisecond of March: "today" has a
// stored row that must not be used, February clamped).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recentActivity } from "@/lib/analytics/activity";
import { platformDashboard } from "@/lib/analytics/platform";
import type { Db } from "@/lib/db";
import { aggregateDailyMetrics } from "@/lib/rollups";
import type { Period } from "@/lib/period";
import { NOW_A, NOW_B, prepareAdminDatabase, RANGES } from "../helpers/admin-data";
import type { TestDatabase } from "../helpers/db";

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ t, db } = await prepareAdminDatabase(20261125));
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

const PERIODS: Period[] = ["day", "week", "month", "quarter", "year"];
const GRAN: Record<Period, string> = { day: "hour", week: "day", month: "day", quarter: "week", year: "month" };
const NOWS = { A: NOW_A, B: NOW_B } as const;

// ---- the independent computation ($1 = start, $2 = end, timestamptz) ----
const IN = (col: string) => `${col} >= $1::timestamptz AND ${col} < $2::timestamptz`;
const PERIOD_SQL = `
  WITH v AS (
    SELECT
      (SELECT COALESCE(sum(amount), 0) FROM payment_transactions WHERE type = 'charge' AND status = 'succeeded' AND ${IN("created_at")}) AS revenue,
      (SELECT COALESCE(sum(amount), 0) FROM payment_transactions WHERE type = 'refund' AND status = 'succeeded' AND ${IN("created_at")}) AS refunds,
      (SELECT COALESCE(sum(amount), 0) FROM payouts WHERE status = 'completed' AND ${IN("completed_at")}) AS payouts,
      (SELECT COALESCE(sum(creator_payout), 0) FROM assignments WHERE status = 'approved' AND ${IN("completed_at")}) AS creator_earnings,
      (SELECT count(*) FROM payment_transactions WHERE status = 'succeeded' AND ${IN("created_at")}) AS transaction_count,
      (SELECT count(*) FROM users WHERE role = 'uploader' AND ${IN("created_at")}) AS new_uploaders,
      (SELECT count(*) FROM users WHERE role = 'creator' AND ${IN("created_at")}) AS new_creators,
      (SELECT count(DISTINCT up.uploader_id) FROM uploads up JOIN users u ON u.id = up.uploader_id
        WHERE u.role = 'uploader' AND ${IN("up.created_at")}) AS active_uploaders,
      (SELECT count(DISTINCT a.creator_id) FROM assignments a JOIN users u ON u.id = a.creator_id
        WHERE u.role = 'creator' AND a.status IN ('approved', 'rejected') AND ${IN("a.completed_at")}) AS active_creators,
      (SELECT count(*) FROM assignments WHERE ${IN("created_at")}) AS assignments_created)
  SELECT revenue::text, refunds::text, (revenue - refunds)::text AS net_revenue, payouts::text,
         (revenue - refunds - payouts)::text AS margin, creator_earnings::text,
         (revenue - refunds - creator_earnings)::text AS accrued_margin, transaction_count::int, new_uploaders::int, new_creators::int,
         active_uploaders::int, active_creators::int, assignments_created::int
  FROM v`;

const MONEY = ["revenue", "refunds", "net_revenue", "payouts", "margin", "creator_earnings", "accrued_margin"];

async function expectedPeriod(range: [string, string]) {
  const { rows } = await t.pool.query(PERIOD_SQL, range);
  const row = rows[0];
  for (const k of MONEY) row[k] = Number(row[k]);
  return row as Record<string, number>;
}

/** ($3 = granularity) one row per bucket overlapping [start, end), sums of the rows inside [start, end) only. */
const TREND_SQL = `
  WITH b AS (
    SELECT g AS b FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE 'UTC'), $2::timestamptz AT TIME ZONE 'UTC', ('1 ' || $3)::interval) g
    WHERE g < ($2::timestamptz AT TIME ZONE 'UTC')),
  x AS (
    SELECT b.b,
      (SELECT COALESCE(sum(amount), 0) FROM payment_transactions WHERE type = 'charge' AND status = 'succeeded' AND ${IN("created_at")}
         AND date_trunc($3, created_at AT TIME ZONE 'UTC') = b.b) AS revenue,
      (SELECT COALESCE(sum(amount), 0) FROM payment_transactions WHERE type = 'refund' AND status = 'succeeded' AND ${IN("created_at")}
         AND date_trunc($3, created_at AT TIME ZONE 'UTC') = b.b) AS refunds,
      (SELECT COALESCE(sum(amount), 0) FROM payouts WHERE status = 'completed' AND ${IN("completed_at")}
         AND date_trunc($3, completed_at AT TIME ZONE 'UTC') = b.b) AS payouts,
      (SELECT COALESCE(sum(creator_payout), 0) FROM assignments WHERE status = 'approved' AND ${IN("completed_at")}
         AND date_trunc($3, completed_at AT TIME ZONE 'UTC') = b.b) AS earnings,
      (SELECT count(*) FROM payment_transactions WHERE status = 'succeeded' AND ${IN("created_at")}
         AND date_trunc($3, created_at AT TIME ZONE 'UTC') = b.b) AS tx,
      (SELECT count(*) FROM users WHERE role = 'uploader' AND ${IN("created_at")} AND date_trunc($3, created_at AT TIME ZONE 'UTC') = b.b) AS up,
      (SELECT count(*) FROM users WHERE role = 'creator' AND ${IN("created_at")} AND date_trunc($3, created_at AT TIME ZONE 'UTC') = b.b) AS cr
    FROM b)
  SELECT CASE WHEN $3 = 'hour' THEN to_char(b, 'YYYY-MM-DD"T"HH24:00:00"Z"') ELSE to_char(b, 'YYYY-MM-DD') END AS date,
         revenue::text, (revenue - refunds - payouts)::text AS margin, earnings::text,
         (revenue - refunds - earnings)::text AS accrued_margin, tx::int, up::int, cr::int
  FROM x ORDER BY b`;

/** Every platform value is a count or money: relative change (METRICS.md "Conventions"), |p| so a negative margin's sign stays right. */
const pct = (c: number, p: number) => (p === 0 ? null : Math.round(((c - p) / Math.abs(p)) * 1000) / 10);

describe.each(["A", "B"] as const)("now = NOW_%s", (which) => {
  const now = NOWS[which];

  it.each(PERIODS)("%s: summary, previous and deltas equal plain SQL", async (period) => {
    const r = RANGES[which][period];
    const d = await platformDashboard(db, { period, now });
    expect(d.period).toMatchObject({ name: period, start: r.cur[0], end: r.cur[1], previous_start: r.prev[0], previous_end: r.prev[1], granularity: GRAN[period] });
    expect(d.data_as_of).toBe(now.toISOString());

    const cur = await expectedPeriod(r.cur);
    const prev = await expectedPeriod(r.prev);
    const pending = (await t.pool.query(`SELECT count(*)::int AS n FROM assignments
      WHERE status IN ('open', 'claimed', 'submitted', 'in_review', 'revision_requested')`)).rows[0].n;
    expect(d.summary).toEqual({ ...cur, pending_assignments: pending });
    expect(d.previous).toEqual({ ...prev, pending_assignments: null });
    const deltas = Object.fromEntries(Object.keys(cur).map((k) => [k, pct(cur[k], prev[k])]));
    expect(d.deltas).toEqual({ ...deltas, pending_assignments: null });
    expect(Object.values(d.delta_units).every((u) => u === "percent")).toBe(true);
    // the data must exercise the numbers
    if (period !== "day") expect(cur.transaction_count).toBeGreaterThan(0);
  });

  it.each(PERIODS)("%s: every trend bucket equals plain SQL", async (period) => {
    const r = RANGES[which][period];
    const d = await platformDashboard(db, { period, now });
    const { rows } = await t.pool.query(TREND_SQL, [...r.cur, GRAN[period]]);
    expect(d.trends.revenue).toEqual(rows.map((x) => ({
      date: x.date, value: Number(x.revenue), margin: Number(x.margin), creator_earnings: Number(x.earnings), accrued_margin: Number(x.accrued_margin),
    })));
    expect(d.trends.transactions).toEqual(rows.map((x) => ({ date: x.date, count: x.tx })));
    expect(d.trends.users).toEqual(rows.map((x) => ({ date: x.date, uploaders: x.up, creators: x.cr })));
  });

  it("creators by level and the activity feed equal plain SQL", async () => {
    const d = await platformDashboard(db, { period: "month", now, activityLimit: 12 });
    const levels = (await t.pool.query(`
      SELECT l.code AS level, l.id::text AS level_id, l.name, count(u.id)::int AS count,
             round(100.0 * count(u.id) / NULLIF(sum(count(u.id)) OVER (), 0), 1)::float8 AS percent
      FROM creator_levels l LEFT JOIN users u ON u.role = 'creator' AND u.creator_level_id = l.id
      GROUP BY l.id ORDER BY l.rank`)).rows;
    expect(d.creator_levels).toEqual(levels);

    const events = (await t.pool.query(`
      SELECT type, id, ts FROM (
        SELECT 'task_claimed' AS type, id, claimed_at AS ts FROM assignments WHERE claimed_at <= $1
        UNION ALL SELECT 'payment_received', id, created_at FROM payment_transactions WHERE type = 'charge' AND status = 'succeeded' AND created_at <= $1
        UNION ALL SELECT 'new_signup', id, created_at FROM users WHERE created_at <= $1
        UNION ALL SELECT 'review_submitted', id, completed_at FROM reviews WHERE completed_at <= $1
        UNION ALL SELECT 'upload_completed', id, completed_at FROM uploads WHERE status = 'completed' AND completed_at <= $1
      ) e ORDER BY ts DESC, type, id LIMIT 12`, [now.toISOString()])).rows;
    expect(d.recent_activity.map((e) => ({ id: e.id, type: e.type, timestamp: e.timestamp }))).toEqual(
      events.map((e) => ({ id: `${e.type}:${e.id}`, type: e.type, timestamp: new Date(e.ts).toISOString() })),
    );
    for (const e of d.recent_activity) expect(e.description.length).toBeGreaterThan(10);
    expect(await recentActivity(db, { limit: 12, now })).toEqual(d.recent_activity);
  });
});

describe("all_time", () => {
  it.each(Object.keys(NOWS) as (keyof typeof NOWS)[])("now %s: every value over all time up to now equals plain SQL", async (k) => {
    const now = NOWS[k];
    const d = await platformDashboard(db, { period: "week", now });
    const want = await expectedPeriod(["1970-01-01T00:00:00.000Z", now.toISOString()]);
    expect(want.revenue).toBeGreaterThan(0);
    expect(want.active_uploaders).toBeGreaterThan(0);
    expect(d.all_time).toEqual({ ...want, pending_assignments: d.summary.pending_assignments });
  });
});

describe("edge cases", () => {
  it("activity today counts at once; a late write into a closed day counts after the next rollup of that day", async () => {
    const r = RANGES.A.month;
    const before = await platformDashboard(db, { period: "month", now: NOW_A });
    // two uploaders with no upload this month: one uploads today, the other on a closed day (1 April)
    const { rows } = await t.pool.query(`SELECT u.id FROM users u WHERE u.role = 'uploader' AND NOT EXISTS (
      SELECT 1 FROM uploads up WHERE up.uploader_id = u.id AND up.created_at >= $1 AND up.created_at < $2) ORDER BY u.id LIMIT 2`, r.cur);
    expect(rows).toHaveLength(2);
    const added = await t.pool.query(`INSERT INTO uploads (uploader_id, title, status, file_size_bytes, created_at)
      VALUES ($1, 'late', 'processing', 1, '2026-04-02T08:00:00Z'), ($2, 'late', 'processing', 1, '2026-04-01T08:00:00Z') RETURNING id`,
    [rows[0].id, rows[1].id]);
    try {
      const live = await platformDashboard(db, { period: "month", now: NOW_A });
      expect(live.summary.active_uploaders).toBe(before.summary.active_uploaders + 1);
      // the nightly job's rollup of 1 April (active_user_periods of every period holding it)
      await aggregateDailyMetrics(db, "2026-04-01", "2026-04-01");
      const after = await platformDashboard(db, { period: "month", now: NOW_A });
      expect(after.summary.active_uploaders).toBe(before.summary.active_uploaders + 2);
      expect(after.summary.active_uploaders).toBe((await expectedPeriod(r.cur)).active_uploaders);
      for (const period of ["quarter", "year"] as const) {
        const d = await platformDashboard(db, { period, now: NOW_A });
        expect(d.summary.active_uploaders).toBe((await expectedPeriod(RANGES.A[period].cur)).active_uploaders);
      }
    } finally {
      await t.pool.query(`DELETE FROM uploads WHERE id = ANY($1::uuid[])`, [added.rows.map((x) => x.id)]);
      await aggregateDailyMetrics(db, "2026-04-01", "2026-04-01");
    }
  });

  it("an empty period (now exactly at midnight) has zero totals, no buckets and null deltas", async () => {
    const now = new Date("2026-03-20T00:00:00.000Z");
    const d = await platformDashboard(db, { period: "day", now });
    expect(d.summary).toMatchObject({ revenue: 0, payouts: 0, margin: 0, transaction_count: 0, active_uploaders: 0, active_creators: 0 });
    expect(d.trends.revenue).toEqual([]);
    const prev = await expectedPeriod(["2026-03-19T00:00:00.000Z", "2026-03-19T00:00:00.000Z"]);
    expect(prev.revenue).toBe(0);
    expect(d.deltas.revenue).toBeNull();
  });

  it("a weekly payout day is not a loss on the margin trend: the chart's accrued margin, the card's cash margin", async () => {
    // A quiet week after all other data (Mon 2027-06-07 … Sun 06-13): every day a $100.00 charge and
    // an approved assignment earning its creator $60.00; Friday the week's $420.00 payout completes.
    const [{ uploader, upload, creator, type }] = (await t.pool.query(`
      SELECT (SELECT id FROM users WHERE role = 'uploader' LIMIT 1) AS uploader, (SELECT id FROM uploads LIMIT 1) AS upload,
             (SELECT id FROM users WHERE role = 'creator' LIMIT 1) AS creator, (SELECT id FROM output_types LIMIT 1) AS type`)).rows;
    const days = ["07", "08", "09", "10", "11", "12", "13"].map((d) => `2027-06-${d}`);
    const tx = await t.pool.query(`INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at)
      SELECT $1, 'charge', 'succeeded', 100.00, 'card', d::date + time '09:00' AT TIME ZONE 'UTC' FROM unnest($2::text[]) d RETURNING id`, [uploader, days]);
    const asg = await t.pool.query(`INSERT INTO assignments (upload_id, output_type_id, creator_id, status, price, creator_payout, claimed_at, completed_at, created_at)
      SELECT $1, $2, $3, 'approved', 100.00, 60.00, d::date + time '08:00' AT TIME ZONE 'UTC', d::date + time '15:00' AT TIME ZONE 'UTC',
             d::date + time '07:00' AT TIME ZONE 'UTC' FROM unnest($4::text[]) d RETURNING id`, [upload, type, creator, days]);
    const po = await t.pool.query(`INSERT INTO payouts (creator_id, amount, status, method, requested_at, completed_at)
      VALUES ($1, 420.00, 'completed', 'bank', '2027-06-10T12:00Z', '2027-06-11T12:00Z') RETURNING id`, [creator]);
    try {
      const d = await platformDashboard(db, { period: "week", now: new Date("2027-06-13T23:00:00Z") });
      expect(d.trends.revenue.map((p) => p.accrued_margin)).toEqual([40, 40, 40, 40, 40, 40, 40]);
      expect(d.trends.revenue.map((p) => p.margin)).toEqual([100, 100, 100, 100, -320, 100, 100]); // the cash view the chart no longer plots
      expect(d.summary).toMatchObject({ revenue: 700, payouts: 420, margin: 280, creator_earnings: 420, accrued_margin: 280 });
    } finally {
      await t.pool.query(`DELETE FROM payment_transactions WHERE id = ANY($1::uuid[])`, [tx.rows.map((x) => x.id)]);
      await t.pool.query(`DELETE FROM assignments WHERE id = ANY($1::uuid[])`, [asg.rows.map((x) => x.id)]);
      await t.pool.query(`DELETE FROM payouts WHERE id = ANY($1::uuid[])`, [po.rows.map((x) => x.id)]);
    }
  });

  it("deltas are null, not 0 or NaN, when the previous period is empty", async () => {
    // before any data: every previous value is 0
    const d = await platformDashboard(db, { period: "year", now: new Date("2025-02-01T12:00:00Z") });
    expect(d.previous.revenue).toBe(0);
    for (const k of ["revenue", "payouts", "margin", "active_uploaders", "active_creators", "transaction_count"] as const) {
      expect(d.deltas[k], k).toBeNull();
    }
    expect(d.summary.revenue).toBeGreaterThan(0);
  });
});
