// Creator and review rollups (they replaced the per-process caches of
// lib/analytics): written with daily_metrics, day by day, by the same jobs.
//
//   creator_slot_stats  creator × 15-minute UTC slot × output type: approved
//                       work by completed_at (tasks, Σ creator_payout, on time =
//                       first submission ≤ due_at) and reviews of their assignments by the
//                       review's completed_at (count, Σ score, approvals,
//                       approvals of a version-1 submission). Every local
//                       midnight of every zone is a slot edge, so the creator
//                       pages add whole slots for any period in any zone.
//   creator_day_stats   creator × UTC day × output type: creator_slot_stats
//                       summed per day, rewritten with them; the creator
//                       pages read whole days that hold no window edge here.
//   creator_running_totals  creator × UTC day with activity: the creator's
//                       running totals up to the end of that day (from
//                       creator_slot_stats), so any creator's sums over a
//                       long period are two index probes (level averages).
//   review_daily_stats  UTC day × output type: review counts by decision,
//                       Σ score, first-version approvals (the quality page).
//   creator_totals      per creator, Σ of creator_slot_stats over the closed
//                       days up to rollup_state('creator_totals').through:
//                       rewriting a day up to `through` takes the day's old
//                       sums out and adds the new ones, in the same
//                       transaction; advanceCreatorTotals then adds the days
//                       closed since (never a full pass, except the first).
//
// A day's rows are deleted and rewritten in the same transaction as its
// daily_metrics row, under one advisory lock (two runs of the same days wait
// for each other instead of inserting twice). Readers therefore take "the day
// has a daily_metrics row" to mean "its rows here are written", and read the
// days after the last such day (and today) from the base tables.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayEnd, dayStart, tsParam, utcDay, type Day } from "./days";

/** pg_advisory_xact_lock key of the creator/review rollup writers. */
const LOCK = 72_707_370;
/** First statement of every transaction that writes these rollups (or the daily_metrics rows they go with). */
export const ROLLUP_LOCK_SQL = Prisma.sql`SELECT pg_advisory_xact_lock(${LOCK}::bigint)`;
const lock = ROLLUP_LOCK_SQL;

const slotOf = (col: Prisma.Sql) => Prisma.sql`date_bin('15 minutes', ${col}, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;

/**
 * The reviewed submission's version: reviews.submission_version, a copy kept
 * by a trigger (migration 20261130010300_review_work_columns), like the
 * review's creator_id and output_type_id, so no read of reviews joins
 * assignments or content_submissions.
 */
export const REVIEW_VERSION = Prisma.sql`r.submission_version`;

/** creator_slot_stats' rows for [start, end), from the base tables. */
export function creatorSlotStatsSql(start: Date, end: Date): Prisma.Sql {
  const s = tsParam(start);
  const e = tsParam(end);
  return Prisma.sql`
SELECT creator_id, slot, output_type_id,
  sum(tasks)::int AS tasks, sum(earnings)::numeric(14,2) AS earnings, sum(on_time)::int AS on_time,
  sum(reviews)::int AS reviews, sum(score_sum)::int AS score_sum, sum(approved)::int AS approved, sum(first_approved)::int AS first_approved
FROM (
  SELECT a.creator_id, ${slotOf(Prisma.sql`a.completed_at`)} AS slot, a.output_type_id,
    1 AS tasks, a.creator_payout AS earnings, (COALESCE(a.first_submitted_at <= a.due_at, FALSE))::int AS on_time,
    0 AS reviews, 0 AS score_sum, 0 AS approved, 0 AS first_approved
  FROM assignments a
  WHERE a.status = 'approved' AND a.creator_id IS NOT NULL
    AND a.completed_at >= ${s}::timestamptz AND a.completed_at < ${e}::timestamptz
  UNION ALL
  SELECT r.creator_id, ${slotOf(Prisma.sql`r.completed_at`)}, r.output_type_id,
    0, 0, 0, 1, r.overall_score, (r.decision = 'approved')::int,
    (r.decision = 'approved' AND ${REVIEW_VERSION} = 1)::int
  FROM reviews r
  WHERE r.creator_id IS NOT NULL AND r.completed_at >= ${s}::timestamptz AND r.completed_at < ${e}::timestamptz
) x
GROUP BY creator_id, slot, output_type_id`;
}

/** review_daily_stats' rows for the UTC days [from, to], from the base tables. */
export function reviewDailyStatsSql(from: Day, to: Day): Prisma.Sql {
  return Prisma.sql`
