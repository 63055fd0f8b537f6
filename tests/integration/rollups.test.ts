// Rollups against a real PostgreSQL: daily_metrics and creator level
// snapshots must equal an independent computation written here as plain SQL,
// one query per metric per day (never the code under test), on several random
// datasets and on hand-made edge days; re-running is idempotent, concurrent
// runs leave one row per date; reconciliation, the live series and the
// nightly job's range.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import {
  addDays,
  aggregateDailyMetrics,
  backfill,
  computeDailyMetrics,
  dailyMetricsSeries,
  eachDay,
  liveDayMetrics,
  METRIC_COLUMN_NAMES,
  reconcileDailyMetrics,
  runNightlyRollup,
  snapshotCreatorLevels,
  utcDay,
  type MetricColumn,
} from "@/lib/rollups";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { clearData, insertFakeData, type FakeDataSummary } from "../helpers/fake-data";

// ---- the independent computation: $1 = day start, $2 = day end (timestamptz) ----
const IN_DAY = (col: string) => `${col} >= $1::timestamptz AND ${col} < $2::timestamptz`;
const EXPECTED: Record<MetricColumn, string> = {
  total_revenue: `SELECT COALESCE(SUM(amount), 0)::numeric(12,2)::text FROM payment_transactions
                  WHERE type = 'charge' AND status = 'succeeded' AND ${IN_DAY("created_at")}`,
  total_payouts: `SELECT COALESCE(SUM(amount), 0)::numeric(12,2)::text FROM payouts
                  WHERE status = 'completed' AND ${IN_DAY("completed_at")}`,
  total_refunds: `SELECT COALESCE(SUM(amount), 0)::numeric(12,2)::text FROM payment_transactions
                  WHERE type = 'refund' AND status = 'succeeded' AND ${IN_DAY("created_at")}`,
  transaction_count: `SELECT count(*)::text FROM payment_transactions WHERE status = 'succeeded' AND ${IN_DAY("created_at")}`,
  new_uploaders: `SELECT count(*)::text FROM users WHERE role = 'uploader' AND ${IN_DAY("created_at")}`,
  new_creators: `SELECT count(*)::text FROM users WHERE role = 'creator' AND ${IN_DAY("created_at")}`,
  active_uploaders: `SELECT count(*)::text FROM users u
                     WHERE EXISTS (SELECT 1 FROM uploads up WHERE up.uploader_id = u.id AND ${IN_DAY("up.created_at")})`,
  active_creators: `SELECT count(*)::text FROM users u
                    WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.creator_id = u.id
                                  AND a.status IN ('approved', 'rejected') AND ${IN_DAY("a.completed_at")})`,
  uploads_count: `SELECT count(*)::text FROM uploads WHERE ${IN_DAY("created_at")}`,
  assignments_created: `SELECT count(*)::text FROM assignments WHERE ${IN_DAY("created_at")}`,
  assignments_completed: `SELECT count(*)::text FROM assignments WHERE status = 'approved' AND ${IN_DAY("completed_at")}`,
  assignments_rejected: `SELECT count(*)::text FROM assignments WHERE status = 'rejected' AND ${IN_DAY("completed_at")}`,
  avg_rating: `SELECT round(avg(overall_score), 2)::text FROM reviews WHERE ${IN_DAY("completed_at")}`,
  first_approval_rate: `
    SELECT round(100.0 * first_time / NULLIF(approved, 0), 2)::text FROM (
      SELECT (SELECT count(*) FROM reviews r JOIN content_submissions s ON s.id = r.submission_id
              WHERE r.decision = 'approved' AND s.version = 1 AND ${IN_DAY("r.completed_at")}) AS first_time,
             (SELECT count(*) FROM reviews r WHERE r.decision = 'approved' AND ${IN_DAY("r.completed_at")}) AS approved) x`,
  revision_rate: `
    SELECT round(100.0 * revisions / NULLIF(total, 0), 2)::text FROM (
      SELECT (SELECT count(*) FROM reviews WHERE decision = 'revision_requested' AND ${IN_DAY("completed_at")}) AS revisions,
             (SELECT count(*) FROM reviews WHERE ${IN_DAY("completed_at")}) AS total) x`,
  flags_created: `SELECT count(*)::text FROM fraud_flags WHERE ${IN_DAY("created_at")}`,
  flags_resolved: `SELECT count(*)::text FROM fraud_flags WHERE ${IN_DAY("resolved_at")}`,
  accounts_suspended: `SELECT count(*)::text FROM users WHERE ${IN_DAY("suspended_at")}`,
  total_creator_earnings: `SELECT COALESCE(SUM(creator_payout), 0)::numeric(12,2)::text FROM assignments
                           WHERE status = 'approved' AND ${IN_DAY("completed_at")}`,
};

