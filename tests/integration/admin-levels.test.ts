// Creator level statistics and the level drill-down against a real
// PostgreSQL: current counts and ratings, the snapshot trend (stored rows
// win; missing days and today computed from the history), transitions, level
// change rate, average time in level and every sort of the creator list equal
// plain SQL, for a range that includes today (and crosses 1 March / 1 April)
// and a closed range in the past.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levelCreators } from "@/lib/analytics/admin-level-creators";
import { creatorLevelStats } from "@/lib/analytics/levels";
import type { Db } from "@/lib/db";
import { LEVEL_CREATOR_SORTS } from "@/lib/validation/admin-analytics";
import { MISSING_SNAPSHOT_DAYS, NOW_A, NOW_B, prepareAdminDatabase, TAMPERED_SNAPSHOT } from "../helpers/admin-data";
import type { TestDatabase } from "../helpers/db";

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ t, db } = await prepareAdminDatabase(3));
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
};

// a creator's level at an instant: their latest change strictly before it
const LEVEL_AT = `
  SELECT DISTINCT ON (creator_id) creator_id, to_level_id AS level_id FROM creator_level_history
  WHERE changed_at < $1::timestamptz ORDER BY creator_id, changed_at DESC, id DESC`;

const CASES = [
  { name: "range including today (NOW_A), crossing month ends", start: "2026-02-20", end: "2026-04-02", now: NOW_A },
  { name: "range ending on today (NOW_B)", start: "2026-03-01", end: "2026-03-31", now: NOW_B },
  { name: "closed range in the past", start: "2025-12-15", end: "2026-01-20", now: NOW_A },
  { name: "range ending in the future", start: "2026-03-25", end: "2026-05-10", now: NOW_A },
];

describe.each(CASES)("$name", ({ start, end, now }) => {
  it("current, trend, transitions, change rate and time in level equal plain SQL", async () => {
    const d = await creatorLevelStats(db, { startDate: start, endDate: end, now });
    const today = now.toISOString().slice(0, 10);
    const nowIso = now.toISOString();
    const endTs = new Date(Math.min(Date.parse(`${end}T00:00:00Z`) + 86_400_000, now.getTime())).toISOString();
    const rangeArgs = [`${start}T00:00:00.000Z`, endTs];

    const levels = (await t.pool.query(`SELECT id::text AS level_id, code, name, rank::int AS rank FROM creator_levels ORDER BY rank`)).rows;
    expect(d.levels).toEqual(levels);

    const current = (await t.pool.query(`
      SELECT l.id::text AS level_id, l.name AS level_name, l.code,
        (SELECT count(*) FROM users u WHERE u.role = 'creator' AND u.creator_level_id = l.id)::int AS count,
        round(100.0 * (SELECT count(*) FROM users u WHERE u.role = 'creator' AND u.creator_level_id = l.id)
          / NULLIF((SELECT count(*) FROM users u WHERE u.role = 'creator' AND u.creator_level_id IS NOT NULL), 0), 1)::float8 AS percent,
        (SELECT round(avg(r.overall_score), 2) FROM reviews r JOIN assignments a ON a.id = r.assignment_id
           JOIN users u ON u.id = a.creator_id
         WHERE u.role = 'creator' AND u.creator_level_id = l.id AND r.completed_at < $1::timestamptz)::float8 AS avg_rating
      FROM creator_levels l ORDER BY l.rank`, [nowIso])).rows;
    expect(d.current).toEqual(current);

    // trend: stored snapshot for closed days that have one, else the history's definition (today: cut at now)
    const trend: { date: string; level_id: string; count: number }[] = [];
    const computed: string[] = [];
    for (const day of days(start, end < today ? end : today)) {
      const stored = day < today
        ? (await t.pool.query(`SELECT level_id::text, creator_count AS count FROM creator_level_snapshots WHERE snapshot_date = $1`, [day])).rows
        : [];
      const cut = day < today ? new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() : nowIso;
      const fromHistory = (await t.pool.query(`SELECT level_id::text, count(*)::int AS count FROM (${LEVEL_AT}) x GROUP BY level_id`, [cut])).rows;
      const source = stored.length ? stored : fromHistory;
      if (!stored.length) computed.push(day);
      for (const l of levels) trend.push({ date: day, level_id: l.level_id, count: source.find((s) => s.level_id === l.level_id)?.count ?? 0 });
    }
    expect(d.trend).toEqual(trend);
    expect(d.trend_computed_days).toEqual(computed);

    const transitions = (await t.pool.query(`
      SELECT h.from_level_id::text AS from_level, f.code AS from_code, h.to_level_id::text AS to_level, tl.code AS to_code, count(*)::int AS count
      FROM creator_level_history h LEFT JOIN creator_levels f ON f.id = h.from_level_id JOIN creator_levels tl ON tl.id = h.to_level_id
      WHERE h.changed_at >= $1::timestamptz AND h.changed_at < $2::timestamptz
      GROUP BY 1, 2, 3, 4, f.rank, tl.rank ORDER BY COALESCE(f.rank, 0), tl.rank`, rangeArgs)).rows;
    expect(d.transitions).toEqual(transitions);

    const change = (await t.pool.query(`
      SELECT (SELECT count(DISTINCT creator_id) FROM creator_level_history
                WHERE from_level_id IS NOT NULL AND changed_at >= $1::timestamptz AND changed_at < $2::timestamptz)::int AS changed,
             (SELECT count(*) FROM (${LEVEL_AT}) x)::int AS at_start`, rangeArgs)).rows[0];
    expect(d.level_change).toEqual({ creators_changed: change.changed, creators_at_start: change.at_start });
    expect(d.level_change_rate).toBe(change.at_start ? Math.round((1000 * change.changed) / change.at_start) / 10 : null);

    const stints = (await t.pool.query(`
      SELECT l.id::text AS level_id, l.code, l.name,
        round(avg(EXTRACT(EPOCH FROM nxt.changed_at - h.changed_at) / 86400), 1)::float8 AS avg_days, count(nxt.changed_at)::int AS finished_stints
      FROM creator_levels l
      LEFT JOIN creator_level_history h ON h.to_level_id = l.id AND h.changed_at < $1::timestamptz
      LEFT JOIN LATERAL (SELECT changed_at FROM creator_level_history n WHERE n.creator_id = h.creator_id
                         AND n.changed_at > h.changed_at AND n.changed_at < $1::timestamptz ORDER BY changed_at LIMIT 1) nxt ON true
      GROUP BY l.id ORDER BY l.rank`, [nowIso])).rows;
    expect(d.avg_days_in_level).toEqual(stints);
    if (start === "2026-02-20") {
      expect(d.transitions.length).toBeGreaterThan(3);
      expect(computed).toEqual(expect.arrayContaining([...MISSING_SNAPSHOT_DAYS, "2026-04-02"]));
    }
  });
});

