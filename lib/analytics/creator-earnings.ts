// Creator earnings analytics (US-7.3) for one creator over a range of local
// calendar dates in the viewer's time zone. Definitions: METRICS.md —
// earnings are approved assignments' creator_payout by completed_at;
// estimated hours worked are the union of those same assignments' work
// intervals (claim → first submission, at most 8 h, clipped to the range;
// work-hours.ts), and each type is credited its share of that union;
// earnings per hour = earnings ÷ those hours (per type: the type's earnings ÷
// its credited hours); ratings are reviews completed in the range; payouts
// paid are completed payouts by completed_at. Earnings and reviews are added
// up from creator-facts.ts (the same counts as the dashboard), hours and
// payouts are read with SQL.
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { localDate, type Range } from "@/lib/period";
import { earningsRangeProblem, type EarningsGranularity } from "@/lib/validation/creator";
import { bucketIndex, bucketOf, bucketSet, fillBuckets, type BucketSet } from "./buckets-sql";
import { addTally, emptyTally, loadCreatorFacts, type Tally } from "./creator-facts";
import { col, ts, within } from "./sql-range";
import { dollars, money, ratio } from "./values";
import { US_PER_HOUR, workHours } from "./work-hours";
import { clockNow } from "@/lib/clock";

export type EarningsOptions = { from?: string; to?: string; granularity?: EarningsGranularity; timeZone: string; now?: Date };

export type TypeEarnings = {
  type: string;
  code: string;
  tasks: number;
  earnings: number;
  /** share of the range's earnings, 0–100 */
  percent: number | null;
  hours_worked: number | null;
  earnings_per_hour: number | null;
  avg_rating: number | null;
  reviews: number;
};
export type EarningsSummary = { earnings: number; tasks: number; hours_worked: number | null; earnings_per_hour: number | null; avg_rating: number | null; reviews: number };

export type Ranked = { type: string; code: string; value: number };
export type PayoutRow = { id: string; amount: number; status: string; method: string; requested_at: string; completed_at: string | null };

export type CreatorEarnings = {
  range: { from: string; to: string; start: string; end: string; tz: string; granularity: EarningsGranularity };
  summary: EarningsSummary;
  by_output_type: TypeEarnings[];
  by_period: { date: string; amount: number; tasks: number }[];
  best_output_types: { by_earnings: Ranked[]; by_earnings_per_hour: Ranked[]; by_rating: Ranked[] };
  payouts: {
    /** completed payouts by completed_at in the range */
    paid: number;
    /** now: payouts requested and not yet completed (pending or processing) */
    in_flight: number;
    trend: { date: string; paid: number }[];
    /** payouts requested in the range, newest first */
    history: PayoutRow[];
  };
};

/** A from/to the API must refuse (400 naming `field`). */
export class EarningsRangeError extends Error {
  constructor(public field: "from" | "to", message: string) {
    super(message);
  }
}

export const DEFAULT_DAYS = 90;
const BEST = 3;

