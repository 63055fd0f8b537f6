// The uploader dashboard (lib/analytics/uploader.ts) against plain SQL written
// here from METRICS.md — periods, buckets and all — for every period in three
// time zones, at a fixed "now", on data placed around period and day bounds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploaderDashboard, uploaderUploads } from "@/lib/analytics/uploader";
import { createPrisma, type Db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertDashboardData, NOW, NOW_OFF_GRID, ZONES, type DashboardCast } from "../helpers/user-dashboard-data";

let tdb: TestDatabase;
let db: Db;
let cast: DashboardCast;

beforeAll(async () => {
  tdb = await createTestDatabase();
  cast = await insertDashboardData(tdb.pool);
  db = createPrisma(tdb.url, 4);
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

const PERIODS = ["week", "month", "quarter", "year"] as const;
type P = (typeof PERIODS)[number];
const STEP: Record<P, string> = { week: "1 week", month: "1 month", quarter: "3 months", year: "1 year" };
const BUCKET: Record<P, string> = { week: "day", month: "day", quarter: "week", year: "month" };

async function one<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T> {
  return (await tdb.pool.query(sql, params)).rows[0] as T;
}

type Bounds = { start: Date; end: Date; prev_start: Date; prev_end: Date };

/** The period in local time: truncate, step back, cut at the same elapsed point (never past the start). */
function bounds(period: P, tz: string, now = NOW): Promise<Bounds> {
  return one<Bounds>(
    `WITH l AS (SELECT $1::timestamptz AS now, ($1::timestamptz AT TIME ZONE $2) AS lnow),
          s AS (SELECT now, lnow, date_trunc($3, lnow) AS lstart FROM l)
     SELECT lstart AT TIME ZONE $2 AS start, now AS end,
            (lstart - $4::interval) AT TIME ZONE $2 AS prev_start,
            least(lnow - $4::interval, lstart) AT TIME ZONE $2 AS prev_end
     FROM s`,
    [now, tz, period, STEP[period]],
  );
}

/** Counts and money: (cur − prev) / |prev| × 100 to one decimal, null when prev is 0 or missing. */
const pct = (cur: number | null, prev: number | null) => (cur == null || !prev ? null : Math.round(((cur - prev) / Math.abs(prev)) * 1000) / 10);
/** Hours: the difference in hours, one decimal (METRICS.md "Conventions"). */
const hoursDiff = (cur: number | null, prev: number | null) => (cur == null || prev == null ? null : Math.round((cur - prev) * 10) / 10);
const num = (v: unknown) => (v == null ? null : Number(v));

async function expectedUploader(uploader: string, period: P, tz: string, now = NOW) {
  const b = await bounds(period, tz, now);
  const uploads = (s: Date, e: Date) =>
    one<{ n: number }>(`SELECT count(*)::int AS n FROM uploads WHERE uploader_id = $1 AND created_at >= $2 AND created_at < $3`, [uploader, s, e]);
  const spent = (s: Date, e: Date) =>
    one<{ v: string }>(
      `SELECT (coalesce((SELECT sum(amount) FROM payment_transactions WHERE uploader_id = $1 AND type = 'charge' AND status = 'succeeded' AND created_at >= $2 AND created_at < $3), 0)
             - coalesce((SELECT sum(amount) FROM payment_transactions WHERE uploader_id = $1 AND type = 'refund' AND status = 'succeeded' AND created_at >= $2 AND created_at < $3), 0))::text AS v`,
      [uploader, s, e],
    );
  const delivery = (s: Date, e: Date) =>
    one<{ v: string | null }>(
      `SELECT round(avg(extract(epoch FROM completed_at - created_at) / 3600), 1)::text AS v
       FROM uploads WHERE uploader_id = $1 AND status = 'completed' AND completed_at >= $2 AND completed_at < $3`,
      [uploader, s, e],
    );
  const ever = new Date(0);
  const [uc, up, ua, sc, sp, sa, dc, dp, da] = await Promise.all([
    uploads(b.start, b.end), uploads(b.prev_start, b.prev_end), uploads(ever, now),
    spent(b.start, b.end), spent(b.prev_start, b.prev_end), spent(ever, now),
    delivery(b.start, b.end), delivery(b.prev_start, b.prev_end), delivery(ever, now),
  ]);
  const status = await tdb.pool.query(
    `SELECT (created_at >= $2) AS cur, status::text, count(*)::int AS n
     FROM uploads WHERE uploader_id = $1 AND created_at < $3 GROUP BY 1, 2`,
    [uploader, b.start, now],
  );
  const countStatus = (statuses: string[], curOnly: boolean) =>
    status.rows.filter((r) => statuses.includes(r.status) && (!curOnly || r.cur)).reduce((s, r) => s + r.n, 0);
  const pending = countStatus(["processing", "in_progress"], false);
  const trend = await tdb.pool.query(
    `WITH b AS (
       SELECT gs::date AS day FROM generate_series(date_trunc($4, $2::timestamptz AT TIME ZONE $5), $3::timestamptz AT TIME ZONE $5, ('1 ' || $4)::interval) gs
       WHERE gs < ($3::timestamptz AT TIME ZONE $5)),
     t AS (
       SELECT date_trunc($4, created_at AT TIME ZONE $5)::date AS day,
              sum(amount) FILTER (WHERE type = 'charge') AS charges,
              sum(amount) FILTER (WHERE type = 'refund') AS refunds
       FROM payment_transactions
       WHERE uploader_id = $1 AND status = 'succeeded' AND created_at >= $2 AND created_at < $3 GROUP BY 1)
     SELECT to_char(b.day, 'YYYY-MM-DD') AS date, coalesce(t.charges, 0)::float8 AS charges, coalesce(t.refunds, 0)::float8 AS refunds,
            (coalesce(t.charges, 0) - coalesce(t.refunds, 0))::float8 AS net
     FROM b LEFT JOIN t USING (day) ORDER BY b.day`,
    [uploader, b.start, b.end, BUCKET[period], tz],
  );
  const breakdown = await tdb.pool.query(
    `WITH x AS (
       SELECT ot.name AS type, ot.code, count(*)::int AS count FROM assignments a
       JOIN uploads u ON u.id = a.upload_id JOIN output_types ot ON ot.id = a.output_type_id
       WHERE u.uploader_id = $1 AND a.status = 'approved' AND a.completed_at >= $2 AND a.completed_at < $3 GROUP BY 1, 2)
     SELECT type, code, count, round(100.0 * count / (SELECT sum(count) FROM x), 1)::float8 AS percent FROM x ORDER BY count DESC, type`,
    [uploader, b.start, b.end],
  );
  const recent = await tdb.pool.query(
    `SELECT id, status::text FROM uploads WHERE uploader_id = $1 AND created_at < $2 ORDER BY created_at DESC, id DESC LIMIT 5`,
    [uploader, now],
  );
  const summary = { uploads_count: uc.n, total_spent: Number(sc.v), avg_delivery_hours: num(dc.v), pending_count: pending };
  const previous = { uploads_count: up.n, total_spent: Number(sp.v), avg_delivery_hours: num(dp.v), pending_count: null };
  return {
    bounds: b,
    summary,
    all_time: { uploads_count: ua.n, total_spent: Number(sa.v), avg_delivery_hours: num(da.v), pending_count: pending },
    previous,
    deltas: {
      uploads_count: pct(summary.uploads_count, previous.uploads_count),
      total_spent: pct(summary.total_spent, previous.total_spent),
      avg_delivery_hours: hoursDiff(summary.avg_delivery_hours, previous.avg_delivery_hours),
      pending_count: null,
    },
    spending_trend: trend.rows,
    output_type_breakdown: breakdown.rows,
    recent: recent.rows,
    upload_status: {
      this_period: { pending: countStatus(["processing", "in_progress"], true), completed: countStatus(["completed"], true), cancelled: countStatus(["cancelled"], true) },
      all_time: { pending, completed: countStatus(["completed"], false), cancelled: countStatus(["cancelled"], false) },
    },
  };
}

describe("uploader dashboard matches plain SQL", () => {
  const cases = [
    ...ZONES.flatMap((tz) => PERIODS.map((period) => ({ tz, period, now: NOW }))),
    ...PERIODS.map((period) => ({ tz: "Asia/Kolkata", period, now: NOW_OFF_GRID })),
  ];
  for (const { tz, period, now } of cases) {
    it(`${period} in ${tz} at ${now.toISOString()}`, async () => {
      const got = await uploaderDashboard(db, cast.uploader, { period, timeZone: tz, now });
      const want = await expectedUploader(cast.uploader, period, tz, now);
      expect(got.period).toEqual({
        name: period, tz, granularity: BUCKET[period],
        start: want.bounds.start.toISOString(), end: want.bounds.end.toISOString(),
        previous_start: want.bounds.prev_start.toISOString(), previous_end: want.bounds.prev_end.toISOString(),
      });
      expect(got.summary).toEqual(want.summary);
      expect(got.all_time).toEqual(want.all_time);
      expect(got.previous).toEqual(want.previous);
      expect(got.deltas).toEqual(want.deltas);
      expect(got.delta_units).toEqual({ uploads_count: "percent", total_spent: "percent", avg_delivery_hours: "hours", pending_count: "percent" });
      expect(got.spending_trend).toEqual(want.spending_trend);
      expect(got.output_type_breakdown).toEqual(want.output_type_breakdown);
      expect(got.recent_uploads.map((u) => [u.id, u.status])).toEqual(want.recent.map((r) => [r.id, r.status]));
      expect(got.upload_status).toEqual(want.upload_status);
    });
  }

  it("the data exercises what it should (non-empty periods, boundary rows, percentages summing to ~100)", async () => {
    const got = await uploaderDashboard(db, cast.uploader, { period: "month", timeZone: "Pacific/Auckland", now: NOW });
    expect(got.summary.uploads_count).toBeGreaterThan(0);
    expect(got.previous.uploads_count).toBeGreaterThan(0);
    expect(got.summary.avg_delivery_hours).not.toBeNull();
    expect(got.output_type_breakdown.length).toBeGreaterThan(1);
    expect(got.output_type_breakdown.reduce((s, t) => s + t.percent, 0)).toBeCloseTo(100, 0);
    const utc = await uploaderDashboard(db, cast.uploader, { period: "week", timeZone: "UTC", now: NOW });
    const akl = await uploaderDashboard(db, cast.uploader, { period: "week", timeZone: "Pacific/Auckland", now: NOW });
    // the day boundary moves: Auckland's week starts 13 hours before UTC's, and its numbers differ
    expect(new Date(akl.period.start).getTime() - new Date(utc.period.start).getTime()).toBe(-13 * 3_600_000);
    expect([akl.summary.uploads_count, akl.summary.total_spent]).not.toEqual([utc.summary.uploads_count, utc.summary.total_spent]);
  });

  it("a previous period with nothing in it gives null deltas, not 0 or Infinity", async () => {
    for (const period of ["week", "month"] as const) {
      const got = await uploaderDashboard(db, cast.uploaderNew, { period, timeZone: "UTC", now: NOW });
      expect(got.summary.uploads_count).toBe(6);
      expect(got.previous.uploads_count).toBe(0);
      expect(got.deltas.uploads_count).toBeNull();
      expect(got.previous.total_spent).toBe(0);
      expect(got.deltas.total_spent).toBeNull();
    }
  });

  it("an uploader with no data: zeros, null averages and null deltas, every bucket present", async () => {
    const got = await uploaderDashboard(db, cast.uploaderEmpty, { period: "month", timeZone: "Asia/Kolkata", now: NOW });
    expect(got.summary).toEqual({ uploads_count: 0, total_spent: 0, avg_delivery_hours: null, pending_count: 0 });
    expect(got.deltas).toEqual({ uploads_count: null, total_spent: null, avg_delivery_hours: null, pending_count: null });
    expect(got.spending_trend).toHaveLength(19); // March 1–19 in Kolkata (now is 02:15 on the 19th there)
    expect(got.spending_trend.every((p) => p.charges === 0 && p.refunds === 0 && p.net === 0)).toBe(true);
    expect(got.output_type_breakdown).toEqual([]);
    expect(got.recent_uploads).toEqual([]);
  });
});

describe("spending trend: charges and refunds as two non-negative series", () => {
  // Hand-made rows for a fresh uploader, week of Monday 2026-03-16 (UTC) up to NOW (Wed 20:45 UTC).
  let id: string;
  beforeAll(async () => {
    id = (await tdb.pool.query(
      `INSERT INTO users (role, email, name, password_hash, created_at) VALUES ('uploader', 'trend@x.test', 'Trend', 'x', '2026-01-01T00:00Z') RETURNING id`,
    )).rows[0].id;
    const tx = (type: string, status: string, amount: string, at: string) =>
      tdb.pool.query(`INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at) VALUES ($1, $2, $3, $4, 'card', $5)`, [id, type, status, amount, at]);
    await tx("charge", "succeeded", "50.00", "2026-03-10T10:00Z"); // previous week
    await tx("charge", "succeeded", "100.00", "2026-03-16T10:00Z"); // Mon: a charge and a partial refund
    await tx("refund", "succeeded", "30.00", "2026-03-16T12:00Z");
    await tx("refund", "succeeded", "25.50", "2026-03-17T09:00Z"); // Tue: only a refund
    await tx("charge", "failed", "999.00", "2026-03-17T10:00Z"); //      failed and pending never count
    await tx("refund", "pending", "5.00", "2026-03-17T11:00Z");
    await tx("charge", "succeeded", "40.00", "2026-03-18T08:00Z"); // Wed: two charges
    await tx("charge", "succeeded", "9.99", "2026-03-18T20:44:59.999Z");
    await tx("charge", "succeeded", "70.00", "2026-03-18T20:45:00.000Z"); // at now: not yet
  });

  it("a refund-only day is a refund, not negative spending; net = charges − refunds", async () => {
    const got = await uploaderDashboard(db, id, { period: "week", timeZone: "UTC", now: NOW });
    expect(got.spending_trend).toEqual([
      { date: "2026-03-16", charges: 100, refunds: 30, net: 70 },
      { date: "2026-03-17", charges: 0, refunds: 25.5, net: -25.5 },
      { date: "2026-03-18", charges: 49.99, refunds: 0, net: 49.99 },
    ]);
    for (const p of got.spending_trend) expect(p.charges >= 0 && p.refunds >= 0).toBe(true);
    // spent = 70 − 25.50 + 49.99 = 94.49 against 50.00 last week: ↑ 88.98% → 89.0
    expect(got.summary.total_spent).toBe(94.49);
    expect(got.previous.total_spent).toBe(50);
    expect(got.deltas.total_spent).toBe(89);
  });
});

describe("uploads list", () => {
  it("pages newest first, 20 a page, filtered by status, and only this uploader's", async () => {
    const all = await tdb.pool.query(`SELECT id, status::text FROM uploads WHERE uploader_id = $1 ORDER BY created_at DESC, id DESC`, [cast.uploader]);
    const p1 = await uploaderUploads(db, cast.uploader, { page: 1 });
    const p2 = await uploaderUploads(db, cast.uploader, { page: 2 });
    expect(p1.total).toBe(all.rowCount);
    expect(p1.uploads.map((u) => u.id)).toEqual(all.rows.slice(0, 20).map((r) => r.id));
    expect(p2.uploads.map((u) => u.id)).toEqual(all.rows.slice(20, 40).map((r) => r.id));
    const pending = await uploaderUploads(db, cast.uploader, { page: 1, status: "pending" });
    const wantPending = all.rows.filter((r) => r.status === "processing" || r.status === "in_progress");
    expect(pending.total).toBe(wantPending.length);
    expect(pending.uploads.map((u) => u.id)).toEqual(wantPending.slice(0, 20).map((r) => r.id));
    const done = await uploaderUploads(db, cast.uploader, { page: 1, status: "completed" });
    expect(done.uploads.every((u) => u.status === "completed")).toBe(true);
  });

  it("each row's outputs and spend match its assignments and transactions", async () => {
    const page = await uploaderUploads(db, cast.uploader, { page: 3 });
    for (const u of page.uploads) {
      const r = await one<{ outputs: number; delivered: number; spent: string }>(
        `SELECT (SELECT count(*)::int FROM assignments WHERE upload_id = $1) AS outputs,
                (SELECT count(*)::int FROM assignments WHERE upload_id = $1 AND status = 'approved') AS delivered,
                (SELECT coalesce(sum(CASE type WHEN 'charge' THEN amount ELSE -amount END), 0)::text FROM payment_transactions WHERE upload_id = $1 AND status = 'succeeded') AS spent`,
        [u.id],
      );
      expect([u.outputs, u.outputs_delivered, u.spent]).toEqual([r.outputs, r.delivered, Number(r.spent)]);
    }
  });
});
