// Fixed log-spaced latency buckets shared by every instance, so histograms of
// any minutes, routes and instances add up bucket by bucket, and percentiles
// come from the merged counts (never averaged percentiles).
//
// Bounds: 0.5 ms × 2^(k/4), k = 0..76 (0.5 ms … 262 s). Bucket 0 is
// [0, 0.5 ms), bucket k is [bound(k-1), bound(k)), the last is ≥ 262 s.
// A percentile is reported as the geometric middle of its bucket (capped by
// the largest duration seen), so for durations from 0.5 ms to 262 s it is
// within ±RELATIVE_ERROR of the exact value; below 0.5 ms within ±0.25 ms.

export const RATIO = 2 ** (1 / 4);
export const FIRST_BOUND_MS = 0.5;
export const BOUNDS_MS: readonly number[] = Array.from({ length: 77 }, (_, k) => FIRST_BOUND_MS * 2 ** (k / 4));
export const BUCKETS = BOUNDS_MS.length + 1;
/** Largest relative error of a reported percentile: √ratio − 1 ≈ 9.1%. */
export const RELATIVE_ERROR = Math.sqrt(RATIO) - 1;
export const ERROR_BOUND_TEXT = `±${(RELATIVE_ERROR * 100).toFixed(1)}%`;

/** The bucket a duration falls in (binary search over the bounds: the same answer as the bounds, no float drift). */
export function bucketOf(ms: number): number {
  let lo = 0;
  let hi = BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms < BOUNDS_MS[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function bucketRange(k: number): [number, number] {
  return [k === 0 ? 0 : BOUNDS_MS[k - 1], k < BOUNDS_MS.length ? BOUNDS_MS[k] : Infinity];
}

function bucketMiddle(k: number): number {
  if (k === 0) return FIRST_BOUND_MS / 2;
  if (k >= BOUNDS_MS.length) return BOUNDS_MS[BOUNDS_MS.length - 1] * Math.sqrt(RATIO);
  return Math.sqrt(BOUNDS_MS[k - 1] * BOUNDS_MS[k]);
}

export type Hist = { buckets: Float64Array; count: number; sumMs: number; maxMs: number };

export const emptyHist = (): Hist => ({ buckets: new Float64Array(BUCKETS), count: 0, sumMs: 0, maxMs: 0 });

/**
 * Adds a stored row's buckets, as text ("0,3,12,5", trailing zeros left
 * out), into each histogram given, without building an array per row.
 */
export function addCsvInto(csv: string, count: number, sumMs: number, maxMs: number, ...into: Hist[]) {
  let k = 0;
  let n = 0;
  for (let i = 0; i <= csv.length; i++) {
    const c = i < csv.length ? csv.charCodeAt(i) : 44;
    if (c === 44) {
      if (n !== 0 && k < BUCKETS) for (const h of into) h.buckets[k] += n;
      k++;
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  for (const h of into) {
    h.count += count;
    h.sumMs += sumMs;
    if (maxMs > h.maxMs) h.maxMs = maxMs;
  }
}

export function addInto(into: Hist, h: { buckets: ArrayLike<number>; count: number; sumMs: number; maxMs: number }) {
  for (let i = 0; i < BUCKETS; i++) into.buckets[i] += h.buckets[i] ?? 0;
  into.count += h.count;
  into.sumMs += h.sumMs;
  if (h.maxMs > into.maxMs) into.maxMs = h.maxMs;
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) by nearest rank: the bucket holding the
 * ⌈q·n⌉-th smallest duration, reported as its geometric middle (≤ max seen).
 */
export function percentile(h: { buckets: ArrayLike<number>; count: number; maxMs: number }, q: number): number | null {
  if (h.count <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * h.count));
  let seen = 0;
  for (let k = 0; k < BUCKETS; k++) {
    seen += h.buckets[k];
    if (seen >= rank) return Math.min(bucketMiddle(k), h.maxMs);
  }
  return h.maxMs;
}
