// One creator's work and reviews, as counts that windows can add up: the
// history before T0 aggregated per (15-minute slot, output type) and cached,
// plus the exact rows since T0 read live on every call.
//
// Why: every creator number has an all-time twin (and a year's previous
// period reaches back as far), and reading a creator's whole history means
// two index probes per assignment (its first submission, its reviews) —
// ~13 k probes for the demo creator at scale large, 60–130 ms on a busy
// 2-core box, over the 50 ms budget. Work and reviews are append-only in time
// (an assignment is approved at its completed_at, a review is written at its
// completed_at), so the history before T0 cannot change and is read once.
//
// Exactness: every period, bucket and range boundary is a local midnight,
// which is on a 15-minute slot boundary in every IANA zone; a window edge that
// is not (the previous period's "same elapsed point") marks its slot as split,
// and that slot's rows are read live with their exact timestamps. Windows add
// integer counts, cents and milliseconds; rates are divided and rounded once
// (values.ts ratio(), half away from zero like SQL round()). The integration
// tests compare every number with plain SQL.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { col, ts } from "./sql-range";

export const SLOT_MS = 15 * 60_000;
/** A digest is reused up to this age (the live tail stays short), refreshed in the background after REFRESH_MS. */
export const MAX_AGE_MS = 30 * 60_000;
export const REFRESH_MS = 5 * 60_000;
const MAX_CREATORS = 300;

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

/** A slot (at = its start) or a live row (at = its timestamp), with its output type. */
type Entry = { at: number; type: string; t: Tally };

type Row = {
  kind: "w" | "r"; at: string; type: string; n: number; cents: string; ok: number; ms: string | null; ms_n: number;
  score: number; approved: number; first_time: number;
};

const toEntry = (r: Row, at: number): Entry => ({
  at,
  type: r.type,
  t: r.kind === "w"
    ? { ...emptyTally(), tasks: r.n, cents: BigInt(r.cents), on_time: r.ok, work_ms: BigInt(r.ms ?? 0), work_ms_n: r.ms_n }
    : { ...emptyTally(), reviews: r.n, score: r.score, approved: r.approved, first_time: r.first_time },
});

/*
 * Approved work counts by completed_at (on time = first submission at or
 * before due_at; work ms = first submission − claimed_at), reviews by their
 * completed_at (first time = an approval of the version-1 submission).
 */

/** The history before t0, per (slot, output type): one pass over every assignment of the creator. */
function digestSql(creatorId: string, t0: Date): Prisma.Sql {
  const slot = (at: Prisma.Sql) => Prisma.sql`floor(extract(epoch FROM ${at}) * 1000 / ${SLOT_MS})::bigint::text`;
  return Prisma.sql`
    WITH mine AS MATERIALIZED (
      SELECT a.id, a.status, a.output_type_id, a.completed_at, a.creator_payout, a.due_at, a.claimed_at,
        s.id AS v1_id, s.submitted_at AS v1_at
      FROM assignments a
      LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
      WHERE ${col("a.creator_id")} = ${creatorId}::uuid)
    SELECT 'w' AS kind, ${slot(Prisma.sql`m.completed_at`)} AS at, m.output_type_id::text AS type,
      count(*)::int AS n, sum(m.creator_payout * 100)::bigint::text AS cents,
      count(*) FILTER (WHERE m.v1_at <= m.due_at)::int AS ok,
      sum(round(extract(epoch FROM m.v1_at - m.claimed_at) * 1000))::bigint::text AS ms,
      count(m.v1_at - m.claimed_at)::int AS ms_n,
      0 AS score, 0 AS approved, 0 AS first_time
    FROM mine m
    WHERE m.status = 'approved' AND m.completed_at < ${ts(t0)}
    GROUP BY 2, 3
    UNION ALL
    SELECT 'r', ${slot(Prisma.sql`r.completed_at`)}, m.output_type_id::text,
      count(*)::int, '0', 0, NULL, 0,
      sum(r.overall_score)::int,
      count(*) FILTER (WHERE r.decision = 'approved')::int,
      count(*) FILTER (WHERE r.decision = 'approved' AND r.submission_id = m.v1_id)::int
    FROM mine m
    JOIN reviews r ON r.assignment_id = m.id
    WHERE r.completed_at < ${ts(t0)}
    GROUP BY 2, 3`;
}

