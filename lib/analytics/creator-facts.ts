// One creator's work and reviews, as counts that windows can add up: the
// rolled-up days from creator_day_stats / creator_slot_stats (per UTC day or
// 15-minute slot and output type, written by the rollup jobs:
// lib/rollups/creator-stats.ts) and creator_running_totals (everything before
// the first window, for all-time values), plus the exact
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
  tasks: number; cents: bigint; on_time: number;
  reviews: number; score: number; approved: number; first_time: number;
};
export const emptyTally = (): Tally => ({ tasks: 0, cents: 0n, on_time: 0, reviews: 0, score: 0, approved: 0, first_time: 0 });
export function addTally(into: Tally, t: Tally): Tally {
  into.tasks += t.tasks;
  into.cents += t.cents;
  into.on_time += t.on_time;
  into.reviews += t.reviews;
  into.score += t.score;
  into.approved += t.approved;
  into.first_time += t.first_time;
  return into;
}

type Row = {
  at: string; type: string; tasks: number; cents: string; on_time: number;
  reviews: number; score: number; approved: number; first_time: number;
};

const toTally = (r: Row): Tally => ({
  tasks: r.tasks, cents: BigInt(r.cents), on_time: r.on_time,
  reviews: r.reviews, score: r.score, approved: r.approved, first_time: r.first_time,
});

const tsArray = (ds: Date[]) => Prisma.sql`${`{${ds.map((d) => d.toISOString()).join(",")}}`}::timestamptz[]`;

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
const dateArray = (ds: string[]) => Prisma.sql`${`{${ds.join(",")}}`}::date[]`;
const SUMS = Prisma.sql`
      sum(c.tasks)::int AS tasks, sum(c.earnings * 100)::bigint::text AS cents, sum(c.on_time)::int AS on_time,
      sum(c.reviews)::int AS reviews, sum(c.score_sum)::int AS score, sum(c.approved)::int AS approved, sum(c.first_approved)::int AS first_time`;

/*
 * One query. t0 = 00:00 UTC after the last rolled-up day (a day with a
 * daily_metrics row), at most today's 00:00 UTC; e = 00:00 UTC of the first
 * boundary's day, at most t0. Rolled-up rows in [e, t0): per (segment between
 * boundaries, output type), `at` = the segment's first instant — whole UTC
 * days from creator_day_stats, except the days a boundary cuts (a local
 * midnight off UTC, a split point), whose 15-minute creator_slot_stats are
 * used instead, minus split slots. Before e, only when `before` is asked
 * (all-time values): the creator's running totals up to e, one row (type '')
 * at e − 1 ms. From t0 to now, and in split slots: single rows by their
 * timestamps — approved work by completed_at (on time = first submission at
 * or before due_at), reviews by their completed_at (first time = an approval
 * of a version-1 submission), from the creator's covering indexes.
 */
