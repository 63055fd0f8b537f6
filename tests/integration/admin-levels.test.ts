// Creator level statistics and the level drill-down against a real
// PostgreSQL: current counts and ratings, the snapshot trend (stored rows
// win; missing days and today computed from the history), transitions, level
// change rate, average time in level and every sort of the creator list equal
// plain SQL, for a range that includes today (and crosses 1 March / 1 April)
// and a closed range in the past; the level change rate also on hand-made
// histories (joined mid-period, several changes, left a level before it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levelCreators } from "@/lib/analytics/admin-level-creators";
import { creatorLevelStats } from "@/lib/analytics/levels";
import { createPrisma, type Db } from "@/lib/db";
import { LEVEL_CREATOR_SORTS } from "@/lib/validation/admin-analytics";
import { MISSING_SNAPSHOT_DAYS, NOW_A, NOW_B, prepareAdminDatabase, TAMPERED_SNAPSHOT } from "../helpers/admin-data";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

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

    // level changes only (a row moving a creator between two levels); first placements apart, per level
    const transitions = (await t.pool.query(`
      SELECT h.from_level_id::text AS from_level, f.code AS from_code, h.to_level_id::text AS to_level, tl.code AS to_code, count(*)::int AS count
      FROM creator_level_history h JOIN creator_levels f ON f.id = h.from_level_id JOIN creator_levels tl ON tl.id = h.to_level_id
      WHERE h.changed_at >= $1::timestamptz AND h.changed_at < $2::timestamptz AND h.from_level_id <> h.to_level_id
      GROUP BY 1, 2, 3, 4, f.rank, tl.rank ORDER BY f.rank, tl.rank`, rangeArgs)).rows;
    expect(d.transitions).toEqual(transitions);
    const joined = (await t.pool.query(`
      SELECT l.id::text AS level_id, l.code, count(h.id)::int AS count
      FROM creator_levels l LEFT JOIN creator_level_history h ON h.to_level_id = l.id AND h.from_level_id IS NULL
        AND h.changed_at >= $1::timestamptz AND h.changed_at < $2::timestamptz
      GROUP BY l.id ORDER BY l.rank`, rangeArgs)).rows;
    expect(d.joined).toEqual(joined);

    const change = (await t.pool.query(`
      SELECT (SELECT count(DISTINCT creator_id) FROM creator_level_history
                WHERE from_level_id IS NOT NULL AND from_level_id <> to_level_id AND changed_at >= $1::timestamptz AND changed_at < $2::timestamptz)::int AS changed,
             (SELECT count(*) FROM creator_level_history
                WHERE from_level_id IS NOT NULL AND from_level_id <> to_level_id AND changed_at >= $1::timestamptz AND changed_at < $2::timestamptz)::int AS changes,
             -- held a level at its start (LEVEL_AT) or got one during it
             (SELECT count(*) FROM (SELECT creator_id FROM (${LEVEL_AT}) x
                UNION SELECT creator_id FROM creator_level_history WHERE changed_at >= $1::timestamptz AND changed_at < $2::timestamptz) y)::int AS holders`,
      rangeArgs)).rows[0];
    expect(d.level_change).toEqual({ creators_changed: change.changed, creators_with_level: change.holders, changes: change.changes });
    expect(d.level_change_rate).toBe(change.holders ? Math.round((1000 * change.changed) / change.holders) / 10 : null);
    expect(d.level_change_rate ?? 0).toBeLessThanOrEqual(100);

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

