// Creator level statistics (US-7.5) over an inclusive range of UTC days.
//
// * current: creators per current level (users.creator_level_id), now, with
//   the level's average rating pooled over every review of its creators'
//   assignments (the snapshot's definition, so the trend and "now" agree);
// * trend: creator_level_snapshots.creator_count per day. A closed day
//   without a stored snapshot, and today (never snapshotted until it closes),
//   is computed from creator_level_history with the snapshot's definition
//   (a creator's level at the end of day D is the to_level of their latest
//   change before D+1; today is cut at `now`); such days are listed in
//   `trend_computed_days`;
// * transitions: level changes within the range, by (from, to). A level
//   change is a history row that moves a creator from one level to another;
//   the first level given at signup (null from_level) is not one: those rows
//   are counted apart, per level, as `joined`;
// * level change rate: distinct creators with ≥ 1 level change in the range ÷
//   creators who held a level at any moment of it (a history row before its
//   end: those placed before it started plus those who joined during it), so
//   never above 100%;
// * average days in level: mean length of every finished stint (entered →
//   left, up to now) per level — all time, not bound to the range.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayEnd, dayStart, minDay, tsParam, utcDay, type Day } from "@/lib/rollups";
import { creatorTotals } from "./admin-review-stats";
import { mean2, rate } from "./admin-shared";
import { clockNow } from "@/lib/clock";

export type LevelInfo = { level_id: string; code: string; name: string; rank: number };

export type CreatorLevelStats = {
  range: { start_date: Day; end_date: Day; start: string; end: string };
  data_as_of: string;
  levels: LevelInfo[];
  current: { level_id: string; level_name: string; code: string; count: number; percent: number | null; avg_rating: number | null }[];
  trend: { date: Day; level_id: string; count: number }[];
  trend_computed_days: Day[];
  /** level changes (promotions and demotions) in the range, by (from, to) */
  transitions: { from_level: string; from_code: string; to_level: string; to_code: string; count: number }[];
  /** creators placed at their first level in the range, per level (not level changes) */
  joined: { level_id: string; code: string; count: number }[];
  level_change_rate: number | null;
  level_change: {
    /** distinct creators with ≥ 1 level change in the range */
    creators_changed: number;
    /** creators who held a level at any moment of the range */
    creators_with_level: number;
    /** level changes in the range (Σ transitions) */
    changes: number;
  };
  avg_days_in_level: { level_id: string; code: string; name: string; avg_days: number | null; finished_stints: number }[];
};

export async function listLevels(db: Db): Promise<LevelInfo[]> {
  return db.$queryRaw<LevelInfo[]>(Prisma.sql`
    SELECT id::text AS level_id, code, name, rank::int AS rank FROM creator_levels ORDER BY rank`);
}

/**
 * Creators per current level and the level's average rating, pooled over
 * every review of its creators' assignments before `now` (per-creator totals:
 * admin-review-stats.ts).
 */
async function currentLevels(db: Db, now: Date) {
  const [members, totals] = await Promise.all([
    db.$queryRaw<{ id: string; level_id: string }[]>(Prisma.sql`
      SELECT id::text, creator_level_id::text AS level_id FROM users WHERE role = 'creator' AND creator_level_id IS NOT NULL`),
    creatorTotals(db, now),
  ]);
  const byLevel = new Map<string, { count: number; score_sum: number; reviews: number }>();
  for (const m of members) {
    const l = byLevel.get(m.level_id) ?? { count: 0, score_sum: 0, reviews: 0 };
    const t = totals.get(m.id);
    l.count += 1;
    l.score_sum += t?.score_sum ?? 0;
    l.reviews += t?.reviews ?? 0;
    byLevel.set(m.level_id, l);
  }
  return byLevel;
}

/**
 * Creators per level for each day in [from, to] (to ≤ today): stored
 * snapshots for closed days, else computed from the history (see header).
 * Each history row is a stint in effect at the end of every day in
 * [from_day, to_day): +1 on from_day, −1 on to_day, then a running sum.
 */
async function levelTrend(db: Db, from: Day, to: Day, now: Date) {
  const today = utcDay(now);
  const cut = tsParam(to >= today ? now : dayEnd(to));
  return db.$queryRaw<{ date: Day; level_id: string; count: number; stored: boolean }[]>(Prisma.sql`
    WITH
      hist AS (
        SELECT to_level_id AS level_id, (changed_at AT TIME ZONE 'UTC')::date AS from_day,
               (LEAD(changed_at) OVER (PARTITION BY creator_id ORDER BY changed_at, id) AT TIME ZONE 'UTC')::date AS to_day
        FROM creator_level_history WHERE changed_at < ${cut}::timestamptz),
      deltas AS (
        SELECT level_id, from_day AS day, 1 AS n FROM hist WHERE to_day IS NULL OR to_day > from_day
        UNION ALL
        SELECT level_id, to_day, -1 FROM hist WHERE to_day > from_day),
      per_day AS (
        SELECT level_id, GREATEST(day, ${from}::date) AS day, sum(n) AS n FROM deltas
        WHERE day <= ${to}::date GROUP BY 1, 2),
      grid AS (
        SELECT l.id AS level_id, l.rank, g::date AS day
        FROM creator_levels l CROSS JOIN generate_series(${from}::date, ${to}::date, interval '1 day') AS g),
      computed AS (
        SELECT grid.day, grid.level_id, grid.rank,
               SUM(COALESCE(p.n, 0)) OVER (PARTITION BY grid.level_id ORDER BY grid.day) AS n
        FROM grid LEFT JOIN per_day p ON p.level_id = grid.level_id AND p.day = grid.day)
    SELECT to_char(c.day, 'YYYY-MM-DD') AS date, c.level_id::text AS level_id,
           COALESCE(s.creator_count, c.n)::int AS count, s.creator_count IS NOT NULL AS stored
    FROM computed c
    LEFT JOIN creator_level_snapshots s
      ON s.snapshot_date = c.day AND s.level_id = c.level_id AND c.day < ${today}::date
    ORDER BY c.day, c.rank`);
}

