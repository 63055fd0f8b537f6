// Review and earnings counts for the admin dashboards, split like the
// platform numbers: closed UTC days (before today) and today so far.
//
// Why: the quality page needs review counts for periods up to a year, and the
// rating distribution, level averages and the level drill-down need every
// creator's all-time review average, completed tasks and earnings. Read from
// the base tables that is a pass over every review (1.2 M rows at large
// scale, seconds), and daily_metrics stores rates, not the counts that could
// be added up. So the closed days are aggregated here once — counts per (UTC
// day, output type) and totals per creator — and kept in memory for
// CLOSED_TTL_MS (admin-closed-cache.ts); today's part is always read live
// from the base tables.
// Periods add per-day *counts* and divide once, which is exactly the rate over
// the whole period (never an average of daily rates).
//
// Freshness: today's rows are live; a late write into a closed day shows up at
// the next refresh (≤ CLOSED_TTL_MS, served stale while refreshing). The
// cold build is one pass over every review (seconds at scale large); the
// platform page starts it in the background so the quality and level pages
// find it ready.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, dayStart, tsParam, utcDay, type Day } from "@/lib/rollups";
import { cachedClosed, invalidateClosedCache, peekClosed } from "./admin-closed-cache";
import { toCents } from "./admin-shared";

/** The counts behind the quality metrics, for any group of reviews. */
export type ReviewCounts = { reviews: number; score_sum: number; approved: number; first_approved: number; revisions: number; rejections: number };
export const zeroCounts = (): ReviewCounts => ({ reviews: 0, score_sum: 0, approved: 0, first_approved: 0, revisions: 0, rejections: 0 });
export function addCounts(into: ReviewCounts, c: ReviewCounts): ReviewCounts {
  into.reviews += c.reviews;
  into.score_sum += c.score_sum;
  into.approved += c.approved;
  into.first_approved += c.first_approved;
  into.revisions += c.revisions;
  into.rejections += c.rejections;
  return into;
}

/** All-time totals of one creator: reviews of their assignments, approved assignments and their creator_payout. */
export type CreatorTotals = { score_sum: number; reviews: number; completed: number; earnings: bigint };

/** SQL over rows with overall_score, decision and version (the reviewed submission's). */
export const COUNTS_SQL = Prisma.sql`
  count(*)::int AS reviews,
  COALESCE(sum(overall_score), 0)::int AS score_sum,
  count(*) FILTER (WHERE decision = 'approved')::int AS approved,
  count(*) FILTER (WHERE decision = 'approved' AND version = 1)::int AS first_approved,
  count(*) FILTER (WHERE decision = 'revision_requested')::int AS revisions,
  count(*) FILTER (WHERE decision = 'rejected')::int AS rejections`;

type CountRow = ReviewCounts & { g: number; key: string | null; output_type_id: string | null; creator_id: string | null };

/**
 * Reviews completed in [from, to), in one pass: counts per (key, output
 * type) — key is `keySql` over r.completed_at (the UTC day, or an hour) — and
 * score totals per creator (GROUPING SETS).
 */
export async function reviewCountsBetween(db: Db, from: Date, to: Date, keySql: Prisma.Sql): Promise<CountRow[]> {
  if (to <= from) return [];
  return db.$queryRaw<CountRow[]>(Prisma.sql`
    SELECT GROUPING(key, output_type_id, creator_id)::int AS g, key, output_type_id::text, creator_id::text, ${COUNTS_SQL}
    FROM (
      SELECT r.overall_score, r.decision, s.version, a.output_type_id, a.creator_id, ${keySql} AS key
      FROM reviews r
      JOIN content_submissions s ON s.id = r.submission_id
      JOIN assignments a ON a.id = r.assignment_id
      WHERE r.completed_at >= ${tsParam(from)}::timestamptz AND r.completed_at < ${tsParam(to)}::timestamptz) x
    GROUP BY GROUPING SETS ((key, output_type_id), (creator_id))`);
}

/** Approved assignments per creator with completed_at in [from, to): count and Σ creator_payout (exact text). */
async function workBetween(db: Db, from: Date, to: Date) {
  if (to <= from) return [];
  return db.$queryRaw<{ creator_id: string; completed: number; earnings: string }[]>(Prisma.sql`
    SELECT creator_id::text, count(*)::int AS completed, sum(creator_payout)::text AS earnings
    FROM assignments
    WHERE status = 'approved' AND creator_id IS NOT NULL
      AND completed_at >= ${tsParam(from)}::timestamptz AND completed_at < ${tsParam(to)}::timestamptz
    GROUP BY creator_id`);
}

