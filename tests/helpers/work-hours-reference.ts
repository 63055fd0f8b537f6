// The METRICS.md "Work" numbers computed the slow, obvious way, for tests to
// compare lib/analytics/work-hours.ts against. Written separately from the
// code under test: cut the time line at every interval start and end; each
// elementary piece [a, b) is open in the intervals that cover it whole; if k
// of them do, it counts once toward the union and (b − a)/k toward each.
// Credits are kept exact as integers scaled by L = lcm of every k seen.
import type pg from "pg";

export type Interval = { type: string; start: number; end: number };
export type Reference = { unionMs: number; scale: bigint; credits: Map<string, bigint> };

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

export function sweepReference(intervals: Interval[]): Reference {
  const live = intervals.filter((i) => i.end > i.start);
  const cuts = [...new Set(live.flatMap((i) => [i.start, i.end]))].sort((a, b) => a - b);
  const pieces: { len: number; open: Interval[] }[] = [];
  for (let j = 0; j + 1 < cuts.length; j++) {
    const [a, b] = [cuts[j], cuts[j + 1]];
    pieces.push({ len: b - a, open: live.filter((i) => i.start <= a && i.end >= b) });
  }
  let scale = 1n;
  for (const p of pieces) if (p.open.length) scale = (scale * BigInt(p.open.length)) / gcd(scale, BigInt(p.open.length));
  let unionMs = 0;
  const credits = new Map<string, bigint>();
  for (const p of pieces) {
    if (!p.open.length) continue;
    unionMs += p.len;
    for (const i of p.open) credits.set(i.type, (credits.get(i.type) ?? 0n) + (BigInt(p.len) * scale) / BigInt(p.open.length));
  }
  return { unionMs, scale, credits };
}

/** num / den rounded half up to `decimals` places (num, den ≥ 0), exactly. */
export function roundDiv(num: bigint, den: bigint, decimals: number): number | null {
  if (den === 0n) return null;
  const f = 10n ** BigInt(decimals);
  return Number((2n * num * f + den) / (2n * den)) / Number(f);
}

const HOUR_MS = 3_600_000n;
/** Hours (1 decimal) of `ms × scale`. */
export const hoursOf = (scaledMs: bigint, scale: bigint) => roundDiv(scaledMs, HOUR_MS * scale, 1);
/** Dollars per hour (2 decimals) of `cents` over `ms × scale`; null over zero hours. */
export const perHourOf = (cents: bigint, scaledMs: bigint, scale: bigint) => roundDiv(cents * HOUR_MS * scale, 100n * scaledMs, 2);

/**
 * The work intervals counted for a creator over [start, end): approved
 * assignments completed in it, [claimed_at, first submission) cut to 8 h and
 * to the range. Plain SQL for the rows, plain TypeScript for the cuts.
 */
export async function countedIntervals(pool: pg.Pool, creator: string, start: Date, end: Date) {
  const { rows } = await pool.query<{ code: string; cents: string; claimed: Date; first: Date }>(
    `SELECT ot.code, (a.creator_payout * 100)::bigint::text AS cents, a.claimed_at AS claimed, s.submitted_at AS first
     FROM assignments a JOIN output_types ot ON ot.id = a.output_type_id
     JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
     WHERE a.creator_id = $1 AND a.status = 'approved' AND a.completed_at >= $2 AND a.completed_at < $3`,
    [creator, start, end],
  );
  return rows.map((r) => ({
    type: r.code,
    cents: BigInt(r.cents),
    start: Math.max(r.claimed.getTime(), start.getTime()),
    end: Math.min(r.first.getTime(), r.claimed.getTime() + 8 * Number(HOUR_MS), end.getTime()),
  }));
}