SELECT (r.completed_at AT TIME ZONE 'UTC')::date AS "date", r.output_type_id,
  count(*)::int AS reviews, sum(r.overall_score)::int AS score_sum,
  count(*) FILTER (WHERE r.decision = 'approved')::int AS approved,
  count(*) FILTER (WHERE r.decision = 'approved' AND ${REVIEW_VERSION} = 1)::int AS first_approved,
  count(*) FILTER (WHERE r.decision = 'revision_requested')::int AS revisions,
  count(*) FILTER (WHERE r.decision = 'rejected')::int AS rejections
FROM reviews r
WHERE r.completed_at >= ${tsParam(dayStart(from))}::timestamptz AND r.completed_at < ${tsParam(dayEnd(to))}::timestamptz
GROUP BY 1, 2`;
}

const SLOT_COLS = Prisma.raw("creator_id, slot, output_type_id, tasks, earnings, on_time, reviews, score_sum, approved, first_approved");
const DAY_COLS = Prisma.raw(`creator_id, "date", output_type_id, tasks, earnings, on_time, reviews, score_sum, approved, first_approved`);
/** creator_day_stats' rows: creator_slot_stats with slot in [start, end) summed per UTC day. */
export const daySums = (start: Prisma.Sql, end: Prisma.Sql) => Prisma.sql`
  SELECT creator_id, (slot AT TIME ZONE 'UTC')::date AS "date", output_type_id, sum(tasks)::int AS tasks, sum(earnings) AS earnings,
    sum(on_time)::int AS on_time, sum(reviews)::int AS reviews, sum(score_sum)::int AS score_sum, sum(approved)::int AS approved,
    sum(first_approved)::int AS first_approved
  FROM creator_slot_stats WHERE slot >= ${start} AND slot < ${end}
  GROUP BY 1, 2, 3`;
const REVIEW_COLS = Prisma.raw(`"date", output_type_id, reviews, score_sum, approved, first_approved, revisions, rejections`);

/** 00:00 UTC after creator_totals' last day (-infinity before the first advance). */
const TOTALS_END = Prisma.sql`COALESCE((SELECT ("through" + 1)::timestamp AT TIME ZONE 'UTC' FROM rollup_state WHERE "name" = 'creator_totals'), '-infinity'::timestamptz)`;

/** Per-creator sums of creator_slot_stats with slot in [start, end) (end may be SQL). */
const slotSums = (start: Prisma.Sql, end: Prisma.Sql) => Prisma.sql`
  SELECT creator_id, sum(reviews) AS reviews, sum(score_sum) AS score_sum, sum(tasks) AS completed, sum(earnings) AS earnings
  FROM creator_slot_stats WHERE slot >= ${start} AND slot < ${end} GROUP BY creator_id`;

const addToTotals = (sums: Prisma.Sql) => Prisma.sql`
  INSERT INTO creator_totals (creator_id, reviews, score_sum, completed, earnings)
  SELECT creator_id, reviews, score_sum, completed, earnings FROM (${sums}) x
  ON CONFLICT (creator_id) DO UPDATE SET
    reviews = creator_totals.reviews + EXCLUDED.reviews, score_sum = creator_totals.score_sum + EXCLUDED.score_sum,
    completed = creator_totals.completed + EXCLUDED.completed, earnings = creator_totals.earnings + EXCLUDED.earnings`;

/** The statements that rewrite the days [from, to] (run them after ROLLUP_LOCK_SQL, in the transaction that writes their daily_metrics rows). */
export function rewriteStatsStatements(from: Day, to: Day): Prisma.Sql[] {
  const s = Prisma.sql`${tsParam(dayStart(from))}::timestamptz`;
  const e = Prisma.sql`${tsParam(dayEnd(to))}::timestamptz`;
  // the part of [from, to] that creator_totals already counts
  const counted = Prisma.sql`LEAST(${e}, ${TOTALS_END})`;
  return [
    Prisma.sql`
      UPDATE creator_totals t SET reviews = t.reviews - o.reviews, score_sum = t.score_sum - o.score_sum,
        completed = t.completed - o.completed, earnings = t.earnings - o.earnings
      FROM (${slotSums(s, counted)}) o WHERE t.creator_id = o.creator_id`,
    Prisma.sql`DELETE FROM creator_slot_stats WHERE slot >= ${s} AND slot < ${e}`,
    Prisma.sql`INSERT INTO creator_slot_stats (${SLOT_COLS}) SELECT ${SLOT_COLS} FROM (${creatorSlotStatsSql(dayStart(from), dayEnd(to))}) x`,
    addToTotals(slotSums(s, counted)),
    Prisma.sql`DELETE FROM creator_day_stats WHERE "date" BETWEEN ${from}::date AND ${to}::date`,
    Prisma.sql`INSERT INTO creator_day_stats (${DAY_COLS}) ${daySums(s, e)}`,
    Prisma.sql`DELETE FROM review_daily_stats WHERE "date" BETWEEN ${from}::date AND ${to}::date`,
    Prisma.sql`INSERT INTO review_daily_stats (${REVIEW_COLS}) SELECT ${REVIEW_COLS} FROM (${reviewDailyStatsSql(from, to)}) x`,
  ];
}

/**
 * Moves creator_totals' `through` forward to the last rolled-up day before
 * `now`'s day (days with a daily_metrics row), adding the days in between.
 * `rebuild` starts from nothing (a full pass over creator_slot_stats: what
 * `npm run rollup` does, repairing any drift). Returns the new `through`
 * (null while nothing is rolled up).
 */
export async function advanceCreatorTotals(db: Db, now = new Date(), opts: { rebuild?: boolean } = {}): Promise<Day | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw(lock);
    if (opts.rebuild) {
      await tx.$executeRaw(Prisma.sql`DELETE FROM creator_totals`);
      await tx.$executeRaw(Prisma.sql`DELETE FROM rollup_state WHERE "name" = 'creator_totals'`);
    }
    const [row] = await tx.$queryRaw<{ last: string | null; through: string | null }[]>(Prisma.sql`
      SELECT (SELECT to_char(max("date"), 'YYYY-MM-DD') FROM daily_metrics WHERE "date" < ${utcDay(now)}::date) AS last,
        (SELECT to_char("through", 'YYYY-MM-DD') FROM rollup_state WHERE "name" = 'creator_totals') AS through`);
    if (!row.last || (row.through && row.last <= row.through)) return row.through;
    const start = row.through ? Prisma.sql`${tsParam(dayEnd(row.through))}::timestamptz` : Prisma.sql`'-infinity'::timestamptz`;
    await tx.$executeRaw(addToTotals(slotSums(start, Prisma.sql`${tsParam(dayEnd(row.last))}::timestamptz`)));
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO rollup_state ("name", "through", updated_at) VALUES ('creator_totals', ${row.last}::date, now())
      ON CONFLICT ("name") DO UPDATE SET "through" = EXCLUDED."through", updated_at = now()`);
    return row.last;
  }, { maxWait: 60_000, timeout: 30 * 60_000 });
}