const bounds = (day: string) => [`${day}T00:00:00Z`, `${addDays(day, 1)}T00:00:00Z`];

// creator levels at the end of a day ($1 = day end), straight from the definition
const EXPECTED_SNAPSHOT = `
  WITH cur AS (
    SELECT DISTINCT ON (creator_id) creator_id, to_level_id AS level_id
    FROM creator_level_history WHERE changed_at < $1::timestamptz
    ORDER BY creator_id, changed_at DESC, id DESC)
  SELECT l.id::text AS level_id,
    (SELECT count(*) FROM cur WHERE cur.level_id = l.id)::text AS creator_count,
    (SELECT round(avg(r.overall_score), 2) FROM reviews r
       JOIN assignments a ON a.id = r.assignment_id
       JOIN cur ON cur.creator_id = a.creator_id
     WHERE cur.level_id = l.id AND r.completed_at < $1::timestamptz)::text AS avg_rating,
    (SELECT count(*) FROM assignments a JOIN cur ON cur.creator_id = a.creator_id
     WHERE cur.level_id = l.id AND a.status = 'approved' AND a.completed_at < $1::timestamptz)::text AS total_completed
  FROM creator_levels l ORDER BY l.id`;

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await createTestDatabase();
  db = createPrisma(t.url, 4);
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

type Row = Record<string, string | null>;

async function storedRows(): Promise<Row[]> {
  const cols = METRIC_COLUMN_NAMES.map((c) => `${c}::text AS ${c}`).join(", ");
  return (await t.pool.query(`SELECT id::text, date::text, ${cols} FROM daily_metrics ORDER BY date`)).rows;
}

async function expectedDay(day: string): Promise<Row> {
  const row: Row = { date: day };
  for (const c of METRIC_COLUMN_NAMES) {
    const { rows } = await t.pool.query<[string | null]>({ text: EXPECTED[c], values: bounds(day), rowMode: "array" });
    row[c] = rows[0][0];
  }
  return row;
}

async function expectEveryDayMatches(from: string, to: string) {
  const stored = await storedRows();
  const byDate = new Map(stored.map((r) => [r.date, r]));
  for (const day of eachDay(from, to)) {
    const s = byDate.get(day);
    expect(s, `row for ${day}`).toBeDefined();
    const { id: _id, ...values } = s!;
    expect(values, `daily_metrics for ${day}`).toEqual(await expectedDay(day));
  }
}

async function expectSnapshotsMatch(from: string, to: string) {
  for (const day of eachDay(from, to)) {
    const expected = (await t.pool.query(EXPECTED_SNAPSHOT, [`${addDays(day, 1)}T00:00:00Z`])).rows;
    const stored = (
      await t.pool.query(
        `SELECT level_id::text, creator_count::text, avg_rating::text, total_completed::text
         FROM creator_level_snapshots WHERE snapshot_date = $1 ORDER BY level_id`,
        [day],
      )
    ).rows;
    expect(stored, `snapshots for ${day}`).toEqual(expected);
  }
}

