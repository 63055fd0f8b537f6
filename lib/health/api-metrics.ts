// The API panel: per route template and method, requests, p50/p95/p99 from
// the merged histograms, 4xx/5xx rates and a trend; and one route's
// drill-down (its latency histogram and trend). Each part of the window comes
// from the coarsest table whose periods lie wholly inside it and are no wider
// than a chart point (6-hour blocks, hours, minutes), so every request in
// [from, to) is counted exactly once and lands in the right point.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { addCsvInto, addInto, bucketRange, emptyHist, ERROR_BOUND_TEXT, percentile, RELATIVE_ERROR, type Hist } from "./histogram";

type Row = { t: Date; route: string; method: string; status_class: number; buckets: string; count: number; sum_ms: number; max_ms: number };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const TIERS = [
  { ms: 6 * HOUR, table: "request_metrics_6h", col: "block" },
  { ms: HOUR, table: "request_metrics_hourly", col: "hour" },
  { ms: MINUTE, table: "request_metrics", col: "minute" },
] as const;
type Tier = (typeof TIERS)[number];
type Part = { tier: Tier; lo: number; hi: number };

/** [lo, hi) as whole periods of the coarsest tier that fits, the edges recursively from the finer ones. */
function partsOf(lo: number, hi: number, tiers: readonly Tier[]): Part[] {
  if (lo >= hi) return [];
  for (const [k, tier] of tiers.entries()) {
    const a = Math.ceil(lo / tier.ms) * tier.ms;
    const b = Math.floor(hi / tier.ms) * tier.ms;
    if (a < b) return [...partsOf(lo, a, tiers.slice(k + 1)), { tier, lo: a, hi: b }, ...partsOf(b, hi, tiers.slice(k + 1))];
  }
  return []; // less than a minute: no rows (windows are whole minutes)
}

/**
 * The rows of [from, to) (whole minutes), each row's `t` the start of its
 * period. `grain`: the widest period allowed (a chart point's width), so no
 * row spans two points.
 */
export async function metricRows(db: Db, from: Date, to: Date, filter?: { route?: string; method?: string }, grain = 6 * HOUR): Promise<Row[]> {
  const where = () => {
    const parts: Prisma.Sql[] = [];
    if (filter?.route) parts.push(Prisma.sql`AND route = ${filter.route}`);
    if (filter?.method) parts.push(Prisma.sql`AND method = ${filter.method}`);
    return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
  };
  const parts = partsOf(from.getTime(), to.getTime(), TIERS.filter((t) => t.ms <= grain || t.ms === MINUTE));
  if (!parts.length) return [];
  const selects = parts.map(({ tier, lo, hi }) => Prisma.sql`
    SELECT ${Prisma.raw(`${tier.col} AS t, route, method, status_class::int AS status_class, array_to_string(buckets, ',') AS buckets, count, sum_ms, max_ms`)}
    FROM ${Prisma.raw(tier.table)} WHERE ${Prisma.raw(tier.col)} >= ${new Date(lo)} AND ${Prisma.raw(tier.col)} < ${new Date(hi)} ${where()}`);
  return db.$queryRaw<Row[]>(Prisma.join(selects, " UNION ALL "));
}

/** A chart's first point starts at a whole multiple of its width (UTC), so stored hours and blocks fall inside one point. */
export const seriesOrigin = (from: Date, pointMs: number) => Math.floor(from.getTime() / pointMs) * pointMs;

export type Latency = { p50_ms: number | null; p95_ms: number | null; p99_ms: number | null; samples: number; mean_ms: number | null; max_ms: number | null };

export function latencyOf(h: Hist): Latency {
  const r = (v: number | null) => (v == null ? null : Math.round(v * 100) / 100);
  return {
    p50_ms: r(percentile(h, 0.5)),
    p95_ms: r(percentile(h, 0.95)),
    p99_ms: r(percentile(h, 0.99)),
    samples: h.count,
    mean_ms: h.count ? r(h.sumMs / h.count) : null,
    max_ms: h.count ? r(h.maxMs) : null,
  };
}

type Acc = { hist: Hist; c4: number; c5: number; points: Map<number, { hist: Hist; c5: number }> };

function accumulate(rows: Row[], origin: number, pointMs: number) {
  const byRoute = new Map<string, Acc>();
  for (const row of rows) {
    const key = `${row.method} ${row.route}`;
    let a = byRoute.get(key);
    if (!a) byRoute.set(key, (a = { hist: emptyHist(), c4: 0, c5: 0, points: new Map() }));
    if (row.status_class === 4) a.c4 += row.count;
    if (row.status_class === 5) a.c5 += row.count;
    const p = Math.floor((row.t.getTime() - origin) / pointMs);
    let pt = a.points.get(p);
    if (!pt) a.points.set(p, (pt = { hist: emptyHist(), c5: 0 }));
    addCsvInto(row.buckets, row.count, row.sum_ms, row.max_ms, a.hist, pt.hist);
    if (row.status_class === 5) pt.c5 += row.count;
  }
  return byRoute;
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 100 : null);

