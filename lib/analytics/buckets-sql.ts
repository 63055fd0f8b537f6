// Trend buckets for per-user dashboards. The bucket boundaries are computed
// once in JS (lib/period buckets(): local midnights, Monday weeks, month
// starts in the viewer's time zone, DST included) and handed to SQL, which
// only assigns rows to them with width_bucket — so SQL and the chart labels
// can never disagree about where a day starts.
import { Prisma } from "@/lib/generated/prisma/client";
import { buckets, type Granularity, type Range } from "@/lib/period";

export type BucketSet = { granularity: Granularity; timeZone: string; starts: Date[]; labels: string[] };

const formats = new Map<string, Intl.DateTimeFormat>();
/** localDate() of lib/period with one formatter per zone (building one per call costs ~50 µs; a 3-year range has 1,096 days). */
function dayLabel(d: Date, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f.format(d);
}

/** Recent bucket sets: an earnings range asks for the same days again and again. */
const recent = new Map<string, BucketSet>();

export function bucketSet(range: Range, granularity: Granularity, timeZone: string): BucketSet {
  const key = `${range.start.getTime()}|${range.end.getTime()}|${granularity}|${timeZone}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const starts = buckets(range, granularity, timeZone);
  const set = { granularity, timeZone, starts, labels: starts.map((d) => dayLabel(d, timeZone)) };
  recent.set(key, set);
  if (recent.size > 200) recent.delete(recent.keys().next().value!);
  return set;
}

/** 1-based index of the bucket holding `column` (0 before the first bucket). */
export function bucketIndex(column: Prisma.Sql, set: BucketSet): Prisma.Sql {
  const literal = `{${set.starts.map((d) => d.toISOString()).join(",")}}`;
  return Prisma.sql`width_bucket(${column}, ${literal}::timestamptz[])`;
}

/** One point per bucket, zeros (or `empty`) where SQL returned no row. */
export function fillBuckets<R extends { b: number }, T>(set: BucketSet, rows: R[], point: (date: string, row: R | undefined) => T): T[] {
  const byIndex = new Map(rows.map((r) => [Number(r.b), r]));
  return set.labels.map((date, i) => point(date, byIndex.get(i + 1)));
}

/** Index of the bucket holding `at` (bucket starts ascending, in ms), or -1 before the first: binary search. */
export function bucketOf(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
