// The creator and review rollups that replaced the per-process caches
// (lib/rollups/creator-stats.ts), on data around the real clock (the job "run
// now" uses the wall clock): every table equals plain SQL over the base
// tables; a back-dated write shows after the nightly job and after a job run
// now — and not before, since closed days are read from the rollups, with no
// cache in between; two fresh Prisma clients (as two app instances) answer the
// same; the reconciliation reports a tampered row of each new table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levelCreators } from "@/lib/analytics/admin-level-creators";
import { creatorDashboard } from "@/lib/analytics/creator";
import { creatorEarnings } from "@/lib/analytics/creator-earnings";
import { creatorLevelStats } from "@/lib/analytics/levels";
import { platformDashboard } from "@/lib/analytics/platform";
import { qualityDashboard } from "@/lib/analytics/quality";
import { createPrisma, type Db } from "@/lib/db";
import { aggregateDailyMetricsJob } from "@/lib/jobs/definitions";
import { dispatch } from "@/lib/jobs/dispatch";
import { runJob } from "@/lib/jobs/run-job";
import { addDays, backfill, reconcileDailyMetrics, utcDay } from "@/lib/rollups";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertFakeData, type FakeDataSummary } from "../helpers/fake-data";

let t: TestDatabase;
let db: Db;
let data: FakeDataSummary;
const today = utcDay(new Date());
const yesterday = addDays(today, -1);

