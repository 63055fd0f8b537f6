// The creator dashboard (lib/analytics/creator.ts) and earnings
// (lib/analytics/creator-earnings.ts) against plain SQL written here from
// METRICS.md, for every period in three time zones at a fixed "now".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creatorDashboard } from "@/lib/analytics/creator";
import { creatorEarnings, EarningsRangeError } from "@/lib/analytics/creator-earnings";
import { createPrisma, type Db } from "@/lib/db";
import { backfill } from "@/lib/rollups";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { countedIntervals, hoursOf, perHourOf, sweepReference } from "../helpers/work-hours-reference";
import { insertDashboardData, NOW, NOW_OFF_GRID, ZONES, type DashboardCast } from "../helpers/user-dashboard-data";

let tdb: TestDatabase;
let db: Db;
let cast: DashboardCast;

beforeAll(async () => {
  tdb = await createTestDatabase();
  cast = await insertDashboardData(tdb.pool);
  db = createPrisma(tdb.url, 4);
  // as in production: closed days rolled up (creator_slot_stats), except the
  // last closed one (the nightly job not run yet: read from the base tables), and today live
  await backfill(db, { to: "2026-03-16", now: NOW });
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

const PERIODS = ["week", "month", "quarter", "year"] as const;
type P = (typeof PERIODS)[number];
const STEP: Record<P, string> = { week: "1 week", month: "1 month", quarter: "3 months", year: "1 year" };
const BUCKET: Record<P, string> = { week: "day", month: "day", quarter: "week", year: "month" };
const EVER = new Date(0);

async function one<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T> {
  return (await tdb.pool.query(sql, params)).rows[0] as T;
}
const num = (v: unknown) => (v == null ? null : Number(v));
// Deltas by kind (METRICS.md "Conventions"), written out here: counts and money relative (%), rates in
// percentage points (current − previous), ratings in rating points; null when either side is null.
const pct = (cur: number | null, prev: number | null) => (cur == null || !prev ? null : Math.round(((cur - prev) / Math.abs(prev)) * 1000) / 10);
const diff = (cur: number | null, prev: number | null, decimals: number) =>
  cur == null || prev == null ? null : Math.round((cur - prev) * 10 ** decimals) / 10 ** decimals;

type Bounds = { start: Date; end: Date; prev_start: Date; prev_end: Date };
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

/** One creator's period metrics, the METRICS.md way. */
async function metrics(creator: string, s: Date, e: Date) {
  const work = await one<{ tasks: number; earnings: string; on_time: string | null }>(
    `SELECT count(*)::int AS tasks, coalesce(sum(creator_payout), 0)::text AS earnings,
       round(100.0 * count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM content_submissions cs WHERE cs.assignment_id = a.id AND cs.version = 1 AND cs.submitted_at <= a.due_at)) / nullif(count(*), 0), 1)::text AS on_time
     FROM assignments a WHERE a.creator_id = $1 AND a.status = 'approved' AND a.completed_at >= $2 AND a.completed_at < $3`,
    [creator, s, e],
  );
  const quality = await one<{ rating: string | null; first: string | null }>(
    `SELECT round(avg(r.overall_score), 2)::text AS rating,
       round(100.0 * count(*) FILTER (WHERE r.decision = 'approved' AND cs.version = 1) / nullif(count(*) FILTER (WHERE r.decision = 'approved'), 0), 1)::text AS first
     FROM reviews r JOIN content_submissions cs ON cs.id = r.submission_id
     WHERE r.assignment_id IN (SELECT id FROM assignments WHERE creator_id = $1) AND r.completed_at >= $2 AND r.completed_at < $3`,
    [creator, s, e],
  );
  return {
    completed_tasks: work.tasks, total_earnings: Number(work.earnings),
    avg_rating: num(quality.rating), on_time_rate: num(work.on_time), first_time_approval_rate: num(quality.first),
  };
}

/** Mean of each metric over the creators now in the level (rates and ratings over those who have one). */
async function levelAverages(levelId: string, s: Date, e: Date) {
  return one<Record<string, string | null>>(
    `WITH peers AS (SELECT id FROM users WHERE role = 'creator' AND creator_level_id = $1),
     per AS (
       SELECT p.id,
         (SELECT count(*) FROM assignments a WHERE a.creator_id = p.id AND a.status = 'approved' AND a.completed_at >= $2 AND a.completed_at < $3) AS tasks,
         (SELECT coalesce(sum(creator_payout), 0) FROM assignments a WHERE a.creator_id = p.id AND a.status = 'approved' AND a.completed_at >= $2 AND a.completed_at < $3) AS earnings,
         (SELECT avg(r.overall_score) FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.creator_id = p.id AND r.completed_at >= $2 AND r.completed_at < $3) AS rating,
         (SELECT 100.0 * count(*) FILTER (WHERE cs.submitted_at <= a.due_at) / nullif(count(*), 0)
            FROM assignments a LEFT JOIN content_submissions cs ON cs.assignment_id = a.id AND cs.version = 1
            WHERE a.creator_id = p.id AND a.status = 'approved' AND a.completed_at >= $2 AND a.completed_at < $3) AS on_time,
         (SELECT 100.0 * count(*) FILTER (WHERE cs.version = 1) / nullif(count(*), 0)
            FROM reviews r JOIN assignments a ON a.id = r.assignment_id JOIN content_submissions cs ON cs.id = r.submission_id
            WHERE a.creator_id = p.id AND r.decision = 'approved' AND r.completed_at >= $2 AND r.completed_at < $3) AS first
       FROM peers p)
     SELECT count(*)::int AS creators, round(avg(tasks), 1)::text AS completed_tasks, round(avg(earnings), 2)::text AS total_earnings,
       round(avg(rating), 2)::text AS avg_rating, round(avg(on_time), 1)::text AS on_time_rate, round(avg(first), 1)::text AS first_time_approval_rate
     FROM per`,
    [levelId, s, e],
  );
}

async function trend(sql: string, creator: string, s: Date, e: Date, unit: string, tz: string) {
  const r = await tdb.pool.query(
    `WITH b AS (
       SELECT gs::date AS day FROM generate_series(date_trunc($4, $2::timestamptz AT TIME ZONE $5), $3::timestamptz AT TIME ZONE $5, ('1 ' || $4)::interval) gs
       WHERE gs < ($3::timestamptz AT TIME ZONE $5)),
     t AS (${sql})
     SELECT to_char(b.day, 'YYYY-MM-DD') AS date, t.v FROM b LEFT JOIN t USING (day) ORDER BY b.day`,
    [creator, s, e, unit, tz],
  );
  return r.rows as { date: string; v: string | null }[];
}

async function expectedCreator(creator: string, period: P, tz: string, now = NOW) {
  const b = await bounds(period, tz, now);
  const [cur, prev, all] = await Promise.all([metrics(creator, b.start, b.end), metrics(creator, b.prev_start, b.prev_end), metrics(creator, EVER, now)]);
  const bal = await one<{ v: string }>(
    `SELECT ((SELECT coalesce(sum(creator_payout), 0) FROM assignments WHERE creator_id = $1 AND status = 'approved' AND completed_at < $2)
           - (SELECT coalesce(sum(amount), 0) FROM payouts WHERE creator_id = $1 AND status IN ('pending', 'processing', 'completed') AND requested_at < $2))::text AS v`,
    [creator, now],
  );
  const available_balance = Number(bal.v);
  const level = await one<Record<string, unknown>>(
    `SELECT cl.id, cl.name, cl.code,
       (SELECT name FROM creator_levels WHERE rank > coalesce(cl.rank, 0) ORDER BY rank LIMIT 1) AS next_name,
       (SELECT min_completed_tasks FROM creator_levels WHERE rank > coalesce(cl.rank, 0) ORDER BY rank LIMIT 1) AS next_tasks,
       (SELECT min_avg_rating::text FROM creator_levels WHERE rank > coalesce(cl.rank, 0) ORDER BY rank LIMIT 1) AS next_rating
     FROM users u LEFT JOIN creator_levels cl ON cl.id = u.creator_level_id WHERE u.id = $1`,
    [creator],
  );
  const avg = level.id ? await levelAverages(level.id as string, b.start, b.end) : null;
  // levels of fewer than 5 creators show no averages (they would reveal a peer's numbers), and say why
  const shown = avg && Number(avg.creators) >= 5 ? avg : null;
  const earned = await trend(
    `SELECT date_trunc($4, completed_at AT TIME ZONE $5)::date AS day, sum(creator_payout)::text AS v FROM assignments
     WHERE creator_id = $1 AND status = 'approved' AND completed_at >= $2 AND completed_at < $3 GROUP BY 1`,
    creator, b.start, b.end, BUCKET[period], tz,
  );
  const rated = await trend(
    `SELECT date_trunc($4, r.completed_at AT TIME ZONE $5)::date AS day, round(avg(r.overall_score), 2)::text AS v
     FROM reviews r JOIN assignments a ON a.id = r.assignment_id
     WHERE a.creator_id = $1 AND r.completed_at >= $2 AND r.completed_at < $3 GROUP BY 1`,
    creator, b.start, b.end, BUCKET[period], tz,
  );
  const keys = ["completed_tasks", "total_earnings", "avg_rating", "on_time_rate", "first_time_approval_rate"] as const;
  return {
    bounds: b,
    summary: { ...cur, available_balance },
    all_time: { ...all, available_balance },
    previous: { ...prev, available_balance: null },
    deltas: {
      completed_tasks: pct(cur.completed_tasks, prev.completed_tasks),
      total_earnings: pct(cur.total_earnings, prev.total_earnings),
      avg_rating: diff(cur.avg_rating, prev.avg_rating, 2),
      on_time_rate: diff(cur.on_time_rate, prev.on_time_rate, 1), // pp
      first_time_approval_rate: diff(cur.first_time_approval_rate, prev.first_time_approval_rate, 1), // pp
      available_balance: null,
    },
    level_progress: {
      current_level: level.name ?? null,
      current_level_code: level.code ?? null,
      next_level: level.next_name ?? null,
      top_level: level.id != null && level.next_name == null,
      tasks_completed: all.completed_tasks,
      tasks_required: level.next_tasks ?? null,
      rating_current: all.avg_rating,
      rating_required: num(level.next_rating),
    },
    earnings_trend: earned.map((r) => ({ date: r.date, amount: Number(r.v ?? 0) })),
    rating_trend: rated.map((r) => ({ date: r.date, rating: num(r.v) })),
    performance_vs_average: {
      level: level.name ?? null,
      creators_in_level: avg?.creators ?? 0,
      as_of: avg ? now.toISOString() : null,
      averages_hidden_reason: avg && !shown ? expect.stringMatching(/at least 5 creators/) : null,
      ...Object.fromEntries(keys.map((k) => [k, { you: cur[k], level_average: shown ? num(shown[k]) : null }])),
    },
  };
}

describe("creator dashboard matches plain SQL", () => {
  const cases = [
    ...ZONES.flatMap((tz) => PERIODS.map((period) => ({ tz, period, now: NOW }))),
    // off the 15-minute grid: the previous period's cut splits a slot of the cached history
    ...(["Asia/Kolkata", "Pacific/Auckland"] as const).flatMap((tz) => PERIODS.map((period) => ({ tz, period, now: NOW_OFF_GRID }))),
  ];
  for (const { tz, period, now } of cases) {
    it(`${period} in ${tz} at ${now.toISOString()}`, async () => {
      const got = await creatorDashboard(db, cast.creator, { period, timeZone: tz, now });
      const want = await expectedCreator(cast.creator, period, tz, now);
      expect(got.period).toEqual({
        name: period, tz, granularity: BUCKET[period],
        start: want.bounds.start.toISOString(), end: want.bounds.end.toISOString(),
        previous_start: want.bounds.prev_start.toISOString(), previous_end: want.bounds.prev_end.toISOString(),
      });
      expect(got.summary).toEqual(want.summary);
      expect(got.all_time).toEqual(want.all_time);
      expect(got.previous).toEqual(want.previous);
      expect(got.deltas).toEqual(want.deltas);
      expect(got.delta_units).toEqual({
        completed_tasks: "percent", total_earnings: "percent", available_balance: "percent", avg_rating: "stars", on_time_rate: "pp", first_time_approval_rate: "pp",
      });
      expect(got.level_progress).toEqual(want.level_progress);
      expect(got.earnings_trend).toEqual(want.earnings_trend);
      expect(got.rating_trend).toEqual(want.rating_trend);
      expect(got.performance_vs_average).toEqual(want.performance_vs_average);
    });
  }

  it("the data exercises what it should", async () => {
    const got = await creatorDashboard(db, cast.creator, { period: "month", timeZone: "Asia/Kolkata", now: NOW });
    expect(got.summary.completed_tasks).toBeGreaterThan(0);
    expect(got.previous.completed_tasks).toBeGreaterThan(0);
    expect(got.summary.on_time_rate).not.toBeNull();
    expect(got.all_time.on_time_rate).toBeGreaterThan(0);
    expect(got.all_time.on_time_rate).toBeLessThan(100);
    expect(got.all_time.first_time_approval_rate).toBeLessThan(100);
    expect(got.performance_vs_average.creators_in_level).toBe(5);
    expect(got.rating_trend.some((p) => p.rating == null)).toBe(true);
  });

  it("other creators' work never leaks in", async () => {
    const solo = await creatorDashboard(db, cast.creator2, { period: "year", timeZone: "UTC", now: NOW });
    const mine = await creatorDashboard(db, cast.creator, { period: "year", timeZone: "UTC", now: NOW });
    expect(solo.all_time.completed_tasks).not.toBe(mine.all_time.completed_tasks);
    const { n } = await one<{ n: number }>(`SELECT count(*)::int AS n FROM assignments WHERE creator_id = $1 AND status = 'approved' AND completed_at < $2`, [cast.creator2, NOW]);
    expect(solo.all_time.completed_tasks).toBe(n);
  });

  it("an idle creator: zeros, null rates and ratings, null deltas; level averages still shown", async () => {
    const got = await creatorDashboard(db, cast.creatorIdle, { period: "month", timeZone: "UTC", now: NOW });
    expect(got.summary).toEqual({ completed_tasks: 0, total_earnings: 0, available_balance: 0, avg_rating: null, on_time_rate: null, first_time_approval_rate: null });
    expect(Object.values(got.deltas).every((v) => v === null)).toBe(true);
    expect(got.performance_vs_average.completed_tasks.level_average).not.toBeNull();
    expect(got.level_progress).toMatchObject({ current_level: "Silver", next_level: "Gold", tasks_required: 400, rating_current: null });
  });

  it("the top level says so: no next level, no requirements", async () => {
    const got = await creatorDashboard(db, cast.creatorTop, { period: "year", timeZone: "Pacific/Auckland", now: NOW });
    expect(got.level_progress).toMatchObject({ current_level: "Gold", next_level: null, top_level: true, tasks_required: null, rating_required: null });
    const want = await expectedCreator(cast.creatorTop, "year", "Pacific/Auckland");
    expect(got.summary).toEqual(want.summary);
    expect(got.performance_vs_average).toEqual(want.performance_vs_average);
  });

  it("a creator without a level works toward the first one and has no level average", async () => {
    const got = await creatorDashboard(db, cast.creatorNoLevel, { period: "quarter", timeZone: "UTC", now: NOW });
    expect(got.level_progress).toMatchObject({ current_level: null, next_level: "Bronze", top_level: false, tasks_required: 0 });
    expect(got.performance_vs_average.level).toBeNull();
    expect(got.performance_vs_average.avg_rating.level_average).toBeNull();
  });
});

/** Earnings over local dates [from, to] in tz, counted up to NOW, the METRICS.md way. */
async function expectedEarnings(creator: string, from: string, to: string, unit: string, tz: string, now = NOW) {
  const r = await one<{ start: Date; end: Date; counted: Date }>(
    `SELECT ($1::date::timestamp AT TIME ZONE $3) AS start, (($2::date + 1)::timestamp AT TIME ZONE $3) AS end,
       least(($2::date + 1)::timestamp AT TIME ZONE $3, $4::timestamptz) AS counted`,
    [from, to, tz, now],
  );
  const earnedSql = `FROM assignments a JOIN output_types ot ON ot.id = a.output_type_id
     LEFT JOIN content_submissions cs ON cs.assignment_id = a.id AND cs.version = 1
     WHERE a.creator_id = $1 AND a.status = 'approved' AND a.completed_at >= $2 AND a.completed_at < $3`;
  const cols = `count(*)::int AS tasks, coalesce(sum(a.creator_payout), 0)::text AS earnings, (coalesce(sum(a.creator_payout), 0) * 100)::bigint::text AS cents`;
  const total = await one<Record<string, string | number | null>>(`SELECT ${cols} ${earnedSql}`, [creator, r.start, r.counted]);
  const byType = (
    await tdb.pool.query(
      `SELECT ot.name AS type, ot.code, ${cols}, round(100.0 * sum(a.creator_payout) / nullif($4::numeric, 0), 1)::text AS percent ${earnedSql} GROUP BY 1, 2`,
      [creator, r.start, r.counted, total.earnings],
    )
  ).rows;
  const ratingSql = `FROM reviews rv JOIN assignments a ON a.id = rv.assignment_id JOIN output_types ot ON ot.id = a.output_type_id
     WHERE a.creator_id = $1 AND rv.completed_at >= $2 AND rv.completed_at < $3`;
  const ratingTotal = await one<{ rating: string | null; n: number }>(`SELECT round(avg(rv.overall_score), 2)::text AS rating, count(*)::int AS n ${ratingSql}`, [creator, r.start, r.counted]);
  const ratingByType = (await tdb.pool.query(`SELECT ot.name AS type, ot.code, round(avg(rv.overall_score), 2)::text AS rating, count(*)::int AS n ${ratingSql} GROUP BY 1, 2`, [creator, r.start, r.counted])).rows;

  const totalEarnings = Number(total.earnings);
  // hours: the union of the counted work intervals, and each type's credited share (tests/helpers/work-hours-reference.ts)
  const work = sweepReference(await countedIntervals(tdb.pool, creator, r.start, r.counted));
  const hoursOfType = (e: Record<string, unknown> | undefined) => {
    if (!e) return { hours_worked: null, earnings_per_hour: null };
    const credit = work.credits.get(e.code as string) ?? 0n;
    return { hours_worked: hoursOf(credit, work.scale), earnings_per_hour: perHourOf(BigInt(e.cents as string), credit, work.scale) };
  };
  const codes = new Set([...byType.map((t) => t.code), ...ratingByType.map((t) => t.code)]);
  const types = [...codes].map((code) => {
    const e = byType.find((t) => t.code === code);
    const q = ratingByType.find((t) => t.code === code);
    const earnings = Number(e?.earnings ?? 0);
    return {
      type: (e ?? q).type, code, tasks: e?.tasks ?? 0, earnings,
      percent: e ? num(e.percent) : totalEarnings > 0 ? 0 : null,
      ...hoursOfType(e), avg_rating: num(q?.rating), reviews: q?.n ?? 0,
    };
  }).sort((a, b) => b.earnings - a.earnings || a.type.localeCompare(b.type));
  const best = (f: (t: (typeof types)[number]) => number | null) =>
    types.filter((t) => f(t) != null).map((t) => ({ type: t.type, code: t.code, value: f(t)! })).sort((a, b) => b.value - a.value || a.type.localeCompare(b.type)).slice(0, 3);

  const series = (sql: string) =>
    tdb.pool.query(
      `WITH b AS (
         SELECT gs::date AS day FROM generate_series(date_trunc($4, $2::timestamptz AT TIME ZONE $5), $6::timestamptz AT TIME ZONE $5, ('1 ' || $4)::interval) gs
         WHERE gs < ($6::timestamptz AT TIME ZONE $5)),
       t AS (${sql})
       SELECT to_char(b.day, 'YYYY-MM-DD') AS date, t.* FROM b LEFT JOIN t USING (day) ORDER BY b.day`,
      [creator, r.start, r.counted, unit, tz, r.end],
    );
  const byPeriod = await series(
    `SELECT date_trunc($4, completed_at AT TIME ZONE $5)::date AS day, sum(creator_payout)::text AS amount, count(*)::int AS tasks
     FROM assignments WHERE creator_id = $1 AND status = 'approved' AND completed_at >= $2 AND completed_at < $3 GROUP BY 1`,
  );
  const paidTrend = await series(
    `SELECT date_trunc($4, completed_at AT TIME ZONE $5)::date AS day, sum(amount)::text AS paid
     FROM payouts WHERE creator_id = $1 AND status = 'completed' AND completed_at >= $2 AND completed_at < $3 GROUP BY 1`,
  );
  const paid = await one<{ v: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS v FROM payouts WHERE creator_id = $1 AND status = 'completed' AND completed_at >= $2 AND completed_at < $3`,
    [creator, r.start, r.counted],
  );
  const inFlight = await one<{ v: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS v FROM payouts WHERE creator_id = $1 AND status IN ('pending', 'processing') AND requested_at < $2`,
    [creator, r.counted],
  );
  const history = await tdb.pool.query(
    `SELECT id, amount::float8 AS amount, status::text, method, requested_at, completed_at FROM payouts
     WHERE creator_id = $1 AND requested_at >= $2 AND requested_at < $3 ORDER BY requested_at DESC, id DESC`,
    [creator, r.start, r.counted],
  );
  return {
    range: { from, to, start: r.start.toISOString(), end: r.end.toISOString(), tz, granularity: unit },
    summary: {
      earnings: totalEarnings, tasks: total.tasks,
      hours_worked: total.tasks ? hoursOf(BigInt(work.unionMs), 1n) : null,
      earnings_per_hour: total.tasks ? perHourOf(BigInt(total.cents as string), BigInt(work.unionMs), 1n) : null,
      avg_rating: num(ratingTotal.rating), reviews: ratingTotal.n,
    },
    by_output_type: types,
    by_period: byPeriod.rows.map((x) => ({ date: x.date, amount: Number(x.amount ?? 0), tasks: x.tasks ?? 0 })),
    best_output_types: {
      by_earnings: best((t) => (t.tasks ? t.earnings : null)),
      by_earnings_per_hour: best((t) => t.earnings_per_hour),
      by_rating: best((t) => t.avg_rating),
    },
    payouts: {
      paid: Number(paid.v),
      in_flight: Number(inFlight.v),
      trend: paidTrend.rows.map((x) => ({ date: x.date, paid: Number(x.paid ?? 0) })),
      history: history.rows.map((p) => ({ ...p, requested_at: p.requested_at.toISOString(), completed_at: p.completed_at?.toISOString() ?? null })),
    },
  };
}

describe("creator earnings match plain SQL", () => {
  const cases = [
    { tz: "Pacific/Auckland", from: "2026-02-20", to: "2026-03-19", granularity: "day", now: NOW_OFF_GRID },
    { tz: "Asia/Kolkata", from: "2025-01-01", to: "2026-03-31", granularity: "month" },
    { tz: "UTC", from: "2025-11-03", to: "2026-03-18", granularity: "week" },
    { tz: "Asia/Kolkata", from: "2026-03-01", to: "2026-03-01", granularity: "day" },
  ] as const;
  for (const c of cases) {
    const now = "now" in c ? c.now : NOW;
    it(`${c.from}..${c.to} by ${c.granularity} in ${c.tz} at ${now.toISOString()}`, async () => {
      const got = await creatorEarnings(db, cast.creator, { from: c.from, to: c.to, granularity: c.granularity, timeZone: c.tz, now });
      const want = await expectedEarnings(cast.creator, c.from, c.to, c.granularity, c.tz, now);
      expect(got.range).toEqual(want.range);
      expect(got.summary).toEqual(want.summary);
      expect(got.by_output_type).toEqual(want.by_output_type);
      expect(got.by_period).toEqual(want.by_period);
      expect(got.best_output_types).toEqual(want.best_output_types);
      expect(got.payouts).toEqual(want.payouts);
    });
  }

  it("defaults to the 90 days up to today in the viewer's zone, by week", async () => {
    const got = await creatorEarnings(db, cast.creator, { timeZone: "Pacific/Auckland", now: NOW });
    expect(got.range).toMatchObject({ from: "2025-12-20", to: "2026-03-19", granularity: "week" });
    const want = await expectedEarnings(cast.creator, "2025-12-20", "2026-03-19", "week", "Pacific/Auckland");
    expect(got).toEqual(want);
    expect(got.summary.tasks).toBeGreaterThan(0);
    expect(got.summary.earnings_per_hour).not.toBeNull();
  });

  it("an idle creator: zeros and nulls (no division by zero)", async () => {
    const got = await creatorEarnings(db, cast.creatorIdle, { from: "2026-01-01", to: "2026-03-18", timeZone: "UTC", now: NOW });
    expect(got.summary).toEqual({ earnings: 0, tasks: 0, hours_worked: null, earnings_per_hour: null, avg_rating: null, reviews: 0 });
    expect(got.by_output_type).toEqual([]);
    expect(got.best_output_types).toEqual({ by_earnings: [], by_earnings_per_hour: [], by_rating: [] });
    expect(got.by_period.every((p) => p.amount === 0)).toBe(true);
  });

  it("refuses bad ranges, naming the field", async () => {
    const bad = (o: object) => creatorEarnings(db, cast.creator, { timeZone: "UTC", now: NOW, ...o }).then(() => null, (e) => e);
    expect(await bad({ from: "2026-03-10", to: "2026-03-01" })).toMatchObject({ field: "to" });
    expect(await bad({ from: "2023-01-01", to: "2026-01-01" })).toMatchObject({ field: "to" });
    expect(await bad({ from: "2023-01-02", to: "2026-01-01" })).toBeNull();
    const future = await bad({ from: "2026-04-01" });
    expect(future).toBeInstanceOf(EarningsRangeError);
    expect(future.field).toBe("from");
  });
});

describe("rolled-up history + live tail", () => {
  it("work and reviews arriving today are counted at once", async () => {
    const who = cast.creatorTop;
    const first = await creatorDashboard(db, who, { period: "week", timeZone: "UTC", now: NOW });
    const later = new Date(NOW.getTime() + 3 * 60_000);
    const at = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString();
    const { rows: [u] } = await tdb.pool.query(`SELECT id FROM uploads WHERE uploader_id = $1 LIMIT 1`, [cast.uploader2]);
    const { rows: [a] } = await tdb.pool.query(
      `INSERT INTO assignments (upload_id, output_type_id, creator_id, status, price, creator_payout, due_at, claimed_at, completed_at, created_at)
       VALUES ($1, $2, $3, 'approved', 50.00, 33.33, $4, $5, $6, $5) RETURNING id`,
      [u.id, cast.types[1], who, at(100), at(10), at(90)],
    );
    const { rows: [sub] } = await tdb.pool.query(
      `INSERT INTO content_submissions (assignment_id, creator_id, version, submitted_at) VALUES ($1, $2, 1, $3) RETURNING id`, [a.id, who, at(60)]);
    await tdb.pool.query(
      `INSERT INTO reviews (submission_id, assignment_id, decision, overall_score, completed_at) VALUES ($1, $2, 'approved', 5, $3)`, [sub.id, a.id, at(90)]);

    const got = await creatorDashboard(db, who, { period: "week", timeZone: "UTC", now: later });
    const want = await expectedCreator(who, "week", "UTC", later);
    expect(got.summary.completed_tasks).toBe(first.summary.completed_tasks + 1);
    for (const k of ["summary", "all_time", "previous", "deltas", "level_progress", "earnings_trend", "rating_trend"] as const) expect(got[k], k).toEqual(want[k]);
    const earned = await creatorEarnings(db, who, { from: "2026-03-12", to: "2026-03-18", timeZone: "UTC", now: later });
    expect(earned).toEqual(await expectedEarnings(who, "2026-03-12", "2026-03-18", "day", "UTC", later));
    expect(earned.summary.earnings_per_hour).not.toBeNull();
  });
});
