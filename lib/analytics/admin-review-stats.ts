// Review and earnings counts for the admin dashboards, split like the
// platform numbers: closed UTC days and today so far.
//
// The quality page needs review counts for periods up to a year, and the
// rating distribution, level averages and the level drill-down need every
// creator's all-time review average, completed tasks and earnings. The closed
// days come from the rollups the jobs keep with daily_metrics
// (review_daily_stats per UTC day and output type; creator_totals per creator:
// lib/rollups/creator-stats.ts); today, and any closed day not rolled up yet,
// from the base tables — on every request, nothing kept in memory.
// Periods add per-day *counts* and divide once, which is exactly the rate over
// the whole period (never an average of daily rates).
//
// Freshness: today's rows are live; a late write into a closed day shows after
// the next rollup of that day (the nightly job, catch-up, or a job run now).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayEnd, dayStart, REVIEW_VERSION, rolledUpUntil, tsParam, utcDay, type Day } from "@/lib/rollups";
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

/** SQL over rows with overall_score, decision and first (an approval of a version-1 submission). */
export const COUNTS_SQL = Prisma.sql`
  count(*)::int AS reviews,
  COALESCE(sum(overall_score), 0)::int AS score_sum,
  count(*) FILTER (WHERE decision = 'approved')::int AS approved,
  count(*) FILTER (WHERE first)::int AS first_approved,
  count(*) FILTER (WHERE decision = 'revision_requested')::int AS revisions,
  count(*) FILTER (WHERE decision = 'rejected')::int AS rejections`;

type CountRow = ReviewCounts & { key: string; output_type_id: string };

/**
 * Reviews completed in [from, to), counted per (key, output type) — key is
 * `keySql` over r.completed_at (the UTC day, or an hour).
 */
export async function reviewCountsBetween(db: Db, from: Date, to: Date, keySql: Prisma.Sql): Promise<CountRow[]> {
  if (to <= from) return [];
  return db.$queryRaw<CountRow[]>(Prisma.sql`
    SELECT key, output_type_id::text, ${COUNTS_SQL}
    FROM (
      SELECT r.overall_score, r.decision, (r.decision = 'approved' AND ${REVIEW_VERSION} = 1) AS first,
        r.output_type_id, ${keySql} AS key
      FROM reviews r
      WHERE r.completed_at >= ${tsParam(from)}::timestamptz AND r.completed_at < ${tsParam(to)}::timestamptz) x
    GROUP BY key, output_type_id`);
}

export const DAY_KEY = Prisma.sql`to_char(r.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

export type ClosedStats = {
  /** Everything strictly before 00:00 UTC of this day. */
  before: Day;
  byDay: Map<Day, Map<string, ReviewCounts>>;
};

/**
 * Review counts per (UTC day, output type) for the closed days before
 * `today`: review_daily_stats for the rolled-up days, the base tables for the
 * closed days after them (when the nightly job has not run yet).
 */
export async function closedStats(db: Db, today: Day): Promise<ClosedStats> {
  const end = await rolledUpUntil(db, dayStart(today));
  const [stored, live] = await Promise.all([
    db.$queryRaw<(ReviewCounts & { day: string; output_type_id: string })[]>(Prisma.sql`
      SELECT to_char("date", 'YYYY-MM-DD') AS day, output_type_id::text, reviews, score_sum, approved, first_approved,
        revisions, rejections
      FROM review_daily_stats WHERE "date" < ${utcDay(end)}::date`),
    reviewCountsBetween(db, end, dayStart(today), DAY_KEY),
  ]);
  const byDay = new Map<Day, Map<string, ReviewCounts>>();
  const add = (day: string, typeId: string, c: ReviewCounts) => {
    const m = byDay.get(day) ?? new Map<string, ReviewCounts>();
    m.set(typeId, addCounts(m.get(typeId) ?? zeroCounts(), c));
    byDay.set(day, m);
  };
  for (const { day, output_type_id, ...c } of stored) add(day, output_type_id, c);
  for (const { key, output_type_id, ...c } of live) add(key, output_type_id, c);
  return { before: today, byDay };
}

/**
 * Every creator's all-time totals up to `now`: creator_totals (the rolled-up
 * days up to rollup_state's `through`) plus the rows after it, live. When
 * `now` falls before that day's end (a caller asking about the past), the
 * slots before `now`'s day are added up instead.
 */
export async function creatorTotals(db: Db, now: Date): Promise<Map<string, CreatorTotals>> {
  const todayStart = dayStart(utcDay(now));
  const [state] = await db.$queryRaw<{ through: string | null }[]>(Prisma.sql`
    SELECT to_char("through", 'YYYY-MM-DD') AS through FROM rollup_state WHERE "name" = 'creator_totals'`);
  const useTotals = state?.through != null && dayEnd(state.through) <= todayStart;
  const from = useTotals ? dayEnd(state.through!) : await rolledUpUntil(db, todayStart);
  const base = useTotals
    ? Prisma.sql`SELECT creator_id, reviews, score_sum, completed, earnings FROM creator_totals`
    : Prisma.sql`SELECT creator_id, sum(reviews) AS reviews, sum(score_sum) AS score_sum, sum(tasks) AS completed, sum(earnings) AS earnings
        FROM creator_slot_stats WHERE slot < ${tsParam(from)}::timestamptz GROUP BY creator_id`;
  const [f, t] = [tsParam(from), tsParam(now)];
  const rows = await db.$queryRaw<{ creator_id: string; reviews: number; score_sum: number; completed: number; earnings: string }[]>(Prisma.sql`
    SELECT creator_id::text, sum(reviews)::int AS reviews, sum(score_sum)::bigint::float8 AS score_sum, sum(completed)::int AS completed,
      sum(earnings)::text AS earnings
    FROM (
      ${base}
      UNION ALL
      SELECT r.creator_id, 1, r.overall_score, 0, 0
      FROM reviews r
      WHERE r.creator_id IS NOT NULL AND r.completed_at >= ${f}::timestamptz AND r.completed_at < ${t}::timestamptz
      UNION ALL
      SELECT creator_id, 0, 0, 1, creator_payout
      FROM assignments
      WHERE status = 'approved' AND creator_id IS NOT NULL AND completed_at >= ${f}::timestamptz AND completed_at < ${t}::timestamptz
    ) x
    GROUP BY creator_id`);
  return new Map(rows.map((r) => [r.creator_id, { score_sum: r.score_sum, reviews: r.reviews, completed: r.completed, earnings: toCents(r.earnings) }]));
}