describe.each([11, 23, 37, 101])("random dataset (seed %i)", (seed) => {
  let data: FakeDataSummary;
  beforeAll(async () => {
    await clearData(t.pool);
    data = await insertFakeData(t.pool, { seed, start: "2025-03-01", days: 10 });
    // one of the datasets is aggregated from a session whose TimeZone is not UTC
    const aggDb = seed === 37 ? createPrisma(`${t.url}?options=${encodeURIComponent("-c TimeZone=Pacific/Kiritimati")}`, 2) : db;
    await aggregateDailyMetrics(aggDb, data.start, data.end);
    await snapshotCreatorLevels(aggDb, data.start, data.end);
    if (aggDb !== db) await aggDb.$disconnect();
  });

  it("every column of every day equals its plain-SQL definition", async () => {
    expect(Object.values(data.counts).every((n) => n >= 50)).toBe(true);
    await expectEveryDayMatches(data.start, data.end);
  });

  it("creator level snapshots equal their plain-SQL definition, every level every day", async () => {
    // also from a start in the middle of the data, one day at a time and in odd-sized chunks
    for (const d of eachDay(addDays(data.start, 7), addDays(data.start, 9))) await snapshotCreatorLevels(db, d, d);
    await snapshotCreatorLevels(db, addDays(data.start, 10), data.end, { chunkMonths: 1 });
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n, count(DISTINCT (snapshot_date, level_id))::int AS d FROM creator_level_snapshots`);
    expect(rows[0]).toEqual({ n: eachDay(data.start, data.end).length * 4, d: eachDay(data.start, data.end).length * 4 });
    await expectSnapshotsMatch(data.start, data.end);
  });

  it("re-running is idempotent: same rows, same ids, one per date", async () => {
    const before = await storedRows();
    await aggregateDailyMetrics(db, data.start, data.end);
    await aggregateDailyMetrics(db, addDays(data.start, 3), addDays(data.start, 5));
    expect(await storedRows()).toEqual(before);
  });

  it("reconciliation of clean data finds no drift", async () => {
    const r = await reconcileDailyMetrics(db, { days: 7, now: new Date(`${data.end}T12:00:00Z`) });
    expect(r.checked).toBe(7);
    expect(r.drift).toEqual([]);
  });
});

describe("concurrency", () => {
  let data: FakeDataSummary;
  beforeAll(async () => {
    await clearData(t.pool);
    data = await insertFakeData(t.pool, { seed: 5, start: "2025-04-01" });
  });

  it("concurrent runs of the same range (rows not there yet) leave exactly one row per date", async () => {
    const clients = [createPrisma(t.url, 1), createPrisma(t.url, 1), createPrisma(t.url, 1), createPrisma(t.url, 1)];
    try {
      await Promise.all(clients.map((c) => aggregateDailyMetrics(c, data.start, data.end)));
      await Promise.all(clients.map((c) => snapshotCreatorLevels(c, data.start, data.end)));
      await Promise.all(clients.map((c, i) => aggregateDailyMetrics(c, addDays(data.start, i), data.end)));
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    const days = eachDay(data.start, data.end).length;
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n, count(DISTINCT date)::int AS d FROM daily_metrics`);
    expect(rows[0]).toEqual({ n: days, d: days });
    const snaps = await t.pool.query(`SELECT count(*)::int AS n FROM creator_level_snapshots`);
    expect(snaps.rows[0].n).toBe(days * 4);
    await expectEveryDayMatches(data.start, data.end);
    await expectSnapshotsMatch(data.start, data.end);
  });
});