/**
 * Rewrites creator_running_totals from `from` on (every later day: a running
 * total carries every earlier day), from creator_slot_stats and each
 * creator's last row before `from`. Run once after the days' slots are
 * written (aggregateDailyMetrics does).
 */
export async function rebuildRunningTotals(db: Db, from: Day): Promise<void> {
  const f = Prisma.sql`${from}::date`;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw(lock);
    await tx.$executeRaw(Prisma.sql`DELETE FROM creator_running_totals WHERE "date" >= ${f}`);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO creator_running_totals (creator_id, "date", tasks, earnings, on_time, reviews, score_sum, approved, first_approved)
      SELECT x.creator_id, x.d,
        COALESCE(b.tasks, 0) + sum(x.tasks) OVER w, COALESCE(b.earnings, 0) + sum(x.earnings) OVER w,
        COALESCE(b.on_time, 0) + sum(x.on_time) OVER w, COALESCE(b.reviews, 0) + sum(x.reviews) OVER w,
        COALESCE(b.score_sum, 0) + sum(x.score_sum) OVER w, COALESCE(b.approved, 0) + sum(x.approved) OVER w,
        COALESCE(b.first_approved, 0) + sum(x.first_approved) OVER w
      FROM (
        SELECT creator_id, (slot AT TIME ZONE 'UTC')::date AS d, sum(tasks) AS tasks, sum(earnings) AS earnings, sum(on_time) AS on_time,
          sum(reviews) AS reviews, sum(score_sum) AS score_sum, sum(approved) AS approved, sum(first_approved) AS first_approved
        FROM creator_slot_stats WHERE slot >= ${tsParam(dayStart(from))}::timestamptz
        GROUP BY 1, 2) x
      LEFT JOIN LATERAL (
        SELECT * FROM creator_running_totals r WHERE r.creator_id = x.creator_id AND r."date" < ${f}
        ORDER BY r."date" DESC LIMIT 1) b ON TRUE
      WINDOW w AS (PARTITION BY x.creator_id ORDER BY x.d)`);
  }, { maxWait: 60_000, timeout: 30 * 60_000 });
}

/**
 * 00:00 UTC after the last rolled-up day (a day with a daily_metrics row),
 * counting only days before `cap`'s UTC day: the rollups hold everything
 * before it, the base tables the rest.
 */
export async function rolledUpUntil(db: Db, cap: Date): Promise<Date> {
  const [row] = await db.$queryRaw<{ day: string | null }[]>(Prisma.sql`
    SELECT to_char(max("date"), 'YYYY-MM-DD') AS day FROM daily_metrics WHERE "date" < ${utcDay(cap)}::date`);
  return row.day ? dayEnd(row.day) : new Date(0);
}