it("a stored snapshot wins over the history (the trend reads creator_level_snapshots)", async () => {
  const d = await creatorLevelStats(db, { startDate: TAMPERED_SNAPSHOT.day, endDate: TAMPERED_SNAPSHOT.day, now: NOW_A });
  expect(d.trend[0]).toMatchObject({ date: TAMPERED_SNAPSHOT.day, level_id: d.levels[0].level_id, count: TAMPERED_SNAPSHOT.count });
  expect(d.trend_computed_days).toEqual([]);
});

describe("drill-down to a level's creators", () => {
  const EXPECTED = `
    WITH m AS (SELECT id, name, email::text AS email, status::text AS status FROM users WHERE role = 'creator' AND creator_level_id = $1::uuid)
    SELECT m.id::text, m.name, m.email, m.status,
      (SELECT round(avg(r.overall_score), 2) FROM reviews r JOIN assignments a ON a.id = r.assignment_id
        WHERE a.creator_id = m.id AND r.completed_at < $2::timestamptz)::float8 AS rating,
      (SELECT avg(r.overall_score) FROM reviews r JOIN assignments a ON a.id = r.assignment_id
        WHERE a.creator_id = m.id AND r.completed_at < $2::timestamptz) AS exact,
      (SELECT count(*) FROM reviews r JOIN assignments a ON a.id = r.assignment_id
        WHERE a.creator_id = m.id AND r.completed_at < $2::timestamptz)::int AS reviews,
      (SELECT count(*) FROM assignments a WHERE a.creator_id = m.id AND a.status = 'approved' AND a.completed_at < $2::timestamptz)::int AS completed_tasks,
      (SELECT COALESCE(sum(creator_payout), 0) FROM assignments a WHERE a.creator_id = m.id AND a.status = 'approved' AND a.completed_at < $2::timestamptz)::text AS earnings,
      e.changed_at AS entered,
      round(EXTRACT(EPOCH FROM $2::timestamptz - e.changed_at) / 86400, 1)::float8 AS days_in_level
    FROM m LEFT JOIN LATERAL (SELECT changed_at FROM creator_level_history WHERE creator_id = m.id AND changed_at < $2::timestamptz
                              ORDER BY changed_at DESC, id DESC LIMIT 1) e ON true`;
  const ORDER: Record<string, string> = {
    rating: "exact", completed_tasks: "completed_tasks", earnings: "earnings::numeric", days_in_level: "days_in_level",
  };

  it.each(LEVEL_CREATOR_SORTS.flatMap((s) => [[s, "desc"], [s, "asc"]] as const))("sorted by %s %s, every page", async (sort, order) => {
    const levels = (await t.pool.query(`SELECT l.id::text FROM creator_levels l ORDER BY l.rank`)).rows;
    for (const { id } of levels) {
      // days_in_level is sorted on the entry instant (exact), so sort the expectation on it too
      const key = sort === "days_in_level" ? "entered" : ORDER[sort];
      const dir = sort === "days_in_level" ? (order === "desc" ? "ASC" : "DESC") : order.toUpperCase();
      const rows = (await t.pool.query(`SELECT * FROM (${EXPECTED}) x ORDER BY ${key} ${dir} NULLS LAST, id COLLATE "C"`, [id, NOW_A.toISOString()])).rows;
      const want = rows.map(({ exact: _e, entered, earnings, ...r }) => ({
        ...r, earnings: Number(earnings), entered_level_at: entered ? new Date(entered).toISOString() : null,
      }));
      for (const page of [1, 2, 3]) {
        const d = await levelCreators(db, id, { sort, order, page, perPage: 4, now: NOW_A });
        expect(d!.total).toBe(want.length);
        expect(d!.creators, `level ${id} page ${page}`).toEqual(want.slice((page - 1) * 4, page * 4));
      }
    }
  });

  it("an unknown level is null", async () => {
    expect(await levelCreators(db, "00000000-0000-4000-8000-000000000000", { sort: "rating", order: "desc", page: 1, perPage: 10, now: NOW_A })).toBeNull();
  });
});
