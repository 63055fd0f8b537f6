// Percentiles from the merged histograms are within the stated bound of the
// exact percentiles (nearest rank) of the recorded durations: a property test
// over random durations, from several distributions, merged from several
// "instances" and minutes.
import { describe, expect, it } from "vitest";
import { addCsvInto, addInto, BOUNDS_MS, bucketOf, BUCKETS, emptyHist, FIRST_BOUND_MS, percentile, RELATIVE_ERROR, type Hist } from "@/lib/health/histogram";
import { routeTemplate } from "@/lib/health/route-template";

function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function histOf(values: number[]): Hist {
  const h = emptyHist();
  for (const v of values) {
    h.buckets[bucketOf(v)]++;
    h.count++;
    h.sumMs += v;
    h.maxMs = Math.max(h.maxMs, v);
  }
  return h;
}

/** The exact q-quantile by nearest rank: the ⌈q·n⌉-th smallest value. */
const exact = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];

describe("latency histogram", () => {
  it("puts every duration in the bucket whose bounds hold it", { timeout: 30_000 }, () => {
    const r = rng(1);
    const wrong: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const v = Math.exp(r() * 30 - 10);
      const k = bucketOf(v);
      const lo = k === 0 ? 0 : BOUNDS_MS[k - 1];
      const hi = k < BOUNDS_MS.length ? BOUNDS_MS[k] : Infinity;
      if (!(v >= lo && v < hi)) wrong.push(v);
    }
    expect(wrong).toEqual([]);
    expect(BUCKETS).toBe(BOUNDS_MS.length + 1);
    expect(bucketOf(FIRST_BOUND_MS)).toBe(1);
  });

  it("reports percentiles within the stated relative error of the exact ones (property test)", { timeout: 60_000 }, () => {
    const r = rng(42);
    const gens: [string, () => number][] = [
      ["log-uniform 0.05 ms – 100 s", () => Math.exp(Math.log(0.05) + r() * (Math.log(100_000) - Math.log(0.05)))],
      ["typical API (lognormal around 20 ms)", () => Math.exp(Math.log(20) + 0.8 * Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r()))],
      ["bimodal cache hit / miss", () => (r() < 0.9 ? 1 + r() * 2 : 200 + r() * 800)],
      ["ties on a few values", () => [3, 3, 17, 17, 17, 250][Math.floor(r() * 6)]],
    ];
    let checked = 0;
    const failures: { q: number; want: number; got: number }[] = [];
    for (const [, gen] of gens) {
      for (let trial = 0; trial < 60; trial++) {
        const n = 1 + Math.floor(r() * 3000);
        const values = Array.from({ length: n }, gen);
        // split across 3 "instances" and several minutes, then merged: merging must not matter
        const parts = [[], [], []] as number[][];
        values.forEach((v) => parts[Math.floor(r() * 3)].push(v));
        const merged = parts.map(histOf).reduce((a, h) => addInto(a, h), emptyHist());
        expect(merged.count).toBe(n);
        const sorted = [...values].sort((a, b) => a - b);
        for (const q of [0.5, 0.9, 0.95, 0.99, 0.999, r()]) {
          if (q <= 0) continue;
          const want = exact(sorted, q);
          const got = percentile(merged, q)!;
          const ok = want >= BOUNDS_MS[BOUNDS_MS.length - 1] ? got <= merged.maxMs // beyond the last bound: only capped
            : want < FIRST_BOUND_MS ? Math.abs(got - want) <= FIRST_BOUND_MS / 2 + 1e-12
            : Math.abs(got - want) / want <= RELATIVE_ERROR + 1e-12;
          if (!ok) failures.push({ q, want, got });
          checked++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    expect(RELATIVE_ERROR).toBeCloseTo(0.0905, 3);
  });

  it("reads stored rows (bucket counts as text, trailing zeros left out) into the same histogram", () => {
    const r = rng(9);
    const h = histOf(Array.from({ length: 500 }, () => Math.exp(r() * 10 - 2)));
    let end = BUCKETS;
    while (end > 1 && h.buckets[end - 1] === 0) end--;
    const read = emptyHist();
    addCsvInto(Array.from(h.buckets.subarray(0, end)).join(","), h.count, h.sumMs, h.maxMs, read, read === h ? h : emptyHist());
    expect(Array.from(read.buckets)).toEqual(Array.from(h.buckets));
    expect([read.count, read.sumMs, read.maxMs]).toEqual([h.count, h.sumMs, h.maxMs]);
  });

  it("has no percentile without samples", () => {
    expect(percentile(emptyHist(), 0.95)).toBeNull();
  });
});

describe("route templates", () => {
  it("name the route, never the raw path", () => {
    expect(routeTemplate("/api/v1/admin/alerts/4f0c7a2e-1b7e-4a43-9f7c-0d5d1c0b9a11", { id: "4f0c7a2e-1b7e-4a43-9f7c-0d5d1c0b9a11" })).toBe("/api/v1/admin/alerts/[id]");
    expect(routeTemplate("/api/v1/admin/jobs/purge-auth-data/run", { name: "purge-auth-data" })).toBe("/api/v1/admin/jobs/[name]/run");
    expect(routeTemplate("/api/v1/admin/analytics/creator-levels/abc/creators", { levelId: "abc" })).toBe("/api/v1/admin/analytics/creator-levels/[levelId]/creators");
    expect(routeTemplate("/api/v1/me", undefined)).toBe("/api/v1/me");
    expect(routeTemplate("/api/v1/files/a%20b", { key: "a b" })).toBe("/api/v1/files/[key]");
    expect(routeTemplate("/docs/x/y/z", { slug: ["x", "y", "z"] })).toBe("/docs/[...slug]");
    // a param equal to a static segment: the last occurrence is the param
    expect(routeTemplate("/api/v1/tokens/tokens", { id: "tokens" })).toBe("/api/v1/tokens/[id]");
  });
});