describe("hand-made edge days", () => {
  const D = (day: number, time = "12:00:00.000") => `2025-06-${String(day).padStart(2, "0")}T${time}Z`;
  let ids: Record<string, string>;

  beforeAll(async () => {
    await clearData(t.pool);
    const q = (sql: string, params: unknown[] = []) => t.pool.query(sql, params);
    const one = async (sql: string, params: unknown[] = []) => (await q(sql, params)).rows[0].id as string;
    const level = await one(`INSERT INTO creator_levels (rank, code, name, min_completed_tasks, min_avg_rating) VALUES (1, 'N', 'Newcomer', 0, 0) RETURNING id`);
    const ot = await one(`INSERT INTO output_types (code, name, price, creator_payout) VALUES ('summary', 'Summary', 20, 12) RETURNING id`);
    const uploader = await one(`INSERT INTO users (role, email, name, password_hash, created_at) VALUES ('uploader', 'u@x.test', 'U', 'x', '2025-05-01T10:00Z') RETURNING id`);
    const creator = await one(`INSERT INTO users (role, email, name, password_hash, created_at) VALUES ('creator', 'c@x.test', 'C', 'x', '2025-05-01T10:00Z') RETURNING id`);
    const upload = await one(`INSERT INTO uploads (uploader_id, title, file_size_bytes, created_at) VALUES ($1, 'T', 1, '2025-05-02T10:00Z') RETURNING id`, [uploader]);
    const asg = (status: string, completed: string | null) =>
      one(`INSERT INTO assignments (upload_id, output_type_id, creator_id, status, price, creator_payout, completed_at, created_at)
           VALUES ($1, $2, $3, $4, 20, 12, $5, '2025-05-02T11:00Z') RETURNING id`, [upload, ot, creator, status, completed]);
    const sub = (assignment: string, version: number) =>
      one(`INSERT INTO content_submissions (assignment_id, creator_id, version, submitted_at) VALUES ($1, $2, $3, '2025-05-03T10:00Z') RETURNING id`, [assignment, creator, version]);
    const review = (submission: string, assignment: string, decision: string, score: number, at: string) =>
      q(`INSERT INTO reviews (submission_id, assignment_id, decision, overall_score, completed_at) VALUES ($1, $2, $3, $4, $5)`, [submission, assignment, decision, score, at]);
    const tx = (type: string, status: string, amount: string, at: string) =>
      q(`INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at) VALUES ($1, $2, $3, $4, 'card', $5)`, [uploader, type, status, amount, at]);
    const payout = (status: string, amount: string, requested: string, completed: string | null) =>
      q(`INSERT INTO payouts (creator_id, amount, status, method, requested_at, completed_at) VALUES ($1, $2, $3, 'bank', $4, $5)`, [creator, amount, status, requested, completed]);

    await q(`INSERT INTO creator_level_history (creator_id, to_level_id, changed_at) VALUES ($1, $2, '2025-05-01T10:00Z')`, [creator, level]);
    // 06-01: nothing at all.
    // 06-02: only refunds (succeeded), plus a failed refund.
    await tx("refund", "succeeded", "10.10", D(2, "00:00:00.000"));
    await tx("refund", "succeeded", "5.05", D(2, "23:59:59.999"));
    await tx("refund", "failed", "99.99", D(2));
    // 06-03: a payout requested (completed on 06-04); a failed payout that has a completed_at.
    await payout("completed", "250.00", D(3, "23:00:00.000"), D(4, "01:00:00.000"));
    await payout("failed", "75.00", D(3), D(3, "13:00:00.000"));
    await payout("pending", "60.00", D(3), null);
    // 06-04: reviews: first-time approval (A v1), approval of a later version (B v2), revision request (B v1).
    const a = await asg("approved", D(4));
    const b = await asg("approved", D(4, "23:59:59.999"));
    await asg("rejected", D(4));
    await asg("cancelled", D(4));
    const a1 = await sub(a, 1);
    const b1 = await sub(b, 1);
    const b2 = await sub(b, 2);
    await review(b1, b, "revision_requested", 2, D(4, "00:00:00.000"));
    await review(a1, a, "approved", 5, D(4));
    await review(b2, b, "approved", 4, D(4, "23:59:59.999"));
    // 06-05: succeeded, failed and pending charges; 06-06 gets the one at midnight.
    await tx("charge", "succeeded", "100.00", D(5, "23:59:59.999"));
    await tx("charge", "failed", "500.00", D(5));
    await tx("charge", "pending", "700.00", D(5));
    await tx("charge", "succeeded", "50.00", D(6, "00:00:00.000"));
    ids = { creator, level };
    await aggregateDailyMetrics(db, "2025-06-01", "2025-06-06");
  });

  const zeros = Object.fromEntries(
    METRIC_COLUMN_NAMES.map((c) => [c, ["avg_rating", "first_approval_rate", "revision_rate"].includes(c) ? null : c.startsWith("total_") ? "0.00" : "0"]),
  );
  const day = async (date: string) => {
    const { id: _id, ...values } = (await storedRows()).find((r) => r.date === date)!;
    return values;
  };

  it("a day with no data is a row of zeros with null rates and rating", async () => {
    expect(await day("2025-06-01")).toEqual({ date: "2025-06-01", ...zeros });
  });

  it("a day with only refunds: no revenue, refunds summed, failed refund excluded", async () => {
    expect(await day("2025-06-02")).toEqual({ date: "2025-06-02", ...zeros, total_refunds: "15.15", transaction_count: "2" });
  });

  it("a payout counts on the day it completed, not the day it was requested; failed and pending never", async () => {
    expect(await day("2025-06-03")).toEqual({ date: "2025-06-03", ...zeros });
    expect((await day("2025-06-04")).total_payouts).toBe("250.00");
  });

  it("an approval of a later submission version is not a first-time approval", async () => {
    expect(await day("2025-06-04")).toEqual({
      date: "2025-06-04",
      ...zeros,
      total_payouts: "250.00",
      total_creator_earnings: "24.00", // the two approved assignments' creator_payout (12 each); rejected and cancelled earn nothing
      active_creators: "1",
      assignments_completed: "2",
      assignments_rejected: "1",
      avg_rating: "3.67",
      first_approval_rate: "50.00",
      revision_rate: "33.33",
    });
  });

  it("failed and pending transactions are excluded; 00:00:00.000 belongs to the new day", async () => {
    expect(await day("2025-06-05")).toEqual({ date: "2025-06-05", ...zeros, total_revenue: "100.00", transaction_count: "1" });
    expect(await day("2025-06-06")).toEqual({ date: "2025-06-06", ...zeros, total_revenue: "50.00", transaction_count: "1" });
  });

  it("a computation cut at an instant (`until`) counts only rows timestamped before it", async () => {
    const [d5] = await computeDailyMetrics(db, { from: "2025-06-05", to: "2025-06-05", until: new Date(D(5, "23:59:59.999")) });
    expect(d5).toMatchObject({ total_revenue: "0.00", transaction_count: 0 });
    const both = await computeDailyMetrics(db, { from: "2025-06-05", to: "2025-06-06", until: new Date(D(6, "00:00:00.001")) });
    expect(both.map((r) => [r.date, r.total_revenue])).toEqual([["2025-06-05", "100.00"], ["2025-06-06", "50.00"]]);
  });

  it("liveDayMetrics computes the same numbers without storing them", async () => {
    await t.pool.query(`DELETE FROM daily_metrics WHERE date = '2025-06-04'`);
    const live = await liveDayMetrics(db, "2025-06-04");
    expect(live).toMatchObject({ date: "2025-06-04", total_payouts: "250.00", total_creator_earnings: "24.00", first_approval_rate: 50, revision_rate: 33.33, avg_rating: 3.67, assignments_completed: 2 });
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM daily_metrics WHERE date = '2025-06-04'`)).rows[0].n).toBe(0);
  });

  it("snapshots: a creator counts in their level with all their reviews and approved assignments so far", async () => {
    await snapshotCreatorLevels(db, "2025-06-03", "2025-06-05");
    const { rows } = await t.pool.query(
      `SELECT snapshot_date::text AS d, creator_count AS n, avg_rating::text AS r, total_completed AS c FROM creator_level_snapshots WHERE level_id = $1 ORDER BY 1`,
      [ids.level],
    );
    expect(rows).toEqual([
      { d: "2025-06-03", n: 1, r: null, c: 0 },
      { d: "2025-06-04", n: 1, r: "3.67", c: 2 },
      { d: "2025-06-05", n: 1, r: "3.67", c: 2 },
    ]);
  });
});

describe("reconciliation", () => {
  let data: FakeDataSummary;
  let jobRunId: string;
  const now = new Date("2025-03-12T08:00:00Z"); // checks 03-05 … 03-11
  beforeAll(async () => {
    await clearData(t.pool);
    data = await insertFakeData(t.pool, { seed: 77, start: "2025-03-01" });
    await aggregateDailyMetrics(db, data.start, data.end);
    jobRunId = (await t.pool.query(`INSERT INTO job_runs (job, driver, trigger, status) VALUES ('reconcile-daily-metrics', 'in-process', 'manual', 'running') RETURNING id`)).rows[0].id;
  });

  it("a tampered value is reported and recorded with its stored and recomputed values", async () => {
    const before = (await t.pool.query(`SELECT total_revenue::text AS v FROM daily_metrics WHERE date = '2025-03-08'`)).rows[0].v as string;
    await t.pool.query(`UPDATE daily_metrics SET total_revenue = total_revenue + 1, flags_created = flags_created + 2 WHERE date = '2025-03-08'`);
    const tampered = (await t.pool.query(`SELECT total_revenue::text AS v, flags_created::text AS f FROM daily_metrics WHERE date = '2025-03-08'`)).rows[0];
    const r = await reconcileDailyMetrics(db, { days: 7, now, jobRunId });
    expect(r).toMatchObject({ from: "2025-03-05", to: "2025-03-11", checked: 7 });
    expect(r.drift).toEqual([
      { date: "2025-03-08", column: "total_revenue", stored: tampered.v, recomputed: before },
      { date: "2025-03-08", column: "flags_created", stored: tampered.f, recomputed: String(Number(tampered.f) - 2) },
    ]);
    const { rows } = await t.pool.query(`SELECT job_run_id::text, date::text, column_name, stored, recomputed FROM metric_drift ORDER BY column_name DESC`);
    expect(rows).toEqual([
      { job_run_id: jobRunId, date: "2025-03-08", column_name: "total_revenue", stored: tampered.v, recomputed: before },
      { job_run_id: jobRunId, date: "2025-03-08", column_name: "flags_created", stored: tampered.f, recomputed: String(Number(tampered.f) - 2) },
    ]);
  });

  it("a missing row drifts in every column; days outside the window are not checked", async () => {
    await t.pool.query(`DELETE FROM metric_drift`);
    await aggregateDailyMetrics(db, "2025-03-08", "2025-03-08");
    await t.pool.query(`DELETE FROM daily_metrics WHERE date IN ('2025-03-10', '2025-03-02')`);
    await t.pool.query(`UPDATE daily_metrics SET total_revenue = 0 WHERE date = '2025-03-12'`);
    const r = await reconcileDailyMetrics(db, { days: 7, now });
    expect(r.drift.map((d) => d.column)).toEqual(METRIC_COLUMN_NAMES);
    expect(new Set(r.drift.map((d) => d.date))).toEqual(new Set(["2025-03-10"]));
    expect(r.drift.every((d) => d.stored === null)).toBe(true);
    expect((await t.pool.query(`SELECT count(*)::int AS n, count(job_run_id)::int AS j FROM metric_drift`)).rows[0]).toEqual({ n: METRIC_COLUMN_NAMES.length, j: 0 });
  });

  it("after re-aggregation there is no drift again", async () => {
    await aggregateDailyMetrics(db, "2025-03-05", "2025-03-11");
    expect((await reconcileDailyMetrics(db, { days: 7, now })).drift).toEqual([]);
  });
});

describe("live series", () => {
  it("closed days come from daily_metrics (or base tables when missing); today is live and shows a payment immediately", async () => {
    await clearData(t.pool);
    const today = utcDay(new Date());
    const data = await insertFakeData(t.pool, { seed: 9, start: addDays(today, -6), days: 7 });
    await aggregateDailyMetrics(db, data.start, addDays(today, -1));
    const from = addDays(today, -3);

    const first = await dailyMetricsSeries(db, from, today);
    expect(first.rows.map((r) => r.date)).toEqual(eachDay(from, today));
    expect(first.computed).toEqual([today]);

    // a stored value is what the series shows for a closed day
    await t.pool.query(`UPDATE daily_metrics SET total_revenue = 99999.99 WHERE date = $1`, [addDays(today, -1)]);
    // a closed day without a row is computed from the base tables
    await t.pool.query(`DELETE FROM daily_metrics WHERE date = $1`, [addDays(today, -2)]);

    const { rows } = await t.pool.query(
      `INSERT INTO payment_transactions (uploader_id, type, status, amount, method)
       SELECT id, 'charge', 'succeeded', 12.34, 'card' FROM users WHERE role = 'uploader' LIMIT 1 RETURNING created_at`,
    );
    const now = new Date();
    const series = await dailyMetricsSeries(db, from, today, now);
    expect(series.asOf).toBe(now);
    expect(series.computed).toEqual([addDays(today, -2), today]);
    const row = (d: string) => series.rows.find((r) => r.date === d)!;
    expect(row(addDays(today, -1)).total_revenue).toBe("99999.99");
    expect(row(addDays(today, -2))).toEqual(await liveDayMetrics(db, addDays(today, -2)));

    // today's revenue includes the charge just inserted, with no rollup run in between
    expect(utcDay(rows[0].created_at)).toBe(today);
    const cents = (s: string) => BigInt(s.replace(".", ""));
    expect(cents(row(today).total_revenue) - cents(first.rows.at(-1)!.total_revenue)).toBe(1234n);
    expect(row(today).transaction_count - first.rows.at(-1)!.transaction_count).toBe(1);
    expect(row(today)).toEqual(await liveDayMetrics(db, today));
  });
});

describe("nightly job and backfill", () => {
  let data: FakeDataSummary;
  beforeAll(async () => {
    await clearData(t.pool);
    data = await insertFakeData(t.pool, { seed: 3, start: "2025-03-01" });
  });

  it("runNightlyRollup re-aggregates exactly now-3d … yesterday and snapshots those days", async () => {
    const r = await runNightlyRollup(db, new Date("2025-03-08T00:30:00Z"));
    expect(r).toMatchObject({ from: "2025-03-05", to: "2025-03-07", days: 3, snapshotRows: 12, partitionsCreated: 0 });
    const dates = (await t.pool.query(`SELECT date::text AS d FROM daily_metrics ORDER BY 1`)).rows.map((x) => x.d);
    expect(dates).toEqual(["2025-03-05", "2025-03-06", "2025-03-07"]);
    const snaps = (await t.pool.query(`SELECT DISTINCT snapshot_date::text AS d FROM creator_level_snapshots ORDER BY 1`)).rows.map((x) => x.d);
    expect(snaps).toEqual(dates);
    await expectEveryDayMatches("2025-03-05", "2025-03-07");
    await expectSnapshotsMatch("2025-03-05", "2025-03-07");
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("runNightlyRollup creates the analytics_events partitions for this month and the next three", async () => {
    const r = await runNightlyRollup(db, new Date("2029-02-10T00:05:00Z"));
    expect(r.partitionsCreated).toBe(4);
    const { rows } = await t.pool.query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'analytics\\_events\\_2029\\_%' ORDER BY 1`);
    expect(rows.map((x) => x.relname)).toEqual(["analytics_events_2029_02", "analytics_events_2029_03", "analytics_events_2029_04", "analytics_events_2029_05"]);
    expect((await runNightlyRollup(db, new Date("2029-02-11T00:05:00Z"))).partitionsCreated).toBe(0);
  });

  it("backfill defaults to the first day with data and reports progress over every day", async () => {
    await t.pool.query(`TRUNCATE daily_metrics, creator_level_snapshots`);
    const progress: number[] = [];
    const r = await backfill(db, { to: data.end, onProgress: (p) => progress.push(p.done) });
    const first = (await t.pool.query(`SELECT min(created_at AT TIME ZONE 'UTC')::date::text AS d FROM users`)).rows[0].d;
    const days = eachDay(first, data.end).length;
    expect(r).toMatchObject({ from: first, to: data.end, days, snapshotRows: days * 4 });
    expect(progress.at(-1)).toBe(2 * days);
    await expectEveryDayMatches(first, data.end);
    await expectSnapshotsMatch(first, data.end);
  });
});