/** Local midnight of a calendar date in a time zone. */
function localMidnight(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

export const shiftDay = (day: string, n: number) => {
  const [y, m, d] = day.split("-").map(Number);
  return addDays(new Date(Date.UTC(y, m - 1, d)), n).toISOString().slice(0, 10);
};

/** Days per bucket that keep a chart readable: days up to a month, weeks up to half a year, then months. */
export function defaultGranularity(from: string, to: string): EarningsGranularity {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return days <= 31 ? "day" : days <= 183 ? "week" : "month";
}

/** The range asked for, with defaults (the last 90 days up to today), checked again after defaulting. */
export function resolveEarningsRange(opts: EarningsOptions) {
  const now = opts.now ?? clockNow();
  const to = opts.to ?? localDate(now, opts.timeZone);
  const from = opts.from ?? shiftDay(to, -(DEFAULT_DAYS - 1));
  const problem = earningsRangeProblem(from, to);
  // Blame the date the caller gave when the other one was defaulted.
  if (problem) throw new EarningsRangeError(opts.to ? problem.field : "from", problem.message);
  const granularity = opts.granularity ?? defaultGranularity(from, to);
  const start = localMidnight(from, opts.timeZone);
  const end = localMidnight(shiftDay(to, 1), opts.timeZone);
  // Rows are counted up to now; buckets still span the whole range asked for.
  const counted: Range = { start, end: end < now ? end : now };
  return { from, to, granularity, start, end, counted, set: bucketSet({ start, end }, granularity, opts.timeZone) };
}

/** Names and codes of the output types, by id. */
async function outputTypes(db: Db) {
  const rows = await db.$queryRaw<{ id: string; name: string; code: string }[]>(Prisma.sql`SELECT id::text, name, code FROM output_types`);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Earnings, tasks, hours, per-hour and rating of a tally and its hours (in
 * microseconds: the union for the total, the credited hours for a type).
 * Hours are null when no approved work is counted; per hour is null when
 * the hours are zero.
 */
function figures(t: Tally, us: bigint) {
  return {
    tasks: t.tasks,
    earnings: dollars(t.cents),
    hours_worked: t.tasks ? ratio(us, US_PER_HOUR, 1) : null,
    // (cents / 100) ÷ (us / 3.6e9) = cents × 3.6e7 ÷ us
    earnings_per_hour: t.tasks && us > 0n ? ratio(t.cents * (US_PER_HOUR / 100n), us, 2) : null,
    avg_rating: ratio(t.score, t.reviews, 2),
    reviews: t.reviews,
  };
}

function payoutsQuery(db: Db, id: string, r: Range, set: BucketSet) {
  const own = Prisma.sql`${col("po.creator_id")} = ${id}::uuid`;
  return Promise.all([
    db.$queryRaw<{ id: string; amount: string; status: string; method: string; requested_at: Date; completed_at: Date | null }[]>(Prisma.sql`
      SELECT po.id, po.amount::text, po.status::text, po.method, po.requested_at, po.completed_at
      FROM payouts po
      WHERE ${own} AND ${within(Prisma.sql`po.requested_at`, r)}
      ORDER BY po.requested_at DESC, po.id DESC`),
    db.$queryRaw<{ b: number | null; paid: string }[]>(Prisma.sql`
      SELECT x.b, sum(x.amount)::text AS paid
      FROM (SELECT ${bucketIndex(Prisma.sql`po.completed_at`, set)} AS b, po.amount
            FROM payouts po
            WHERE ${own} AND po.status = 'completed' AND ${within(Prisma.sql`po.completed_at`, r)}) x
      GROUP BY ROLLUP (x.b)`),
    db.$queryRaw<{ in_flight: string }[]>(Prisma.sql`
      SELECT coalesce(sum(po.amount), 0)::text AS in_flight
      FROM payouts po
      WHERE ${own} AND po.status IN ('pending', 'processing') AND po.requested_at < ${ts(r.end)}`),
  ]);
}

const top = (rows: TypeEarnings[], value: (t: TypeEarnings) => number | null): Ranked[] =>
  rows
    .flatMap((t) => {
      const v = value(t);
      return v == null ? [] : [{ type: t.type, code: t.code, value: v }];
    })
    .sort((a, b) => b.value - a.value || a.type.localeCompare(b.type))
    .slice(0, BEST);

export async function creatorEarnings(db: Db, creatorId: string, opts: EarningsOptions): Promise<CreatorEarnings> {
  const range = resolveEarningsRange(opts);
  const r = range.counted;
  const [facts, names, hours, [history, paid, [flight]]] = await Promise.all([
    loadCreatorFacts(db, creatorId, r.end, [r.start, ...range.set.starts]),
    outputTypes(db),
    workHours(db, creatorId, r),
    payoutsQuery(db, creatorId, r, range.set),
  ]);

  const total = emptyTally();
  const perType = new Map<string, Tally>();
  const starts = range.set.starts.map((d) => d.getTime());
  const perBucket = starts.map(emptyTally);
  const [s0, s1] = [r.start.getTime(), r.end.getTime()];
  facts.forEach((at, type, t) => {
    if (at < s0 || at >= s1) return;
    addTally(total, t);
    addTally(perType.get(type) ?? perType.set(type, emptyTally()).get(type)!, t);
    const b = bucketOf(starts, at);
    if (b >= 0) addTally(perBucket[b], t);
  });

  const byType: TypeEarnings[] = [...perType.entries()]
    .map(([id, t]) => ({
      type: names.get(id)?.name ?? id,
      code: names.get(id)?.code ?? id,
      ...figures(t, hours.by_type.get(id) ?? 0n),
      // share of the range's earnings (0 for a type only reviewed in it; null when nothing was earned)
      percent: ratio(100n * t.cents, total.cents, 1),
    }))
    .sort((a, b) => b.earnings - a.earnings || a.type.localeCompare(b.type));

  return {
    range: {
      from: range.from, to: range.to, start: range.start.toISOString(), end: range.end.toISOString(), tz: opts.timeZone, granularity: range.granularity,
    },
    summary: figures(total, hours.union_us),
    by_output_type: byType,
    by_period: range.set.labels.map((date, i) => ({ date, amount: dollars(perBucket[i].cents), tasks: perBucket[i].tasks })),
    best_output_types: {
      by_earnings: top(byType, (t) => (t.tasks ? t.earnings : null)),
      by_earnings_per_hour: top(byType, (t) => t.earnings_per_hour),
      by_rating: top(byType, (t) => t.avg_rating),
    },
    payouts: {
      paid: money(paid.find((p) => p.b == null)?.paid),
      in_flight: money(flight.in_flight),
      trend: fillBuckets(range.set, paid.filter((p) => p.b != null).map((p) => ({ ...p, b: p.b! })), (date, row) => ({ date, paid: money(row?.paid) })),
      history: history.map((p) => ({
        id: p.id, amount: money(p.amount), status: p.status, method: p.method,
        requested_at: p.requested_at.toISOString(), completed_at: p.completed_at?.toISOString() ?? null,
      })),
    },
  };
}