export function factsSql(creatorId: string, now: Date, bounds: Date[], split: Date[], before = false): Prisma.Sql {
  const todayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const first = bounds.length ? bounds[0] : todayStart;
  const cutDays = [...new Set(bounds.filter((b) => b.getTime() % DAY_MS !== 0).map((b) => dayOf(b.getTime())))];
  const me = Prisma.sql`${creatorId}::uuid`;
  const live = (at: Prisma.Sql) => Prisma.join([
    Prisma.sql`(${at} >= (SELECT t FROM t0) AND ${at} < ${ts(now)})`,
    ...split.map((s) => Prisma.sql`(${at} >= ${ts(s)} AND ${at} < ${ts(new Date(s.getTime() + SLOT_MS))} AND ${ts(s)} < (SELECT t FROM t0))`),
  ], " OR ", "(", ")");
  const e = Prisma.sql`(SELECT e FROM t0)`;
  return Prisma.sql`
    WITH t0 AS MATERIALIZED (
      SELECT t, LEAST(t, ${ts(new Date(Math.floor(first.getTime() / DAY_MS) * DAY_MS))}) AS e FROM (
        SELECT LEAST(COALESCE((max("date") + 1)::timestamp AT TIME ZONE 'UTC', 'epoch'::timestamptz), ${ts(todayStart)}) AS t
        FROM daily_metrics WHERE "date" < ${todayStart.toISOString().slice(0, 10)}::date) x)
    SELECT (min(extract(epoch FROM c.slot)) * 1000)::bigint::text AS at, c.output_type_id::text AS type, ${SUMS}
    FROM creator_slot_stats c
    WHERE c.creator_id = ${me} AND c.slot >= ${e} AND c.slot < (SELECT t FROM t0)
      AND (c.slot AT TIME ZONE 'UTC')::date = ANY (${dateArray(cutDays)}) AND c.slot <> ALL (${tsArray(split)})
    GROUP BY width_bucket(c.slot, ${tsArray(bounds)}), c.output_type_id
    UNION ALL
    SELECT (min(extract(epoch FROM c."date"::timestamp AT TIME ZONE 'UTC')) * 1000)::bigint::text, c.output_type_id::text, ${SUMS}
    FROM creator_day_stats c
    WHERE c.creator_id = ${me} AND c."date" >= (${e} AT TIME ZONE 'UTC')::date AND c."date" < ((SELECT t FROM t0) AT TIME ZONE 'UTC')::date
      AND c."date" <> ALL (${dateArray(cutDays)})
    GROUP BY width_bucket(c."date"::timestamp AT TIME ZONE 'UTC', ${tsArray(bounds)}), c.output_type_id
    ${before ? Prisma.sql`
    UNION ALL
    SELECT (extract(epoch FROM ${e}) * 1000 - 1)::bigint::text, '', c.tasks, (c.earnings * 100)::bigint::text, c.on_time,
      c.reviews, c.score_sum::int, c.approved, c.first_approved
    FROM (SELECT * FROM creator_running_totals r WHERE r.creator_id = ${me} AND r."date" < (${e} AT TIME ZONE 'UTC')::date
          ORDER BY r."date" DESC LIMIT 1) c` : Prisma.empty}
    UNION ALL
    SELECT round(extract(epoch FROM a.completed_at) * 1000)::bigint::text, a.output_type_id::text,
      1, (a.creator_payout * 100)::bigint::text, (coalesce(a.first_submitted_at <= a.due_at, FALSE))::int,
      0, 0, 0, 0
    FROM assignments a
    WHERE ${col("a.creator_id")} = ${me} AND a.status = 'approved' AND ${live(Prisma.sql`a.completed_at`)}
    UNION ALL
    SELECT round(extract(epoch FROM r.completed_at) * 1000)::bigint::text, r.output_type_id::text,
      0, '0', 0,
      1, r.overall_score, (r.decision = 'approved')::int,
      (r.decision = 'approved' AND r.submission_version = 1)::int
    FROM reviews r
    WHERE ${col("r.creator_id")} = ${me} AND ${live(Prisma.sql`r.completed_at`)}`;
}

export type CreatorFacts = {
  /** Calls `visit` for every slot and live row before `now`; windows must only use the boundaries given to loadCreatorFacts. */
  forEach: (visit: (at: number, type: string, t: Tally) => void) => void;
};

/**
 * The creator's facts up to `now`, exact for windows whose edges are among
 * `boundaries` (and `now`). Edges off the slot grid split their slot, whose
 * rows are then read live. Facts before the first boundary are left out,
 * unless `allTime` asks for them (as one row before it, all types together).
 */
export async function loadCreatorFacts(
  db: Db, creatorId: string, now: Date, boundaries: Date[], opts: { allTime?: boolean } = {},
): Promise<CreatorFacts> {
  const bounds = [...new Set(boundaries.map((b) => b.getTime()))].sort((x, y) => x - y);
  const split = [...new Set(bounds.filter((ms) => ms % SLOT_MS !== 0 && ms < now.getTime()).map((ms) => Math.floor(ms / SLOT_MS) * SLOT_MS))];
  const rows = await db.$queryRaw<Row[]>(
    factsSql(creatorId, now, bounds.map((ms) => new Date(ms)), split.map((ms) => new Date(ms)), opts.allTime ?? false));
  return {
    forEach(visit) {
      for (const r of rows) visit(Number(r.at), r.type, toTally(r));
    },
  };
}
