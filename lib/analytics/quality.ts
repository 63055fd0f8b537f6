// Quality metrics (US-7.6) over reviews completed in a UTC period, as
// METRICS.md defines them: average rating, first-time approval, revision and
// rejection rates, the same per output type, a trend, and creators by all-time
// average rating. Every value is counts added up over the whole period and
// divided once (see admin-review-stats.ts for where the counts come from:
// closed days aggregated once, the partial day from the base tables).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { buckets, periodRanges, type Granularity, type Period, type Range } from "@/lib/period";
import { addDays, dayStart, utcDay } from "@/lib/rollups";
import {
  addCounts, closedStats, creatorTotals, DAY_KEY, reviewCountsBetween, zeroCounts, type ClosedStats, type ReviewCounts,
} from "./admin-review-stats";
import { bucketKey, bucketOfDay, mean2, periodInfo, rate, type PeriodInfo } from "./admin-shared";
import { deltasByKind, deltaUnits, type DeltaUnit, type FieldSpecs } from "./deltas";
import { clockNow } from "@/lib/clock";

export type QualityValues = {
  reviews: number;
  avg_rating: number | null;
  first_time_approval_rate: number | null;
  revision_rate: number | null;
  rejection_rate: number | null;
};

/** Each value's kind (its delta's unit) and which way is good news. */
export const QUALITY_FIELDS: FieldSpecs<keyof QualityValues> = {
  reviews: { kind: "count" },
  avg_rating: { kind: "rating" },
  first_time_approval_rate: { kind: "rate" },
  revision_rate: { kind: "rate", better: "down" },
  rejection_rate: { kind: "rate", better: "down" },
};

export type QualityDashboard = {
  period: PeriodInfo;
  data_as_of: string;
  summary: QualityValues;
  previous: QualityValues;
  deltas: Record<keyof QualityValues, number | null>;
  /** the unit of every `deltas` value here, by_output_type's included */
  delta_units: Record<keyof QualityValues, DeltaUnit>;
  by_output_type: ({ output_type_id: string; code: string; name: string } & QualityValues & {
    previous: QualityValues;
    deltas: Record<keyof QualityValues, number | null>;
  })[];
  trend: ({ date: string } & QualityValues)[];
  rating_distribution: { bucket: string; min: number; max: number; count: number }[];
};

export function qualityValues(c: ReviewCounts | undefined): QualityValues {
  const x = c ?? zeroCounts();
  return {
    reviews: x.reviews,
    avg_rating: mean2(x.score_sum, x.reviews),
    first_time_approval_rate: rate(x.first_approved, x.approved),
    revision_rate: rate(x.revisions, x.reviews),
    rejection_rate: rate(x.rejections, x.reviews),
  };
}

const HOUR_KEY = Prisma.sql`to_char(date_trunc('hour', r.completed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"')`;

type PeriodCounts = { total: ReviewCounts; byType: Map<string, ReviewCounts>; byBucket: Map<string, ReviewCounts> };

/**
 * Counts of the reviews completed in [start, end): full days from the closed
 * stats, a last partial day from the base tables; folded into trend buckets
 * when `trend` is given. Periods start at a UTC midnight.
 */
async function periodCounts(
  db: Db, range: Range, closed: ClosedStats, trend?: { starts: Date[]; granularity: Granularity },
): Promise<PeriodCounts> {
  const out: PeriodCounts = { total: zeroCounts(), byType: new Map(), byBucket: new Map() };
  if (range.end <= range.start) return out;
  const endDay = utcDay(range.end);
  const cutStart = dayStart(endDay);
  const hourly = trend?.granularity === "hour";
  const add = (day: string, bucket: string | null, typeId: string, c: ReviewCounts) => {
    addCounts(out.total, c);
    out.byType.set(typeId, addCounts(out.byType.get(typeId) ?? zeroCounts(), c));
    if (!trend) return;
    const key = bucket ?? bucketKey(bucketOfDay(day, trend.starts), trend.granularity);
    out.byBucket.set(key, addCounts(out.byBucket.get(key) ?? zeroCounts(), c));
  };
  for (let d = utcDay(range.start); d < endDay; d = addDays(d, 1)) {
    if (d >= closed.before) throw new Error(`closed stats end before ${d}`);
    for (const [typeId, c] of closed.byDay.get(d) ?? []) add(d, null, typeId, c);
  }
  const live = await reviewCountsBetween(db, cutStart, range.end, hourly ? HOUR_KEY : DAY_KEY);
  for (const { key, output_type_id, ...c } of live) add(endDay, hourly ? key : null, output_type_id, c);
  return out;
}

/** Creators by all-time average rating (every review of their assignments before `now`), half-star buckets 1.0–1.5 … 4.5–5.0. */
export async function ratingDistribution(db: Db, now: Date) {
  const counts = new Map<number, number>();
  for (const t of (await creatorTotals(db, now)).values()) {
    if (!t.reviews) continue;
    const b = Math.min(Math.floor((2 * t.score_sum) / t.reviews) / 2, 4.5);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5].map((min) => ({
    bucket: `${min.toFixed(1)}–${(min + 0.5).toFixed(1)}`,
    min,
    max: min + 0.5,
    count: counts.get(min) ?? 0,
  }));
}

async function outputTypes(db: Db) {
  return db.$queryRaw<{ id: string; code: string; name: string }[]>(Prisma.sql`
    SELECT id::text, code, name FROM output_types ORDER BY name`);
}

export async function qualityDashboard(db: Db, opts: { period: Period; now?: Date }): Promise<QualityDashboard> {
  const now = opts.now ?? clockNow();
  const r = periodRanges(opts.period, "UTC", now);
  const starts = buckets(r.current, r.granularity, "UTC");
  const closed = await closedStats(db, utcDay(now));
  const [cur, prev, distribution, types] = await Promise.all([
    periodCounts(db, r.current, closed, { starts, granularity: r.granularity }),
    periodCounts(db, r.previous, closed),
    ratingDistribution(db, now),
    outputTypes(db),
  ]);

  const summary = qualityValues(cur.total);
  const previous = qualityValues(prev.total);
  return {
    period: periodInfo(r),
    data_as_of: now.toISOString(),
    summary,
    previous,
    deltas: deltasByKind(QUALITY_FIELDS, summary, previous),
    delta_units: deltaUnits(QUALITY_FIELDS),
    by_output_type: types
      .map((t) => {
        const c = qualityValues(cur.byType.get(t.id));
        const p = qualityValues(prev.byType.get(t.id));
        return { output_type_id: t.id, code: t.code, name: t.name, ...c, previous: p, deltas: deltasByKind(QUALITY_FIELDS, c, p) };
      })
      .filter((t) => t.reviews > 0 || t.previous.reviews > 0),
    trend: starts.map((s) => {
      const key = bucketKey(s, r.granularity);
      return { date: key, ...qualityValues(cur.byBucket.get(key)) };
    }),
    rating_distribution: distribution,
  };
}