function seriesOf(a: Acc, origin: number, to: Date, pointMs: number) {
  const n = Math.ceil((to.getTime() - origin) / pointMs);
  return Array.from({ length: n }, (_, i) => {
    const pt = a.points.get(i);
    return {
      t: new Date(origin + i * pointMs).toISOString(),
      requests: pt?.hist.count ?? 0,
      p95_ms: pt ? latencyOf(pt.hist).p95_ms : null,
      error_rate_5xx: pt ? rate(pt.c5, pt.hist.count) : null,
    };
  });
}

export const LATENCY_NOTE = {
  relative_error: Math.round(RELATIVE_ERROR * 1000) / 1000,
  text: `percentiles from merged log-spaced histograms: within ${ERROR_BOUND_TEXT} of the exact value (±0.25 ms below 0.5 ms)`,
};

export async function apiPanel(db: Db, from: Date, to: Date, pointMs: number) {
  const origin = seriesOrigin(from, pointMs);
  const rows = await metricRows(db, from, to, undefined, pointMs);
  const byRoute = accumulate(rows, origin, pointMs);
  const total = emptyHist();
  let c4 = 0, c5 = 0;
  const routes = [...byRoute.entries()].map(([key, a]) => {
    addInto(total, a.hist);
    c4 += a.c4;
    c5 += a.c5;
    const [method, route] = [key.slice(0, key.indexOf(" ")), key.slice(key.indexOf(" ") + 1)];
    return {
      route, method, requests: a.hist.count, ...latencyOf(a.hist),
      errors_4xx: a.c4, errors_5xx: a.c5, rate_4xx: rate(a.c4, a.hist.count), rate_5xx: rate(a.c5, a.hist.count),
      series: seriesOf(a, origin, to, pointMs).map((p) => ({ t: p.t, requests: p.requests, p95_ms: p.p95_ms })),
    };
  });
  routes.sort((x, y) => (y.p95_ms ?? -1) - (x.p95_ms ?? -1) || y.requests - x.requests);
  return {
    totals: { requests: total.count, ...latencyOf(total), errors_4xx: c4, errors_5xx: c5, rate_4xx: rate(c4, total.count), rate_5xx: rate(c5, total.count) },
    routes,
    slowest: routes.filter((r) => r.p95_ms != null).slice(0, 5).map((r) => ({ route: r.route, method: r.method, p95_ms: r.p95_ms, samples: r.samples })),
    most_failing: [...routes].filter((r) => r.errors_5xx > 0).sort((x, y) => (y.rate_5xx ?? 0) - (x.rate_5xx ?? 0) || y.errors_5xx - x.errors_5xx).slice(0, 5)
      .map((r) => ({ route: r.route, method: r.method, rate_5xx: r.rate_5xx, errors_5xx: r.errors_5xx, requests: r.requests })),
  };
}

/** One route's drill-down: its histogram (non-empty buckets with their bounds), status classes and trend. */
export async function routeDetail(db: Db, from: Date, to: Date, pointMs: number, route: string, method: string) {
  const origin = seriesOrigin(from, pointMs);
  const rows = await metricRows(db, from, to, { route, method }, pointMs);
  const a = accumulate(rows, origin, pointMs).get(`${method} ${route}`);
  if (!a) return { route, method, requests: 0, ...latencyOf(emptyHist()), histogram: [], status_classes: {}, series: [] };
  const classes: Record<string, number> = {};
  for (const r of rows) classes[`${r.status_class}xx`] = (classes[`${r.status_class}xx`] ?? 0) + r.count;
  return {
    route, method, requests: a.hist.count, ...latencyOf(a.hist),
    histogram: Array.from(a.hist.buckets).flatMap((count, k) => {
      if (!count) return [];
      const [lo, hi] = bucketRange(k);
      return [{ from_ms: round3(lo), to_ms: Number.isFinite(hi) ? round3(hi) : null, count }];
    }),
    status_classes: classes,
    series: seriesOf(a, origin, to, pointMs).map((p) => {
      const pt = a.points.get(Math.floor((Date.parse(p.t) - origin) / pointMs));
      const l = pt ? latencyOf(pt.hist) : null;
      return { ...p, p50_ms: l?.p50_ms ?? null, p99_ms: l?.p99_ms ?? null };
    }),
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
