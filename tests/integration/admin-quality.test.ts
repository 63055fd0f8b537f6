// Quality metrics against a real PostgreSQL: summary, previous, deltas, per
// output type, trend buckets and the creator rating distribution equal plain
// SQL over the whole period (never averaged from days), for every period at
// NOW_A and NOW_B; rates with a zero denominator are null.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qualityDashboard } from "@/lib/analytics/quality";
import type { Db } from "@/lib/db";
import type { Period } from "@/lib/period";
import { aggregateDailyMetrics } from "@/lib/rollups";
import { NOW_A, NOW_B, prepareAdminDatabase, RANGES } from "../helpers/admin-data";
import type { TestDatabase } from "../helpers/db";

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ t, db } = await prepareAdminDatabase(7));
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

const PERIODS: Period[] = ["day", "week", "month", "quarter", "year"];
const GRAN: Record<Period, string> = { day: "hour", week: "day", month: "day", quarter: "week", year: "month" };
const NOWS = { A: NOW_A, B: NOW_B } as const;

// ---- the independent computation: $1 = start, $2 = end ----
const VALUES = `
  count(*)::int AS reviews,
  round(avg(r.overall_score), 2)::float8 AS avg_rating,
  round(100.0 * count(*) FILTER (WHERE r.decision = 'approved' AND s.version = 1)
        / NULLIF(count(*) FILTER (WHERE r.decision = 'approved'), 0), 1)::float8 AS first_time_approval_rate,
  round(100.0 * count(*) FILTER (WHERE r.decision = 'revision_requested') / NULLIF(count(*), 0), 1)::float8 AS revision_rate,
  round(100.0 * count(*) FILTER (WHERE r.decision = 'rejected') / NULLIF(count(*), 0), 1)::float8 AS rejection_rate`;
const FROM = `FROM reviews r JOIN content_submissions s ON s.id = r.submission_id JOIN assignments a ON a.id = r.assignment_id
  WHERE r.completed_at >= $1::timestamptz AND r.completed_at < $2::timestamptz`;

async function expectedTotal(range: [string, string]) {
  return (await t.pool.query(`SELECT ${VALUES} ${FROM}`, range)).rows[0];
}
async function expectedByType(range: [string, string]) {
  const { rows } = await t.pool.query(`SELECT a.output_type_id::text AS id, ${VALUES} ${FROM} GROUP BY a.output_type_id`, range);
  return new Map(rows.map(({ id, ...v }) => [id, v]));
}
const empty = { reviews: 0, avg_rating: null, first_time_approval_rate: null, revision_rate: null, rejection_rate: null };
// Deltas by kind (METRICS.md "Conventions"), written out here: the review count relative (%), the
// rates in percentage points (current − previous, never a percent of a percent), the rating in rating points.
const pct = (c: number | null, p: number | null) => (c == null || p == null || p === 0 ? null : Math.round(((c - p) / Math.abs(p)) * 1000) / 10);
const diff = (c: number | null, p: number | null, decimals: number) =>
  c == null || p == null ? null : Math.round((c - p) * 10 ** decimals) / 10 ** decimals;
const deltas = (c: Record<string, number | null>, p: Record<string, number | null>) => ({
  reviews: pct(c.reviews, p.reviews),
  avg_rating: diff(c.avg_rating, p.avg_rating, 2),
  first_time_approval_rate: diff(c.first_time_approval_rate, p.first_time_approval_rate, 1),
  revision_rate: diff(c.revision_rate, p.revision_rate, 1),
  rejection_rate: diff(c.rejection_rate, p.rejection_rate, 1),
});

