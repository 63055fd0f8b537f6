// The API panel: per route template and method, requests, p50/p95/p99 from
// the merged histograms, 4xx/5xx rates and a trend; and one route's
// drill-down (its latency histogram and trend). Whole hours inside the window
// come from request_metrics_hourly, the partial hours at its edges from the
// per-minute rows, so every request in [from, to) is counted exactly once.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { addCsvInto, addInto, bucketRange, emptyHist, ERROR_BOUND_TEXT, percentile, RELATIVE_ERROR, type Hist } from "./histogram";

type Row = { t: Date; route: string; method: string; status_class: number; buckets: string; count: number; sum_ms: number; max_ms: number };

const HOUR = 3_600_000;

/** The rows of [from, to): hourly rows for whole hours, minute rows for the rest. */
export async function metricRows(db: Db, from: Date, to: Date, filter?: { route?: string; method?: string }): Promise<Row[]> {
  const h0 = new Date(Math.ceil(from.getTime() / HOUR) * HOUR);
  const h1 = new Date(Math.floor(to.getTime() / HOUR) * HOUR);
  const where = (table: "m" | "h") => {
    const parts: Prisma.Sql[] = [];
    if (filter?.route) parts.push(Prisma.sql`AND ${Prisma.raw(table)}.route = ${filter.route}`);
    if (filter?.method) parts.push(Prisma.sql`AND ${Prisma.raw(table)}.method = ${filter.method}`);
    return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
  };
  const cols = (t: string) => Prisma.raw(`${t}, route, method, status_class::int AS status_class, array_to_string(buckets, ',') AS buckets, count, sum_ms, max_ms`);
  if (h0 >= h1) {
    return db.$queryRaw<Row[]>(Prisma.sql`SELECT ${cols("minute AS t")} FROM request_metrics m WHERE minute >= ${from} AND minute < ${to} ${where("m")}`);
  }
  return db.$queryRaw<Row[]>(Prisma.sql`
    SELECT ${cols("hour AS t")} FROM request_metrics_hourly h WHERE hour >= ${h0} AND hour < ${h1} ${where("h")}
    UNION ALL
    SELECT ${cols("minute AS t")} FROM request_metrics m
    WHERE ((minute >= ${from} AND minute < ${h0}) OR (minute >= ${h1} AND minute < ${to})) ${where("m")}`);
}

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

function accumulate(rows: Row[], from: Date, pointMs: number) {
  const byRoute = new Map<string, Acc>();
  for (const row of rows) {
    const key = `${row.method} ${row.route}`;
    let a = byRoute.get(key);
    if (!a) byRoute.set(key, (a = { hist: emptyHist(), c4: 0, c5: 0, points: new Map() }));
    if (row.status_class === 4) a.c4 += row.count;
    if (row.status_class === 5) a.c5 += row.count;
    const p = Math.floor((row.t.getTime() - from.getTime()) / pointMs);
    let pt = a.points.get(p);
    if (!pt) a.points.set(p, (pt = { hist: emptyHist(), c5: 0 }));
    addCsvInto(row.buckets, row.count, row.sum_ms, row.max_ms, a.hist, pt.hist);
    if (row.status_class === 5) pt.c5 += row.count;
  }
  return byRoute;
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 100 : null);

function seriesOf(a: Acc, from: Date, to: Date, pointMs: number) {
  const n = Math.ceil((to.getTime() - from.getTime()) / pointMs);
  return Array.from({ length: n }, (_, i) => {
    const pt = a.points.get(i);
    return {
      t: new Date(from.getTime() + i * pointMs).toISOString(),
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
  const rows = await metricRows(db, from, to);
  const byRoute = accumulate(rows, from, pointMs);
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
      series: seriesOf(a, from, to, pointMs).map((p) => ({ t: p.t, requests: p.requests, p95_ms: p.p95_ms })),
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
  const rows = await metricRows(db, from, to, { route, method });
  const a = accumulate(rows, from, pointMs).get(`${method} ${route}`);
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
    series: seriesOf(a, from, to, pointMs).map((p) => {
      const pt = a.points.get(Math.floor((Date.parse(p.t) - from.getTime()) / pointMs));
      const l = pt ? latencyOf(pt.hist) : null;
      return { ...p, p50_ms: l?.p50_ms ?? null, p99_ms: l?.p99_ms ?? null };
    }),
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
