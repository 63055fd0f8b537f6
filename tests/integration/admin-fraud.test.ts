// Fraud metrics against a real PostgreSQL: summary, previous, deltas, the
// three rates, flag types, the created-vs-resolved trend and the pending list
// equal plain SQL, for every period at NOW_A and NOW_B.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fraudDashboard } from "@/lib/analytics/fraud";
import type { Db } from "@/lib/db";
import type { Period } from "@/lib/period";
import { NOW_A, NOW_B, prepareAdminDatabase, RANGES } from "../helpers/admin-data";
import type { TestDatabase } from "../helpers/db";

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ t, db } = await prepareAdminDatabase(99));
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

const PERIODS: Period[] = ["day", "week", "month", "quarter", "year"];
const GRAN: Record<Period, string> = { day: "hour", week: "day", month: "day", quarter: "week", year: "month" };
const NOWS = { A: NOW_A, B: NOW_B } as const;
const IN = (col: string) => `${col} >= $1::timestamptz AND ${col} < $2::timestamptz`;

// The first instant money left the platform for each account: a completed
// payout to a creator, or a succeeded refund to an uploader.
const PERIOD_SQL = `
  WITH first_out AS (
    SELECT u.id, LEAST(
      (SELECT min(p.completed_at) FROM payouts p WHERE p.creator_id = u.id AND p.status = 'completed'),
      (SELECT min(t.created_at) FROM payment_transactions t WHERE t.uploader_id = u.id AND t.type = 'refund' AND t.status = 'succeeded')
    ) AS at FROM users u),
  resolved AS (SELECT f.*, fo.at AS money_out FROM fraud_flags f JOIN first_out fo ON fo.id = f.user_id
               WHERE f.status = 'resolved' AND ${IN("f.resolved_at")}),
  c AS (
    SELECT
      (SELECT count(*) FROM fraud_flags WHERE ${IN("resolved_at")}) AS resolved_this_period,
      (SELECT count(*) FROM users WHERE ${IN("suspended_at")}) AS accounts_suspended,
      (SELECT count(*) FROM blocked_signups WHERE ${IN("created_at")}) AS blocked,
      (SELECT count(*) FROM resolved WHERE source = 'auto') AS auto_resolved,
      (SELECT count(*) FROM resolved WHERE source = 'auto' AND resolution = 'false_positive') AS auto_fp,
      (SELECT count(*) FROM resolved WHERE resolution = 'confirmed') AS confirmed,
      (SELECT count(*) FROM resolved WHERE resolution = 'confirmed' AND (money_out IS NULL OR money_out > created_at)) AS prevented,
      (SELECT count(*) FROM resolved WHERE resolution = 'confirmed' AND flag_type = 'duplicate_account') AS dup_confirmed)
  SELECT resolved_this_period::int, accounts_suspended::int, blocked::int AS duplicate_accounts_blocked,
    round(100.0 * auto_fp / NULLIF(auto_resolved, 0), 1)::float8 AS false_positive_rate,
    round(100.0 * prevented / NULLIF(confirmed, 0), 1)::float8 AS fraud_prevention_rate,
    round(100.0 * blocked / NULLIF(blocked + dup_confirmed, 0), 1)::float8 AS duplicate_account_detection_rate,
    auto_resolved::int, auto_fp::int, confirmed::int, prevented::int, dup_confirmed::int
  FROM c`;

async function expected(range: [string, string]) {
  return (await t.pool.query(PERIOD_SQL, range)).rows[0];
}
// Deltas by kind (METRICS.md "Conventions"), written out here: counts relative (%), rates in percentage points.
const pct = (c: number | null, p: number | null) => (c == null || p == null || p === 0 ? null : Math.round(((c - p) / Math.abs(p)) * 1000) / 10);
const pp = (c: number | null, p: number | null) => (c == null || p == null ? null : Math.round((c - p) * 10) / 10);
const KIND: Record<string, typeof pct> = {
  resolved_this_period: pct, accounts_suspended: pct, duplicate_accounts_blocked: pct,
  false_positive_rate: pp, fraud_prevention_rate: pp, duplicate_account_detection_rate: pp,
};
const VALUE_KEYS = ["resolved_this_period", "accounts_suspended", "duplicate_accounts_blocked", "false_positive_rate", "fraud_prevention_rate", "duplicate_account_detection_rate"];
const values = (row: Record<string, number | null>) => Object.fromEntries(VALUE_KEYS.map((k) => [k, row[k]]));