beforeAll(async () => {
  t = await createTestDatabase();
  data = await insertFakeData(t.pool, { seed: 808, start: addDays(today, -9), days: 9 });
  // every creator in a level, so the level averages and drill-down have peers
  await t.pool.query(`UPDATE users SET creator_level_id = $1 WHERE role = 'creator'`, [data.levelIds[1]]);
  db = createPrisma(t.url, 4);
  await backfill(db, { to: yesterday });
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

const rows = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows;
const end = () => `${today}T00:00:00Z`; // the rollups hold the closed days, before today

// ---- independent definitions (METRICS.md), over the base tables ----
const SLOTS = `
  WITH w AS (
    SELECT a.creator_id::text, to_timestamp(floor(extract(epoch FROM a.completed_at) / 900) * 900) AS slot, a.output_type_id::text AS type,
      count(*)::int AS tasks, sum(a.creator_payout)::text AS earnings,
      count(*) FILTER (WHERE v1.submitted_at <= a.due_at)::int AS on_time
    FROM assignments a LEFT JOIN content_submissions v1 ON v1.assignment_id = a.id AND v1.version = 1
    WHERE a.status = 'approved' AND a.creator_id IS NOT NULL AND a.completed_at < $1::timestamptz GROUP BY 1, 2, 3),
  rv AS (
    SELECT a.creator_id::text, to_timestamp(floor(extract(epoch FROM r.completed_at) / 900) * 900) AS slot, a.output_type_id::text AS type,
      count(*)::int AS reviews, sum(r.overall_score)::int AS score_sum,
      count(*) FILTER (WHERE r.decision = 'approved')::int AS approved,
      count(*) FILTER (WHERE r.decision = 'approved' AND s.version = 1)::int AS first_approved
    FROM reviews r JOIN assignments a ON a.id = r.assignment_id JOIN content_submissions s ON s.id = r.submission_id
    WHERE a.creator_id IS NOT NULL AND r.completed_at < $1::timestamptz GROUP BY 1, 2, 3)
  SELECT creator_id, to_char(slot AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS slot, type,
    COALESCE(w.tasks, 0) AS tasks, COALESCE(w.earnings, '0.00') AS earnings, COALESCE(w.on_time, 0) AS on_time,
    COALESCE(rv.reviews, 0) AS reviews, COALESCE(rv.score_sum, 0) AS score_sum, COALESCE(rv.approved, 0) AS approved,
    COALESCE(rv.first_approved, 0) AS first_approved
  FROM w FULL JOIN rv USING (creator_id, slot, type)
  ORDER BY 1, 2, 3`;

const STORED_SLOTS = `
  SELECT creator_id::text, to_char(slot AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS slot, output_type_id::text AS type,
    tasks, earnings::text, on_time, reviews, score_sum, approved, first_approved
  FROM creator_slot_stats WHERE slot < $1::timestamptz ORDER BY 1, 2, 3`;

const DAYS = `
  SELECT creator_id, left(slot, 10) AS day, type, sum(tasks)::int AS tasks, sum(earnings::numeric)::numeric(14,2)::text AS earnings,
    sum(on_time)::int AS on_time, sum(reviews)::int AS reviews, sum(score_sum)::int AS score_sum, sum(approved)::int AS approved,
    sum(first_approved)::int AS first_approved
  FROM (${SLOTS}) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
const STORED_DAYS = `
  SELECT creator_id::text, to_char("date", 'YYYY-MM-DD') AS day, output_type_id::text AS type, tasks, earnings::text, on_time,
    reviews, score_sum, approved, first_approved
  FROM creator_day_stats WHERE "date" < $1::date ORDER BY 1, 2, 3`;

async function qualityReviews(now: Date) {
  return (await qualityDashboard(db, { period: "year", now })).summary;
}

// each user's first active UTC day per calendar period (METRICS.md "People": uploads created / assignments completed, approved or rejected)
const ACTIVE = `
  WITH act AS (
    SELECT 'uploader' AS kind, up.uploader_id AS user_id, up.created_at AS at
    FROM uploads up JOIN users u ON u.id = up.uploader_id WHERE u.role = 'uploader'
    UNION ALL
    SELECT 'creator', a.creator_id, a.completed_at
    FROM assignments a JOIN users u ON u.id = a.creator_id WHERE u.role = 'creator' AND a.status IN ('approved', 'rejected'))
  SELECT kind, g AS grain, to_char(date_trunc(g, at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period_start, user_id::text,
    to_char(min(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS first_day
  FROM act CROSS JOIN unnest(ARRAY['week', 'month', 'quarter', 'year']) g
  WHERE at < $1::timestamptz
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
const STORED_ACTIVE = `
  SELECT kind::text, grain::text, to_char(period_start, 'YYYY-MM-DD') AS period_start, user_id::text, to_char(first_day, 'YYYY-MM-DD') AS first_day
  FROM active_user_periods ORDER BY 1, 2, 3, 4`;

describe("the rollups equal plain SQL over the base tables", () => {
  it("creator_slot_stats: every creator, 15-minute slot and output type", async () => {
    const want = await rows(SLOTS, [end()]);
    expect(want.length).toBeGreaterThan(50);
    expect(await rows(STORED_SLOTS, [end()])).toEqual(want);
  });

  it("creator_day_stats: every creator, UTC day and output type (the slots' definitions, per day)", async () => {
    const want = await rows(DAYS, [end()]);
    expect(want.length).toBeGreaterThan(20);
    expect(await rows(STORED_DAYS, [today])).toEqual(want);
  });

  it("review_daily_stats: every UTC day and output type", async () => {
    const sql = `
      SELECT to_char((r.completed_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, a.output_type_id::text AS type,
        count(*)::int AS reviews, sum(r.overall_score)::int AS score_sum,
        count(*) FILTER (WHERE r.decision = 'approved')::int AS approved,
        count(*) FILTER (WHERE r.decision = 'approved' AND s.version = 1)::int AS first_approved,
        count(*) FILTER (WHERE r.decision = 'revision_requested')::int AS revisions,
        count(*) FILTER (WHERE r.decision = 'rejected')::int AS rejections
      FROM reviews r JOIN assignments a ON a.id = r.assignment_id JOIN content_submissions s ON s.id = r.submission_id
      WHERE r.completed_at < $1::timestamptz GROUP BY 1, 2 ORDER BY 1, 2`;
    const stored = `
      SELECT to_char("date", 'YYYY-MM-DD') AS day, output_type_id::text AS type, reviews, score_sum, approved, first_approved, revisions, rejections
      FROM review_daily_stats WHERE "date" < $1::date ORDER BY 1, 2`;
    const want = await rows(sql, [end()]);
    expect(want.length).toBeGreaterThan(5);
    expect(await rows(stored, [today])).toEqual(want);
  });

  it("creator_running_totals: each creator's totals up to the end of each day they were active", async () => {
    const sql = `
      WITH days AS (
        SELECT DISTINCT a.creator_id, (x.at AT TIME ZONE 'UTC')::date AS d
        FROM assignments a
        CROSS JOIN LATERAL (SELECT a.completed_at AS at WHERE a.status = 'approved'
                            UNION ALL SELECT r.completed_at FROM reviews r WHERE r.assignment_id = a.id) x
        WHERE a.creator_id IS NOT NULL AND x.at < $1::timestamptz)
      SELECT d.creator_id::text, to_char(d.d, 'YYYY-MM-DD') AS day,
        (SELECT count(*) FROM assignments a WHERE a.creator_id = d.creator_id AND a.status = 'approved'
           AND a.completed_at < (d.d + 1)::timestamp AT TIME ZONE 'UTC')::int AS tasks,
        (SELECT COALESCE(sum(a.creator_payout), 0) FROM assignments a WHERE a.creator_id = d.creator_id AND a.status = 'approved'
           AND a.completed_at < (d.d + 1)::timestamp AT TIME ZONE 'UTC')::numeric(14,2)::text AS earnings,
        (SELECT count(*) FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.creator_id = d.creator_id
           AND r.completed_at < (d.d + 1)::timestamp AT TIME ZONE 'UTC')::int AS reviews,
        (SELECT COALESCE(sum(r.overall_score), 0) FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.creator_id = d.creator_id
           AND r.completed_at < (d.d + 1)::timestamp AT TIME ZONE 'UTC')::int AS score_sum
      FROM days d ORDER BY 1, 2`;
    const stored = `
      SELECT creator_id::text, to_char("date", 'YYYY-MM-DD') AS day, tasks, earnings::text, reviews, score_sum::int
      FROM creator_running_totals WHERE "date" < $1::date ORDER BY 1, 2`;
    const want = await rows(sql, [end()]);
    expect(want.length).toBeGreaterThan(20);
    expect(await rows(stored, [today])).toEqual(want);
  });

  it("active_user_periods: each user's first active day in every week, month, quarter and year", async () => {
    const want = await rows(ACTIVE, [end()]);
    expect(want.filter((r) => r.grain === "week").length).toBeGreaterThan(20);
    expect(new Set(want.map((r) => r.kind))).toEqual(new Set(["uploader", "creator"]));
    expect(await rows(STORED_ACTIVE)).toEqual(want);
  });

  it("creator_totals: every creator's totals up to the end of rollup_state's day (yesterday)", async () => {
    expect(await rows(`SELECT to_char("through", 'YYYY-MM-DD') AS d FROM rollup_state WHERE "name" = 'creator_totals'`)).toEqual([{ d: yesterday }]);
    const sql = `
      SELECT u.id::text AS creator_id,
        (SELECT count(*) FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.creator_id = u.id AND r.completed_at < $1::timestamptz)::int AS reviews,
        (SELECT COALESCE(sum(r.overall_score), 0) FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.creator_id = u.id AND r.completed_at < $1::timestamptz)::int AS score_sum,
        (SELECT count(*) FROM assignments a WHERE a.creator_id = u.id AND a.status = 'approved' AND a.completed_at < $1::timestamptz)::int AS completed,
        (SELECT COALESCE(sum(creator_payout), 0) FROM assignments a WHERE a.creator_id = u.id AND a.status = 'approved' AND a.completed_at < $1::timestamptz)::numeric(14,2)::text AS earnings
      FROM users u WHERE u.id IN (SELECT creator_id FROM creator_totals) ORDER BY 1`;
    const stored = `SELECT creator_id::text, reviews, score_sum::int, completed, earnings::text FROM creator_totals ORDER BY 1`;
    const want = await rows(sql, [end()]);
    expect(want.length).toBeGreaterThan(5);
    expect(await rows(stored)).toEqual(want);
    // and every creator with a closed-day review or approval has a row
    const [{ n }] = await rows(`SELECT count(DISTINCT a.creator_id)::int AS n FROM assignments a
      WHERE a.creator_id IS NOT NULL AND ((a.status = 'approved' AND a.completed_at < $1::timestamptz)
        OR EXISTS (SELECT 1 FROM reviews r WHERE r.assignment_id = a.id AND r.completed_at < $1::timestamptz))`, [end()]);
    expect(want.length).toBe(n);
  });
});

/** Adds one approved review, score 1, of an existing submission, completed at `at`; returns its id. */
async function backDatedReview(at: string): Promise<string> {
  const [s] = await rows(`SELECT s.id, s.assignment_id FROM content_submissions s JOIN assignments a ON a.id = s.assignment_id
    WHERE a.creator_id IS NOT NULL ORDER BY s.id LIMIT 1`);
  const [r] = await rows(`INSERT INTO reviews (submission_id, assignment_id, decision, overall_score, completed_at)
    VALUES ($1, $2, 'rejected', 1, $3) RETURNING id`, [s.id, s.assignment_id, at]);
  return r.id;
}

describe("a back-dated write", () => {
  it("into a closed day shows after the nightly job's rollup of that day, not before", async () => {
    const now = new Date();
    const before = await qualityReviews(now);
    const beforeTotals = await rows(`SELECT sum(reviews)::int AS n FROM creator_totals`);
    await backDatedReview(`${yesterday}T12:00:00Z`);
    // closed days are read from the rollups: unchanged until the day is rolled up again
    expect(await qualityReviews(now)).toEqual(before);
    // the nightly cron run (the in-process driver's tick: the same job, trigger "cron")
    await runJob(db, aggregateDailyMetricsJob, {}, { trigger: "cron" });
    const after = await qualityReviews(now);
    expect(after.reviews).toBe(before.reviews + 1);
    const [want] = await rows(`SELECT count(*)::int AS n FROM reviews WHERE completed_at >= $1 AND completed_at < $2`, [`${today.slice(0, 4)}-01-01T00:00:00Z`, now.toISOString()]);
    expect(after.reviews).toBe(want.n);
    expect(await rows(`SELECT sum(reviews)::int AS n FROM creator_totals`)).toEqual([{ n: beforeTotals[0].n + 1 }]);
    expect(await rows(STORED_SLOTS, [end()])).toEqual(await rows(SLOTS, [end()]));
    expect(await rows(STORED_DAYS, [today])).toEqual(await rows(DAYS, [end()]));
  });

  it("into a closed day shows after a job run now (POST …/jobs/:name/run dispatches it)", async () => {
    const now = new Date();
    const before = await qualityReviews(now);
    await backDatedReview(`${addDays(today, -2)}T08:30:00Z`);
    expect(await qualityReviews(now)).toEqual(before);
    const started = new Date();
    const { driver } = await dispatch(db, aggregateDailyMetricsJob);
    expect(driver).toBe("in-process");
    await expect.poll(async () => (await rows(
      `SELECT status FROM job_runs WHERE job = 'aggregate-daily-metrics' AND trigger = 'manual' AND started_at >= $1`, [started.toISOString()]))[0]?.status,
    { timeout: 60_000, interval: 250 }).toBe("completed");
    expect((await qualityReviews(now)).reviews).toBe(before.reviews + 1);
    expect(await rows(STORED_SLOTS, [end()])).toEqual(await rows(SLOTS, [end()]));
    expect(await rows(STORED_DAYS, [today])).toEqual(await rows(DAYS, [end()]));
  });
});

describe("a back-dated upload (active users)", () => {
  it("into a closed day counts in the platform's active uploaders after the nightly job's rollup of that day, not before", async () => {
    const now = new Date();
    const yearStart = `${today.slice(0, 4)}-01-01T00:00:00Z`;
    const active = async () => (await platformDashboard(db, { period: "year", now })).summary.active_uploaders;
    const before = await active();
    const [u] = await rows(`SELECT u.id FROM users u WHERE u.role = 'uploader' AND NOT EXISTS (
      SELECT 1 FROM uploads up WHERE up.uploader_id = u.id AND up.created_at >= $1) ORDER BY u.id LIMIT 1`, [yearStart]);
    expect(u).toBeDefined();
    await rows(`INSERT INTO uploads (uploader_id, title, status, file_size_bytes, created_at) VALUES ($1, 'late', 'processing', 1, $2)`,
      [u.id, `${yesterday}T09:00:00Z`]);
    expect(await active()).toBe(before);
    await runJob(db, aggregateDailyMetricsJob, {}, { trigger: "cron" });
    expect(await active()).toBe(before + 1);
    const [want] = await rows(`SELECT count(DISTINCT up.uploader_id)::int AS n FROM uploads up JOIN users u ON u.id = up.uploader_id
      WHERE u.role = 'uploader' AND up.created_at >= $1 AND up.created_at < $2`, [yearStart, now.toISOString()]);
    expect(before + 1).toBe(want.n);
    expect(await rows(STORED_ACTIVE)).toEqual(await rows(ACTIVE, [end()]));
  });
});

function containingYesterday(now: Date): "week" | "month" | "quarter" | "year" {
  const d = now.getUTCDate(), m = now.getUTCMonth();
  if (now.getUTCDay() !== 1) return "week";
  if (d !== 1) return "month";
  if (m % 3 !== 0) return "quarter";
  return "year";
}

describe("two app instances", () => {
  it("two fresh Prisma clients give the same answers, before and after a write and a rollup", async () => {
    const other = createPrisma(t.url, 4);
    try {
      const [creator] = await rows(`SELECT creator_id::text AS id FROM creator_totals ORDER BY completed DESC, creator_id LIMIT 1`);
      const now = new Date();
      const ask = (c: Db) => Promise.all([
        creatorDashboard(c, creator.id, { period: "month", timeZone: "America/New_York", now }),
        creatorEarnings(c, creator.id, { timeZone: "Asia/Kolkata", now }),
        // a period that holds yesterday (on a Monday the week does not), so the back-dated review shows
        qualityDashboard(c, { period: containingYesterday(now), now }),
        creatorLevelStats(c, { startDate: addDays(today, -9), endDate: today, now }),
        levelCreators(c, data.levelIds[1], { sort: "earnings", order: "desc", page: 1, perPage: 10, now }),
      ]);
      const first = await ask(db);
      expect(await ask(other)).toEqual(first);
      expect(first[0].performance_vs_average.creators_in_level).toBeGreaterThan(1);
      await backDatedReview(`${yesterday}T18:00:00Z`);
      await runJob(db, aggregateDailyMetricsJob, {}, { trigger: "manual" });
      const [a, b] = [await ask(db), await ask(other)];
      expect(b).toEqual(a);
      expect(a[2]).not.toEqual(first[2]);
    } finally {
      await other.$disconnect();
    }
  });
});

describe("reconciliation", () => {
  it("reports a tampered row of each new table, and a backfill repairs them", async () => {
    await rows(`DELETE FROM metric_drift`);
    expect((await reconcileDailyMetrics(db, { days: 7 })).drift).toEqual([]);
    const [slot] = await rows(`SELECT creator_id, slot, output_type_id, (slot AT TIME ZONE 'UTC')::date::text AS day, tasks FROM creator_slot_stats
      WHERE slot >= $1::timestamptz AND slot < $2::timestamptz AND tasks > 0 ORDER BY slot LIMIT 1`, [`${addDays(today, -3)}T00:00:00Z`, end()]);
    await rows(`UPDATE creator_slot_stats SET tasks = tasks + 2 WHERE creator_id = $1 AND slot = $2 AND output_type_id = $3`, [slot.creator_id, slot.slot, slot.output_type_id]);
    await rows(`UPDATE review_daily_stats SET rejections = rejections + 1 WHERE ("date", output_type_id) IN (
      SELECT "date", output_type_id FROM review_daily_stats WHERE "date" = $1 ORDER BY output_type_id LIMIT 1)`, [yesterday]);
    await rows(`UPDATE creator_running_totals SET reviews = reviews + 3 WHERE creator_id = $1 AND "date" = $2`, [slot.creator_id, slot.day]);
    await rows(`UPDATE creator_totals SET earnings = earnings + 1.50 WHERE creator_id = $1`, [slot.creator_id]);
    const [act] = await rows(`SELECT kind, user_id, to_char(period_start, 'YYYY-MM-DD') AS period_start FROM active_user_periods
      WHERE grain = 'year' AND first_day < $1::date ORDER BY kind, user_id LIMIT 1`, [addDays(today, -2)]);
    await rows(`UPDATE active_user_periods SET first_day = first_day + 1 WHERE grain = 'year' AND kind = $1 AND user_id = $2`, [act.kind, act.user_id]);
    const drift = (await reconcileDailyMetrics(db, { days: 7 })).drift;
    const byColumn = Object.fromEntries(drift.map((d) => [`${d.date} ${d.column}`, Number(d.stored) - Number(d.recomputed)]));
    expect(byColumn).toEqual({
      [`${slot.day} creator_slot_stats.tasks`]: 2,
      [`${yesterday} review_daily_stats.rejections`]: 1,
      [`${slot.day} creator_running_totals.reviews`]: 3,
      [`${yesterday} creator_totals.earnings`]: 1.5,
      [`${act.period_start} active_user_periods.first_day`]: 1,
    });
    const [{ n }] = await rows(`SELECT count(*)::int AS n FROM metric_drift WHERE column_name LIKE '%.%'`);
    expect(n).toBe(5);
    await backfill(db, { to: yesterday });
    expect((await reconcileDailyMetrics(db, { days: 7 })).drift).toEqual([]);
  }, 60_000);
});