describe.each(["A", "B"] as const)("now = NOW_%s", (which) => {
  const now = NOWS[which];

  it.each(PERIODS)("%s: summary, previous, deltas and per output type equal plain SQL", async (period) => {
    const r = RANGES[which][period];
    const d = await qualityDashboard(db, { period, now });
    expect(d.period).toMatchObject({ start: r.cur[0], end: r.cur[1], previous_start: r.prev[0], previous_end: r.prev[1] });
    const cur = await expectedTotal(r.cur);
    const prev = await expectedTotal(r.prev);
    expect(d.summary).toEqual(cur);
    expect(d.previous).toEqual(prev);
    expect(d.deltas).toEqual(deltas(cur, prev));
    expect(d.delta_units).toEqual({ reviews: "percent", avg_rating: "stars", first_time_approval_rate: "pp", revision_rate: "pp", rejection_rate: "pp" });

    const curT = await expectedByType(r.cur);
    const prevT = await expectedByType(r.prev);
    const types = (await t.pool.query(`SELECT id::text, code, name FROM output_types ORDER BY name`)).rows
      .filter((x) => curT.has(x.id) || prevT.has(x.id));
    expect(d.by_output_type).toEqual(types.map((x) => {
      const c = curT.get(x.id) ?? empty;
      const p = prevT.get(x.id) ?? empty;
      return { output_type_id: x.id, code: x.code, name: x.name, ...c, previous: p, deltas: deltas(c, p) };
    }));
    if (period === "year") expect(cur.reviews).toBeGreaterThan(100);
  });

  it.each(PERIODS)("%s: every trend bucket equals plain SQL", async (period) => {
    const r = RANGES[which][period];
    const d = await qualityDashboard(db, { period, now });
    const { rows } = await t.pool.query(`
      WITH b AS (
        SELECT g AS b FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE 'UTC'), $2::timestamptz AT TIME ZONE 'UTC', ('1 ' || $3)::interval) g
        WHERE g < ($2::timestamptz AT TIME ZONE 'UTC'))
      SELECT CASE WHEN $3 = 'hour' THEN to_char(b.b, 'YYYY-MM-DD"T"HH24:00:00"Z"') ELSE to_char(b.b, 'YYYY-MM-DD') END AS date, v.*
      FROM b CROSS JOIN LATERAL (SELECT ${VALUES} ${FROM} AND date_trunc($3, r.completed_at AT TIME ZONE 'UTC') = b.b) v
      ORDER BY b.b`, [...r.cur, GRAN[period]]);
    expect(d.trend).toEqual(rows);
  });

  it("the creator rating distribution equals plain SQL (all-time averages before now, half-star buckets)", async () => {
    const d = await qualityDashboard(db, { period: "month", now });
    const { rows } = await t.pool.query(`
      WITH per_creator AS (
        SELECT a.creator_id, avg(r.overall_score) AS avg FROM reviews r JOIN assignments a ON a.id = r.assignment_id
        WHERE r.completed_at < $1::timestamptz AND a.creator_id IS NOT NULL GROUP BY a.creator_id)
      SELECT b::float8 AS min, (SELECT count(*) FROM per_creator WHERE LEAST(floor(avg * 2) / 2, 4.5) = b)::int AS count
      FROM generate_series(1.0, 4.5, 0.5) b ORDER BY b`, [now.toISOString()]);
    expect(d.rating_distribution.map(({ min, count }) => ({ min, count }))).toEqual(rows);
    expect(rows.reduce((s, x) => s + x.count, 0)).toBeGreaterThan(20);
  });
});

describe("freshness and empty periods", () => {
  it("a review written today shows at once; one written into a closed day after that day's rollup", async () => {
    const before = await qualityDashboard(db, { period: "month", now: NOW_A });
    const { rows } = await t.pool.query(`SELECT r.submission_id, r.assignment_id FROM reviews r LIMIT 1`);
    const added = await t.pool.query(`INSERT INTO reviews (submission_id, assignment_id, decision, overall_score, completed_at)
      VALUES ($1, $2, 'rejected', 1, $3), ($1, $2, 'rejected', 1, $4) RETURNING id`,
    [rows[0].submission_id, rows[0].assignment_id, "2026-04-02T09:00:00Z", "2026-04-01T09:00:00Z"]);
    const today = await qualityDashboard(db, { period: "month", now: NOW_A });
    expect(today.summary.reviews).toBe(before.summary.reviews + 1);
    await aggregateDailyMetrics(db, "2026-04-01", "2026-04-01", { now: NOW_A });
    const all = await qualityDashboard(db, { period: "month", now: NOW_A });
    expect(all.summary.reviews).toBe(before.summary.reviews + 2);
    expect(all.summary).toEqual(await expectedTotal(RANGES.A.month.cur));
    await t.pool.query(`DELETE FROM reviews WHERE id = ANY($1::uuid[])`, [added.rows.map((x) => x.id)]);
    await aggregateDailyMetrics(db, "2026-04-01", "2026-04-01", { now: NOW_A });
  });

  it("with no reviews every rate and the average are null, never 0 or NaN", async () => {
    const d = await qualityDashboard(db, { period: "day", now: new Date("2024-06-01T12:00:00Z") });
    expect(d.summary).toEqual(empty);
    expect(d.previous).toEqual(empty);
    expect(Object.values(d.deltas).every((v) => v === null)).toBe(true);
    expect(d.by_output_type).toEqual([]);
    expect(d.trend.every((b) => b.avg_rating === null && b.revision_rate === null)).toBe(true);
  });
});