describe.each(["A", "B"] as const)("now = NOW_%s", (which) => {
  const now = NOWS[which];

  it.each(PERIODS)("%s: summary, previous, deltas, rates, flag types and trend equal plain SQL", async (period) => {
    const r = RANGES[which][period];
    const d = await fraudDashboard(db, { period, now, page: 1, perPage: 5 });
    expect(d.period).toMatchObject({ start: r.cur[0], end: r.cur[1], previous_start: r.prev[0], previous_end: r.prev[1] });
    const cur = await expected(r.cur);
    const prev = await expected(r.prev);
    const pending = (await t.pool.query(`SELECT count(*)::int AS n FROM fraud_flags WHERE status = 'pending'`)).rows[0].n;

    expect(d.summary).toEqual({ pending_flags: pending, ...values(cur) });
    expect(d.previous).toEqual({ pending_flags: null, ...values(prev) });
    expect(d.deltas).toEqual({ pending_flags: null, ...Object.fromEntries(VALUE_KEYS.map((k) => [k, KIND[k](cur[k], prev[k])])) });
    expect(d.delta_units).toMatchObject({ resolved_this_period: "percent", false_positive_rate: "pp", fraud_prevention_rate: "pp", duplicate_account_detection_rate: "pp" });
    expect(d.false_positive_rate).toBe(cur.false_positive_rate);
    expect(d.fraud_prevention_rate).toBe(cur.fraud_prevention_rate);
    expect(d.duplicate_account_detection_rate).toBe(cur.duplicate_account_detection_rate);
    expect(d.rate_counts).toEqual({
      auto_resolved: cur.auto_resolved, auto_false_positive: cur.auto_fp, confirmed: cur.confirmed,
      confirmed_before_money_out: cur.prevented, blocked_at_signup: cur.duplicate_accounts_blocked, duplicates_confirmed_later: cur.dup_confirmed,
    });

    const types = (await t.pool.query(`SELECT flag_type AS type, count(*)::int AS count FROM fraud_flags WHERE ${IN("created_at")}
      GROUP BY flag_type ORDER BY count DESC, flag_type`, r.cur)).rows;
    expect(d.flag_types).toEqual(types);

    const trend = (await t.pool.query(`
      SELECT CASE WHEN $3 = 'hour' THEN to_char(b, 'YYYY-MM-DD"T"HH24:00:00"Z"') ELSE to_char(b, 'YYYY-MM-DD') END AS date,
        (SELECT count(*) FROM fraud_flags WHERE ${IN("created_at")} AND date_trunc($3, created_at AT TIME ZONE 'UTC') = b)::int AS flags_created,
        (SELECT count(*) FROM fraud_flags WHERE ${IN("resolved_at")} AND date_trunc($3, resolved_at AT TIME ZONE 'UTC') = b)::int AS flags_resolved
      FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE 'UTC'), $2::timestamptz AT TIME ZONE 'UTC', ('1 ' || $3)::interval) b
      WHERE b < ($2::timestamptz AT TIME ZONE 'UTC') ORDER BY b`, [...r.cur, GRAN[period]])).rows;
    expect(d.trend).toEqual(trend);
    if (period === "year") {
      // both outcomes occur: flags raised before and after money left the account
      expect(cur.prevented).toBeGreaterThan(0);
      expect(cur.prevented).toBeLessThan(cur.confirmed);
      expect(cur.auto_fp).toBeGreaterThan(0);
      expect(cur.dup_confirmed).toBeGreaterThan(0);
    }
  });
});

describe("pending flags", () => {
  it("are listed newest first, paginated, with their account", async () => {
    const all = (await t.pool.query(`
      SELECT f.id::text, u.email::text AS user_email, f.flag_type FROM fraud_flags f JOIN users u ON u.id = f.user_id
      WHERE f.status = 'pending' ORDER BY f.created_at DESC, f.id DESC`)).rows;
    expect(all.length).toBeGreaterThan(14);
    for (const page of [1, 2, 3]) {
      const d = await fraudDashboard(db, { period: "month", now: NOW_A, page, perPage: 7 });
      expect(d.pending.total).toBe(all.length);
      expect(d.pending.flags.map((f) => ({ id: f.id, user_email: f.user_email, flag_type: f.flag_type }))).toEqual(all.slice((page - 1) * 7, page * 7));
    }
    const past = await fraudDashboard(db, { period: "month", now: NOW_A, page: 1000, perPage: 7 });
    expect(past.pending.flags).toEqual([]);
    expect(past.pending.total).toBe(all.length);
  });

  it("rates are null, not 0, when nothing was resolved or blocked", async () => {
    const d = await fraudDashboard(db, { period: "day", now: new Date("2024-06-01T12:00:00Z") });
    expect(d.false_positive_rate).toBeNull();
    expect(d.fraud_prevention_rate).toBeNull();
    expect(d.duplicate_account_detection_rate).toBeNull();
    expect(d.summary).toMatchObject({ resolved_this_period: 0, accounts_suspended: 0, duplicate_accounts_blocked: 0 });
    expect(Object.values(d.deltas).every((v) => v === null)).toBe(true);
  });
});
