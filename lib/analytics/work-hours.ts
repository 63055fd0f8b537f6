// Estimated hours worked and hours credited per output type (METRICS.md
// "Work"), for one creator over a range, in one SQL statement.
//
// * Work interval of an assignment: [claimed_at, its first submission
//   (content_submissions.version = 1)), at most 8 hours long.
// * The assignments counted are the ones whose earnings count: approved,
//   completed_at in the range.
// * Range edges: each interval is also clipped to the range [start, end).
//   Work on a task completed in the range that happened before the range
//   started is not counted (its earnings are). The end never cuts anything:
//   a counted task was submitted before it was completed, so before `end`.
//   Clipping keeps "hours worked ≤ hours elapsed in the range" true for any
//   range, a single day included; over 90 days the cut is a few hours at
//   most.
// * Hours worked = length of the union of those intervals (time with at least
//   one task open counts once). Hours credited: at an instant when k
//   intervals are open, each gets 1/k; credits add up to hours worked.
//
// The sweep: SQL reads the counted intervals (one index-only range scan);
// their starts (+1) and ends (−1) are sorted here, and between two
// consecutive boundary points the number of open intervals k is constant, so
// that elementary segment adds (length / k) to each of them — exactly, in
// integers (sweep() below). Doing it in SQL took four window passes over the
// events: the largest cost of a 3-year earnings range.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Range } from "@/lib/period";
import { col, ts } from "./sql-range";

/** Microseconds per hour: credits travel as integer microseconds so rates can be divided exactly (values.ts ratio). */
export const US_PER_HOUR = 3_600_000_000n;

export type WorkHours = {
  /** length of the union of their work intervals, microseconds */
  union_us: bigint;
  /** hours credited to each output type's assignments (Σ = union_us up to rounding), microseconds */
  by_type: Map<string, bigint>;
};

/**
 * The counted assignments' work intervals, clipped to 8 h and to the range.
 * One range scan of the creator's covering index (creator_id, completed_at)
 * INCLUDE (status, output_type_id, claimed_at, first_submitted_at):
 * assignments.first_submitted_at is the version-1 submission's time, kept by
 * a trigger (migration 20261129200000_first_submission).
 */
function intervalsSql(creatorId: string, r: Range): Prisma.Sql {
  return Prisma.sql`
    SELECT a.output_type_id AS type,
      greatest(a.claimed_at, ${ts(r.start)}) AS s,
      least(a.first_submitted_at, a.claimed_at + interval '8 hours', ${ts(r.end)}) AS e
    FROM assignments a
    WHERE ${col("a.creator_id")} = ${creatorId}::uuid
      AND a.completed_at >= ${ts(r.start)} AND a.completed_at < ${ts(r.end)}
      AND a.status = 'approved' AND a.claimed_at IS NOT NULL AND a.first_submitted_at IS NOT NULL`;
}

/** The counted intervals as epoch milliseconds (timestamps are stored to the millisecond), only those of positive length. */
function intervalRowsSql(creatorId: string, r: Range): Prisma.Sql {
  return Prisma.sql`
    SELECT type::text AS type, (extract(epoch FROM s) * 1000)::bigint::text AS s, (extract(epoch FROM e) * 1000)::bigint::text AS e
    FROM (${intervalsSql(creatorId, r)}) x WHERE e > s`;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * The sweep, in exact integers: between two consecutive boundary points the
 * k open intervals share the segment, each type getting length × (its open
 * intervals) / k. Credits are kept as multiples of 1/L ms, L = lcm(1 … the
 * most intervals ever open at once), so they add up exactly; the union is
 * whole milliseconds. Both become microseconds only at the end (credits
 * rounded half up, once per type).
 */
export function sweep(intervals: { type: string; s: number; e: number }[]): WorkHours {
  const events: { t: number; d: number; type: string }[] = [];
  for (const iv of intervals) {
    if (iv.e <= iv.s) continue;
    events.push({ t: iv.s, d: 1, type: iv.type }, { t: iv.e, d: -1, type: iv.type });
  }
  events.sort((a, b) => a.t - b.t);
  const out: WorkHours = { union_us: 0n, by_type: new Map() };
  for (const ev of events) if (!out.by_type.has(ev.type)) out.by_type.set(ev.type, 0n);
  // the most intervals open at once, for the common denominator
  let k = 0;
  let kMax = 1;
  for (const ev of events) kMax = Math.max(kMax, (k += ev.d));
  let lcm = 1n;
  for (let i = 2n; i <= BigInt(kMax); i++) lcm = (lcm * i) / gcd(lcm, i);
  const open = new Map<string, number>();
  const credit = new Map<string, bigint>();
  let unionMs = 0;
  k = 0;
  for (let i = 0; i < events.length; ) {
    const t = events[i].t;
    for (; i < events.length && events[i].t === t; i++) {
      const ev = events[i];
      open.set(ev.type, (open.get(ev.type) ?? 0) + ev.d);
      k += ev.d;
    }
    if (i === events.length || k === 0) continue;
    const len = events[i].t - t;
    unionMs += len;
    const share = (BigInt(len) * lcm) / BigInt(k); // exact: k divides lcm
    for (const [type, n] of open) if (n > 0) credit.set(type, (credit.get(type) ?? 0n) + share * BigInt(n));
  }
  out.union_us = BigInt(unionMs) * 1000n;
  for (const [type, c] of credit) out.by_type.set(type, (c * 2000n + lcm) / (2n * lcm)); // ms/lcm → µs, half up
  return out;
}

export async function workHours(db: Db, creatorId: string, r: Range): Promise<WorkHours> {
  const rows = await db.$queryRaw<{ type: string; s: string; e: string }[]>(intervalRowsSql(creatorId, r));
  return sweep(rows.map((x) => ({ type: x.type, s: Number(x.s), e: Number(x.e) })));
}