/** A history row that moves a creator between two levels (METRICS.md "level change"). */
const IS_CHANGE = Prisma.sql`from_level_id IS NOT NULL AND from_level_id <> to_level_id`;

/** Level changes by (from, to) and first placements (from_level null) by level, in [start, end). */
async function transitions(db: Db, start: string, end: string) {
  return db.$queryRaw<{ from_level: string | null; to_level: string; count: number }[]>(Prisma.sql`
    SELECT from_level_id::text AS from_level, to_level_id::text AS to_level, count(*)::int AS count
    FROM creator_level_history
    WHERE changed_at >= ${start}::timestamptz AND changed_at < ${end}::timestamptz
      AND (from_level_id IS NULL OR ${IS_CHANGE})
    GROUP BY 1, 2`);
}

async function changeRate(db: Db, start: string, end: string) {
  const [row] = await db.$queryRaw<{ changed: number; holders: number }[]>(Prisma.sql`
    SELECT
      (SELECT count(DISTINCT creator_id) FROM creator_level_history
        WHERE ${IS_CHANGE} AND changed_at >= ${start}::timestamptz AND changed_at < ${end}::timestamptz)::int AS changed,
      -- a level once given is held from then on: everyone placed before the end held one during the range
      (SELECT count(DISTINCT creator_id) FROM creator_level_history
        WHERE changed_at < ${end}::timestamptz)::int AS holders`);
  return row;
}

/** Mean length in days of finished stints (a history row followed by the creator's next one, both up to `now`). */
async function daysInLevel(db: Db, now: Date) {
  return db.$queryRaw<{ level_id: string; avg_days: number | null; finished_stints: number }[]>(Prisma.sql`
    SELECT level_id::text, round(avg(EXTRACT(EPOCH FROM left_at - changed_at) / 86400), 1)::float8 AS avg_days,
           count(*)::int AS finished_stints
    FROM (
      SELECT to_level_id AS level_id, changed_at,
             LEAD(changed_at) OVER (PARTITION BY creator_id ORDER BY changed_at, id) AS left_at
      FROM creator_level_history WHERE changed_at < ${tsParam(now)}::timestamptz) s
    WHERE left_at IS NOT NULL
    GROUP BY level_id`);
}

export async function creatorLevelStats(db: Db, opts: { startDate: Day; endDate: Day; now?: Date }): Promise<CreatorLevelStats> {
  const now = opts.now ?? clockNow();
  const today = utcDay(now);
  // [start of start_date, end of end_date), never past now
  const startTs = dayStart(opts.startDate);
  const endTs = new Date(Math.min(dayEnd(opts.endDate).getTime(), now.getTime()));
  const start = tsParam(startTs);
  const end = tsParam(endTs < startTs ? startTs : endTs);
  const trendTo = minDay(opts.endDate, today);

  const [levels, current, trend, trans, change, stints] = await Promise.all([
    listLevels(db),
    currentLevels(db, now),
    opts.startDate <= trendTo ? levelTrend(db, opts.startDate, trendTo, now) : Promise.resolve([]),
    transitions(db, start, end),
    changeRate(db, start, end),
    daysInLevel(db, now),
  ]);
  const byId = new Map(levels.map((l) => [l.level_id, l]));
  let total = 0;
  for (const c of current.values()) total += c.count;
  const rank = (id: string) => byId.get(id)?.rank ?? 0;
  const changes = trans.filter((t) => t.from_level != null);
  const placed = trans.filter((t) => t.from_level == null);

  return {
    range: { start_date: opts.startDate, end_date: opts.endDate, start, end },
    data_as_of: now.toISOString(),
    levels,
    current: levels.map((l) => {
      const c = current.get(l.level_id);
      return {
        level_id: l.level_id,
        level_name: l.name,
        code: l.code,
        count: c?.count ?? 0,
        percent: rate(c?.count ?? 0, total),
        avg_rating: mean2(c?.score_sum ?? 0, c?.reviews ?? 0),
      };
    }),
    trend: trend.map(({ date, level_id, count }) => ({ date, level_id, count })),
    trend_computed_days: [...new Set(trend.filter((t) => !t.stored).map((t) => t.date))],
    transitions: changes
      .map((t) => ({
        from_level: t.from_level!,
        from_code: byId.get(t.from_level!)?.code ?? "?",
        to_level: t.to_level,
        to_code: byId.get(t.to_level)?.code ?? "?",
        count: t.count,
      }))
      .sort((a, b) => rank(a.from_level) - rank(b.from_level) || rank(a.to_level) - rank(b.to_level)),
    joined: levels.map((l) => ({ level_id: l.level_id, code: l.code, count: placed.find((t) => t.to_level === l.level_id)?.count ?? 0 })),
    level_change_rate: rate(change.changed, change.holders),
    level_change: { creators_changed: change.changed, creators_with_level: change.holders, changes: changes.reduce((n, t) => n + t.count, 0) },
    avg_days_in_level: levels.map((l) => {
      const s = stints.find((x) => x.level_id === l.level_id);
      return { level_id: l.level_id, code: l.code, name: l.name, avg_days: s?.avg_days ?? null, finished_stints: s?.finished_stints ?? 0 };
    }),
  };
}