describe("level change rate on hand-made histories (March 2026)", () => {
  // Levels P < J < M. Period [1 March, 1 April).
  let h: TestDatabase;
  let hdb: Db;
  const L = { P: "00000000-0000-4000-8000-0000000000a1", J: "00000000-0000-4000-8000-0000000000a2", M: "00000000-0000-4000-8000-0000000000a3" };
  type Row = [from: keyof typeof L | null, to: keyof typeof L, at: string];
  const CREATORS: Record<string, Row[]> = {
    // placed in January, promoted in February: left P before the period, holds J through it
    leftBefore: [[null, "P", "2026-01-05"], ["P", "J", "2026-02-10"]],
    // joined mid-period: holds a level during it, no change
    joinedMid: [[null, "P", "2026-03-12"]],
    // several changes in the period: one creator, three changes
    several: [[null, "P", "2025-12-01"], ["P", "J", "2026-03-03"], ["J", "M", "2026-03-15"], ["M", "J", "2026-03-28"]],
    // one promotion in the period
    promoted: [[null, "P", "2026-02-01"], ["P", "J", "2026-03-20"]],
    // joined and promoted inside the period
    joinedAndPromoted: [[null, "P", "2026-03-02"], ["P", "J", "2026-03-25"]],
    // a row that does not move the creator (from = to) is not a change
    sameLevel: [[null, "J", "2026-01-10"], ["J", "J", "2026-03-10"]],
    // changed exactly at the period's start (counts) and exactly at its end (does not)
    atStart: [[null, "P", "2026-01-01"], ["P", "J", "2026-03-01T00:00:00Z"]],
    atEnd: [[null, "P", "2026-01-01"], ["P", "J", "2026-04-01T00:00:00Z"]],
    // joined after the period: not a creator with a level in it
    joinedAfter: [[null, "P", "2026-04-03"]],
  };

  beforeAll(async () => {
    h = await createTestDatabase();
    await h.pool.query(`INSERT INTO creator_levels (id, rank, code, name, min_completed_tasks, min_avg_rating)
      VALUES ($1, 1, 'P', 'Probation', 0, 0), ($2, 2, 'J', 'Junior', 10, 3.5), ($3, 3, 'M', 'Mid', 50, 4)`, [L.P, L.J, L.M]);
    for (const [i, [name, rows]] of Object.entries(CREATORS).entries()) {
      const { rows: [u] } = await h.pool.query(
        `INSERT INTO users (role, email, name, password_hash, creator_level_id, created_at) VALUES ('creator', $1, $2, 'x', $3, $4) RETURNING id`,
        [`lv${i}@test.local`, name, L[rows.at(-1)![1]], rows[0][2]]);
      for (const [from, to, at] of rows) {
        await h.pool.query(`INSERT INTO creator_level_history (creator_id, from_level_id, to_level_id, changed_at) VALUES ($1, $2, $3, $4)`,
          [u.id, from && L[from], L[to], at]);
      }
    }
    hdb = createPrisma(h.url, 2);
  });
  afterAll(async () => {
    await hdb?.$disconnect();
    await h?.drop();
  });

  it("counts creators who changed level over creators who held one at any moment", async () => {
    const d = await creatorLevelStats(hdb, { startDate: "2026-03-01", endDate: "2026-03-31", now: new Date("2026-04-10T00:00:00Z") });
    // held a level in March: everyone but joinedAfter (8); changed: several, promoted, joinedAndPromoted, atStart (4)
    expect(d.level_change).toEqual({ creators_changed: 4, creators_with_level: 8, changes: 6 });
    expect(d.level_change_rate).toBe(50);
    const code = (id: string) => Object.entries(L).find(([, v]) => v === id)![0];
    expect(d.transitions.map((x) => `${code(x.from_level)}>${code(x.to_level)}:${x.count}`)).toEqual(["P>J:4", "J>M:1", "M>J:1"]);
    expect(d.joined.map((j) => `${j.code}:${j.count}`)).toEqual(["P:2", "J:0", "M:0"]);

    // the same from plain SQL: distinct movers ÷ (level at the start ∪ placed during the period)
    const { rows: [want] } = await h.pool.query(`
      WITH p AS (SELECT '2026-03-01'::timestamptz AS s, '2026-04-01'::timestamptz AS e),
      movers AS (SELECT DISTINCT creator_id FROM creator_level_history, p
                 WHERE from_level_id IS DISTINCT FROM to_level_id AND from_level_id IS NOT NULL AND changed_at >= p.s AND changed_at < p.e),
      held AS (SELECT creator_id FROM creator_level_history, p WHERE changed_at < p.s
               UNION SELECT creator_id FROM creator_level_history, p WHERE changed_at >= p.s AND changed_at < p.e)
      SELECT (SELECT count(*) FROM movers)::int AS changed, (SELECT count(*) FROM held)::int AS held`);
    expect(d.level_change.creators_changed).toBe(want.changed);
    expect(d.level_change.creators_with_level).toBe(want.held);
  });

  it("never passes 100%, for every one-day and whole-range window", async () => {
    const days = ["2026-02-10", "2026-03-01", "2026-03-03", "2026-03-12", "2026-03-15", "2026-03-28", "2026-04-01", "2026-04-03"];
    for (const start of days) {
      for (const end of days.filter((x) => x >= start)) {
        const d = await creatorLevelStats(hdb, { startDate: start, endDate: end, now: new Date("2026-04-10T00:00:00Z") });
        expect(d.level_change.creators_changed).toBeLessThanOrEqual(d.level_change.creators_with_level);
        expect(d.level_change_rate ?? 0, `${start}..${end}`).toBeLessThanOrEqual(100);
      }
    }
    // a day on which only a first placement happened: no change, and the newcomer counts in the denominator
    const d = await creatorLevelStats(hdb, { startDate: "2026-04-03", endDate: "2026-04-03", now: new Date("2026-04-10T00:00:00Z") });
    expect(d.level_change).toEqual({ creators_changed: 0, creators_with_level: 9, changes: 0 });
    expect(d.level_change_rate).toBe(0);
  });
});
