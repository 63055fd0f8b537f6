// One creator's work and reviews, as counts that windows can add up: the
// rolled-up days from creator_slot_stats (per 15-minute slot and output type,
// written by the rollup jobs: lib/rollups/creator-stats.ts) plus the exact
// rows since then (today, and any day not rolled up yet) read live from the
// base tables on every call. Nothing is kept in memory between calls, so two
// app instances on one database answer the same.
//
// Exactness: every period, bucket and range boundary is a local midnight,
// which is on a 15-minute slot boundary in every IANA zone; a window edge that
// is not (the previous period's "same elapsed point") marks its slot as split,
// and that slot's rows are read live with their exact timestamps. The slots
// between two consecutive boundaries are added up in SQL (one row per
// segment and output type), since every window holds a segment whole or not
// at all. Windows add integer counts, cents and milliseconds; rates are
// divided and rounded once (values.ts ratio(), half away from zero like SQL
// round()). The integration tests compare every number with plain SQL.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { col, ts } from "./sql-range";

export const SLOT_MS = 15 * 60_000;

/** Counts of one slot or one row: approved work (w*) and reviews (r*). */
export type Tally = {
  tasks: number; cents: bigint; on_time: number; work_ms: bigint; work_ms_n: number;
  reviews: number; score: number; approved: number; first_time: number;
};
export const emptyTally = (): Tally => ({ tasks: 0, cents: 0n, on_time: 0, work_ms: 0n, work_ms_n: 0, reviews: 0, score: 0, approved: 0, first_time: 0 });
export function addTally(into: Tally, t: Tally): Tally {
  into.tasks += t.tasks;
  into.cents += t.cents;
  into.on_time += t.on_time;
  into.work_ms += t.work_ms;
  into.work_ms_n += t.work_ms_n;
  into.reviews += t.reviews;
  into.score += t.score;
  into.approved += t.approved;
  into.first_time += t.first_time;
  return into;
}

type Row = {
  at: string; type: string; tasks: number; cents: string; on_time: number; work_ms: string; work_ms_n: number;
  reviews: number; score: number; approved: number; first_time: number;
};

const toTally = (r: Row): Tally => ({
  tasks: r.tasks, cents: BigInt(r.cents), on_time: r.on_time, work_ms: BigInt(r.work_ms), work_ms_n: r.work_ms_n,
  reviews: r.reviews, score: r.score, approved: r.approved, first_time: r.first_time,
});

const tsArray = (ds: Date[]) => Prisma.sql`${`{${ds.map((d) => d.toISOString()).join(",")}}`}::timestamptz[]`;

/*
 * One query. t0 = 00:00 UTC after the last rolled-up day (a day with a
 * daily_metrics row), at most today's 00:00 UTC. Before t0: the creator's
 * slots, minus split ones, added up per (segment between boundaries, output
 * type), `at` = the segment's first slot. From t0 to now, and in split slots:
 * single rows by their timestamps — approved work by completed_at (on time =
 * first submission at or before due_at; work ms = first submission −
 * claimed_at), reviews by their completed_at (first time = an approval of the
 * version-1 submission).
 */
export function factsSql(creatorId: string, now: Date, bounds: Date[], split: Date[]): Prisma.Sql {
  const todayStart = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
  const mine = Prisma.sql`${col("a.creator_id")} = ${creatorId}::uuid`;
  const live = (at: Prisma.Sql) => Prisma.join([
    Prisma.sql`(${at} >= (SELECT t FROM t0) AND ${at} < ${ts(now)})`,
    ...split.map((s) => Prisma.sql`(${at} >= ${ts(s)} AND ${at} < ${ts(new Date(s.getTime() + SLOT_MS))} AND ${ts(s)} < (SELECT t FROM t0))`),
  ], " OR ", "(", ")");
  return Prisma.sql`
    WITH t0 AS MATERIALIZED (
      SELECT LEAST(COALESCE((max("date") + 1)::timestamp AT TIME ZONE 'UTC', 'epoch'::timestamptz), ${ts(todayStart)}) AS t
      FROM daily_metrics WHERE "date" < ${todayStart.toISOString().slice(0, 10)}::date)
    SELECT (min(extract(epoch FROM c.slot)) * 1000)::bigint::text AS at, c.output_type_id::text AS type,
      sum(c.tasks)::int AS tasks, sum(c.earnings * 100)::bigint::text AS cents, sum(c.on_time)::int AS on_time,
      sum(c.work_ms)::bigint::text AS work_ms, sum(c.work_n)::int AS work_ms_n,
      sum(c.reviews)::int AS reviews, sum(c.score_sum)::int AS score, sum(c.approved)::int AS approved, sum(c.first_approved)::int AS first_time
    FROM creator_slot_stats c
    WHERE c.creator_id = ${creatorId}::uuid AND c.slot < (SELECT t FROM t0) AND c.slot <> ALL (${tsArray(split)})
    GROUP BY width_bucket(c.slot, ${tsArray(bounds)}), c.output_type_id
    UNION ALL
    SELECT round(extract(epoch FROM a.completed_at) * 1000)::bigint::text, a.output_type_id::text,
      1, (a.creator_payout * 100)::bigint::text, (coalesce(s.submitted_at <= a.due_at, FALSE))::int,
      coalesce(round(extract(epoch FROM s.submitted_at - a.claimed_at) * 1000), 0)::bigint::text,
      (s.submitted_at - a.claimed_at IS NOT NULL)::int,
      0, 0, 0, 0
    FROM assignments a
    LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
    WHERE ${mine} AND a.status = 'approved' AND ${live(Prisma.sql`a.completed_at`)}
    UNION ALL
    SELECT round(extract(epoch FROM r.completed_at) * 1000)::bigint::text, a.output_type_id::text,
      0, '0', 0, '0', 0,
      1, r.overall_score, (r.decision = 'approved')::int,
      (r.decision = 'approved' AND r.submission_id IS NOT DISTINCT FROM
        (SELECT s.id FROM content_submissions s WHERE s.assignment_id = a.id AND s.version = 1))::int
    FROM reviews r
    JOIN assignments a ON a.id = r.assignment_id
    WHERE ${mine} AND ${live(Prisma.sql`r.completed_at`)}`;
}

export type CreatorFacts = {
  /** Calls `visit` for every slot and live row before `now`; windows must only use the boundaries given to loadCreatorFacts. */
  forEach: (visit: (at: number, type: string, t: Tally) => void) => void;
};

/**
 * The creator's facts up to `now`, exact for windows whose edges are among
 * `boundaries` (and `now`). Edges off the slot grid split their slot, whose
 * rows are then read live.
 */
export async function loadCreatorFacts(db: Db, creatorId: string, now: Date, boundaries: Date[]): Promise<CreatorFacts> {
  const bounds = [...new Set(boundaries.map((b) => b.getTime()))].sort((x, y) => x - y);
  const split = [...new Set(bounds.filter((ms) => ms % SLOT_MS !== 0 && ms < now.getTime()).map((ms) => Math.floor(ms / SLOT_MS) * SLOT_MS))];
  const rows = await db.$queryRaw<Row[]>(factsSql(creatorId, now, bounds.map((ms) => new Date(ms)), split.map((ms) => new Date(ms))));
  return {
    forEach(visit) {
      for (const r of rows) visit(Number(r.at), r.type, toTally(r));
    },
  };
}