export const DAY_KEY = Prisma.sql`to_char(r.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
const EPOCH = new Date("1970-01-01T00:00:00Z");

export type ClosedStats = {
  /** Everything strictly before 00:00 UTC of this day. */
  before: Day;
  byDay: Map<Day, Map<string, ReviewCounts>>;
  byCreator: Map<string, CreatorTotals>;
};

function mergeRows(byDay: Map<string, Map<string, ReviewCounts>>, byCreator: Map<string, CreatorTotals>, rows: CountRow[]) {
  for (const { g, key, output_type_id, creator_id, ...c } of rows) {
    if (g === 1 && key && output_type_id) {
      const m = byDay.get(key) ?? new Map<string, ReviewCounts>();
      m.set(output_type_id, addCounts(m.get(output_type_id) ?? zeroCounts(), c));
      byDay.set(key, m);
    } else if (g === 6 && creator_id) {
      const t = byCreator.get(creator_id) ?? { score_sum: 0, reviews: 0, completed: 0, earnings: 0n };
      t.score_sum += c.score_sum;
      t.reviews += c.reviews;
      byCreator.set(creator_id, t);
    }
  }
}

function mergeWork(byCreator: Map<string, CreatorTotals>, rows: { creator_id: string; completed: number; earnings: string }[]) {
  for (const w of rows) {
    const t = byCreator.get(w.creator_id) ?? { score_sum: 0, reviews: 0, completed: 0, earnings: 0n };
    t.completed += w.completed;
    t.earnings += toCents(w.earnings);
    byCreator.set(w.creator_id, t);
  }
}

async function computeClosed(db: Db, before: Day): Promise<ClosedStats> {
  const end = dayStart(before);
  const [rows, work] = await Promise.all([reviewCountsBetween(db, EPOCH, end, DAY_KEY), workBetween(db, EPOCH, end)]);
  const byDay = new Map<Day, Map<string, ReviewCounts>>();
  const byCreator = new Map<string, CreatorTotals>();
  mergeRows(byDay, byCreator, rows);
  mergeWork(byCreator, work);
  return { before, byDay, byCreator };
}

/** The day before's stats plus that one day: what a new UTC day needs, without a full pass. */
async function extendByOneDay(db: Db, prev: ClosedStats, today: Day): Promise<ClosedStats> {
  const [rows, work] = await Promise.all([
    reviewCountsBetween(db, dayStart(prev.before), dayStart(today), DAY_KEY),
    workBetween(db, dayStart(prev.before), dayStart(today)),
  ]);
  const byCreator = new Map([...prev.byCreator].map(([id, t]) => [id, { ...t }]));
  const byDay = new Map(prev.byDay);
  mergeRows(byDay, byCreator, rows);
  mergeWork(byCreator, work);
  return { before: today, byDay, byCreator };
}

const statsKey = (day: Day) => `review-stats:${day}`;

/**
 * Closed-day stats before `today`, cached (admin-closed-cache.ts). On a new
 * UTC day the previous day's entry, when there is one, is extended by the day
 * that just closed; the full pass runs again when the entry expires.
 */
export function closedStats(db: Db, today: Day): Promise<ClosedStats> {
  return cachedClosed(db, statsKey(today), (refresh) => {
    const prev = refresh ? undefined : peekClosed<ClosedStats>(db, statsKey(addDays(today, -1)));
    return prev ? extendByOneDay(db, prev, today) : computeClosed(db, today);
  });
}

/** Drops the cached closed-day stats (after writing into closed days, e.g. in tests). */
export const invalidateClosedStats = invalidateClosedCache;

/** Every creator's all-time totals up to `now`: the closed days plus today so far, live. */
export async function creatorTotals(db: Db, now: Date): Promise<Map<string, CreatorTotals>> {
  const today = utcDay(now);
  const todayStart = dayStart(today);
  const [closed, live, work] = await Promise.all([
    closedStats(db, today),
    reviewCountsBetween(db, todayStart, now, DAY_KEY),
    workBetween(db, todayStart, now),
  ]);
  const out = new Map<string, CreatorTotals>();
  for (const [id, t] of closed.byCreator) out.set(id, { ...t });
  mergeRows(new Map(), out, live);
  mergeWork(out, work);
  return out;
}