/** Single rows in a few short time ranges, found by their timestamps (cheap: index ranges, few rows). */
function liveSql(creatorId: string, ranges: [Date, Date][]): Prisma.Sql {
  const inRanges = (at: Prisma.Sql) => Prisma.sql`(${Prisma.join(ranges.map(([a, b]) => Prisma.sql`(${at} >= ${ts(a)} AND ${at} < ${ts(b)})`), " OR ")})`;
  const mine = Prisma.sql`${col("a.creator_id")} = ${creatorId}::uuid`;
  return Prisma.sql`
    SELECT 'w' AS kind, round(extract(epoch FROM a.completed_at) * 1000)::bigint::text AS at, a.output_type_id::text AS type,
      1 AS n, (a.creator_payout * 100)::bigint::text AS cents,
      (coalesce(s.submitted_at <= a.due_at, FALSE))::int AS ok,
      round(extract(epoch FROM s.submitted_at - a.claimed_at) * 1000)::bigint::text AS ms,
      (s.submitted_at - a.claimed_at IS NOT NULL)::int AS ms_n,
      0 AS score, 0 AS approved, 0 AS first_time
    FROM assignments a
    LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
    WHERE ${mine} AND a.status = 'approved' AND ${inRanges(Prisma.sql`a.completed_at`)}
    UNION ALL
    SELECT 'r', round(extract(epoch FROM r.completed_at) * 1000)::bigint::text, a.output_type_id::text,
      1, '0', 0, NULL, 0, r.overall_score,
      (r.decision = 'approved')::int,
      (r.decision = 'approved' AND r.submission_id IS NOT DISTINCT FROM
        (SELECT s.id FROM content_submissions s WHERE s.assignment_id = a.id AND s.version = 1))::int
    FROM reviews r
    JOIN assignments a ON a.id = r.assignment_id
    WHERE ${mine} AND ${inRanges(Prisma.sql`r.completed_at`)}`;
}

type Digest = { t0: number; builtAt: number; slots: Entry[] };

/** Reads the history before `now`'s slot (exported for the benchmark's cold-build row; callers use loadCreatorFacts). */
export async function buildDigest(db: Db, creatorId: string, now: number): Promise<Digest> {
  const t0 = Math.floor(now / SLOT_MS) * SLOT_MS;
  const rows = await db.$queryRaw<Row[]>(digestSql(creatorId, new Date(t0)));
  return { t0, builtAt: now, slots: rows.map((r) => toEntry(r, Number(r.at) * SLOT_MS)) };
}

type Cached = { t0: number; builtAt: number; value: Promise<Digest>; refreshing: boolean };
const cache = new WeakMap<Db, Map<string, Cached>>();

/** The cached digest when it is usable at `now`, else a new one (cached unless `now` is older than the cached one). */
function digestFor(db: Db, creatorId: string, now: number): Promise<Digest> {
  let byCreator = cache.get(db);
  if (!byCreator) cache.set(db, (byCreator = new Map()));
  const hit = byCreator.get(creatorId);
  const age = hit ? now - hit.builtAt : Infinity;
  // usable for any now from its t0 on: it holds nothing after t0
  if (hit && now >= hit.t0 && age < MAX_AGE_MS) {
    byCreator.delete(creatorId);
    byCreator.set(creatorId, hit); // most recently used last
    if (age >= REFRESH_MS && !hit.refreshing) {
      hit.refreshing = true;
      const next = buildDigest(db, creatorId, now);
      next.then(
        (d) => byCreator.set(creatorId, { t0: d.t0, builtAt: d.builtAt, value: next, refreshing: false }),
        (err) => {
          hit.refreshing = false;
          console.error("creator digest refresh failed", err);
        },
      );
    }
    return hit.value;
  }
  const value = buildDigest(db, creatorId, now);
  if (!hit || hit.builtAt <= now) {
    byCreator.delete(creatorId);
    byCreator.set(creatorId, { t0: Math.floor(now / SLOT_MS) * SLOT_MS, builtAt: now, value, refreshing: false });
    if (byCreator.size > MAX_CREATORS) byCreator.delete(byCreator.keys().next().value!);
    value.catch(() => byCreator.get(creatorId)?.value === value && byCreator.delete(creatorId));
  }
  return value;
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
  const nowMs = now.getTime();
  const digest = await digestFor(db, creatorId, nowMs);
  const split = new Set<number>();
  for (const b of boundaries) {
    const ms = b.getTime();
    if (ms % SLOT_MS !== 0 && ms < digest.t0) split.add(Math.floor(ms / SLOT_MS));
  }
  const ranges: [Date, Date][] = [[new Date(digest.t0), now], ...[...split].map((s): [Date, Date] => [new Date(s * SLOT_MS), new Date((s + 1) * SLOT_MS)])];
  const live = await db.$queryRaw<Row[]>(liveSql(creatorId, ranges));
  const rows = live.map((r) => toEntry(r, Number(r.at)));
  return {
    forEach(visit) {
      for (const s of digest.slots) if (!split.has(s.at / SLOT_MS)) visit(s.at, s.type, s.t);
      for (const r of rows) visit(r.at, r.type, r.t);
    },
  };
}
