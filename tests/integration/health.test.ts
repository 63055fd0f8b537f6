// System health against real PostgreSQL: request histograms from two
// recorders ("instances") add up, the dashboard's counts and percentiles
// match the recorded durations, queues count what is there, the database
// panel reads pg_stat_statements, and readiness.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { apiPanel, routeDetail } from "@/lib/health/api-metrics";
import { databasePanel } from "@/lib/health/database";
import { percentile, RELATIVE_ERROR, emptyHist, bucketOf, FIRST_BOUND_MS } from "@/lib/health/histogram";
import { healthOverview } from "@/lib/health/overview";
import { readiness } from "@/lib/health/probes";
import { queueStats } from "@/lib/health/queues";
import { Recorder } from "@/lib/health/recorder";
import { purgeRequestMetrics } from "@/lib/health/retention";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 4);
});
afterAll(async () => {
  await db.$disconnect();
  await tdb.drop();
});

const T0 = Date.parse("2026-11-20T09:40:00Z"); // spans the 10:00 hour boundary below
const exactPercentile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1];
};
const withinBound = (got: number | null, want: number) =>
  want < FIRST_BOUND_MS ? Math.abs(got! - want) <= FIRST_BOUND_MS / 2 : Math.abs(got! - want) / want <= RELATIVE_ERROR + 1e-9;

type Req = { route: string; method: string; status: number; ms: number; at: number };

describe("request recording", () => {
  const reqs: Req[] = [];
  beforeAll(async () => {
    // Two instances record into the same minutes; each flushes twice (rows are added into, not replaced).
    const a = new Recorder(async () => db);
    const b = new Recorder(async () => db);
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const routes = [["/api/v1/admin/alerts/[id]", "GET"], ["/api/v1/me", "GET"], ["/admin/health", "GET"], ["/api/v1/admin/alerts", "POST"]];
    for (let i = 0; i < 3000; i++) {
      const [route, method] = routes[Math.floor(rnd() * routes.length)];
      const status = rnd() < 0.05 ? 500 : rnd() < 0.1 ? 404 : 200;
      const r: Req = { route, method, status, ms: Math.exp(rnd() * 8 - 2), at: T0 + Math.floor(rnd() * 45 * 60_000) };
      reqs.push(r);
      (i % 2 ? a : b).record(r.route, r.method, r.status, r.ms, r.at);
      if (i === 1500) await Promise.all([a.flush(), b.flush()]);
    }
    await Promise.all([a.flush(), b.flush()]);
    expect(a.pending() + b.pending()).toBe(0);
  });

  it("stores one row per minute × route × method × status class, adding both instances", async () => {
    const [{ n, rows }] = await tdb.pool.query(`SELECT sum(count)::int AS n, count(*)::int AS rows FROM request_metrics`).then((r) => r.rows);
    expect(n).toBe(reqs.length);
    const keys = new Set(reqs.map((r) => `${Math.floor(r.at / 60_000)}|${r.route}|${r.method}|${Math.floor(r.status / 100)}`));
    expect(rows).toBe(keys.size);
    // every row's buckets add up to its count, and the hourly table holds the same requests
    const bad = await tdb.pool.query(`SELECT 1 FROM request_metrics WHERE (SELECT sum(x) FROM unnest(buckets) x) <> count`);
    expect(bad.rowCount).toBe(0);
    // stored up to the last non-empty bucket
    expect((await tdb.pool.query(`SELECT 1 FROM request_metrics WHERE buckets[array_length(buckets, 1)] = 0`)).rowCount).toBe(0);
    const hourly = await tdb.pool.query(`SELECT hour, sum(count)::int AS n FROM request_metrics_hourly GROUP BY hour ORDER BY hour`);
    const byHour = new Map<number, number>();
    for (const r of reqs) byHour.set(Math.floor(r.at / 3_600_000) * 3_600_000, (byHour.get(Math.floor(r.at / 3_600_000) * 3_600_000) ?? 0) + 1);
    expect(hourly.rows.map((r) => [r.hour.getTime(), r.n])).toEqual([...byHour.entries()].sort((x, y) => x[0] - y[0]));
  });

  it("counts, error rates and percentiles per route match the requests, over a window not aligned to hours", async () => {
    const from = new Date(T0 + 7 * 60_000); // 09:47
    const to = new Date(T0 + 41 * 60_000); // 10:21: minutes 09:47–10:00, hour rows none whole, minutes 10:00–10:21
    for (const [f, t] of [[from, to], [new Date(T0 - 3_600_000), new Date(T0 + 2 * 3_600_000)]] as const) {
      const panel = await apiPanel(db, f, t, 60_000);
      const inWin = reqs.filter((r) => r.at >= f.getTime() && r.at < t.getTime());
      expect(panel.totals.requests).toBe(inWin.length);
      for (const row of panel.routes) {
        const mine = inWin.filter((r) => r.route === row.route && r.method === row.method);
        expect(row.requests).toBe(mine.length);
        expect(row.errors_5xx).toBe(mine.filter((r) => r.status >= 500).length);
        expect(row.errors_4xx).toBe(mine.filter((r) => r.status >= 400 && r.status < 500).length);
        for (const [q, key] of [[0.5, "p50_ms"], [0.95, "p95_ms"], [0.99, "p99_ms"]] as const) {
          // rounded to 0.01 ms for display: allow that on top of the bound
          const want = exactPercentile(mine.map((r) => r.ms), q);
          expect(withinBound(row[key], want) || Math.abs(row[key]! - want) <= 0.01 + RELATIVE_ERROR * want).toBe(true);
        }
        expect(row.samples).toBe(mine.length);
      }
    }
  });

  it("the whole-hours path (hourly rows) gives the same as the minutes", async () => {
    const from = new Date(Date.parse("2026-11-20T09:00:00Z"));
    const to = new Date(Date.parse("2026-11-20T11:00:00Z"));
    const viaHours = await apiPanel(db, from, to, 3_600_000);
    const viaMinutes = await apiPanel(db, new Date(from.getTime() + 1), to, 3_600_000); // not aligned: minutes at the edge
    expect(viaHours.totals.requests).toBe(reqs.length);
    expect(viaMinutes.totals).toEqual(viaHours.totals);
  });

  it("a route's drill-down: histogram buckets hold its requests", async () => {
    const d = await routeDetail(db, new Date(T0), new Date(T0 + 3_600_000), 300_000, "/api/v1/me", "GET");
    const mine = reqs.filter((r) => r.route === "/api/v1/me" && r.method === "GET");
    expect(d.requests).toBe(mine.length);
    expect(d.histogram.reduce((s, b) => s + b.count, 0)).toBe(mine.length);
    const h = emptyHist();
    mine.forEach((r) => h.buckets[bucketOf(r.ms)]++);
    expect(d.histogram.map((b) => b.count)).toEqual(Array.from(h.buckets).filter((c) => c > 0));
    expect(d.series).toHaveLength(12);
    expect(d.series.reduce((s, p) => s + p.requests, 0)).toBe(mine.length);
    void percentile;
  });

  it("retention removes minutes older than 8 days and keeps the rest", async () => {
    const r = await purgeRequestMetrics(db, new Date(T0 + 7 * 86_400_000));
    expect(r.minutes_deleted).toBe(0);
    const gone = await purgeRequestMetrics(db, new Date(T0 + 9 * 86_400_000));
    expect(gone.minutes_deleted).toBeGreaterThan(0);
    expect((await tdb.pool.query(`SELECT count(*)::int AS n FROM request_metrics_hourly`)).rows[0].n).toBeGreaterThan(0);
  });
});

describe("queues", () => {
  it("count pending, processing, oldest waiting, finished and failed per queue", async () => {
    const now = new Date("2026-11-20T12:00:00Z");
    await tdb.pool.query(`
      INSERT INTO job_runs (job, driver, trigger, status, started_at, finished_at) VALUES
        ('a', 'in-process', 'manual', 'running',   '2026-11-20T11:50:00Z', NULL),
        ('a', 'in-process', 'manual', 'completed', '2026-11-20T11:10:00Z', '2026-11-20T11:11:00Z'),
        ('a', 'in-process', 'manual', 'failed',    '2026-11-20T11:20:00Z', '2026-11-20T11:21:00Z'),
        ('a', 'in-process', 'manual', 'completed', '2026-11-20T09:00:00Z', '2026-11-20T09:01:00Z')`);
    await tdb.pool.query(`
      INSERT INTO report_runs (status, created_at, started_at, completed_at) VALUES
        ('pending', '2026-11-20T11:55:00Z', NULL, NULL),
        ('pending', '2026-11-20T11:58:00Z', NULL, NULL),
        ('processing', '2026-11-20T11:40:00Z', '2026-11-20T11:41:00Z', NULL),
        ('completed', '2026-11-20T11:00:00Z', '2026-11-20T11:01:00Z', '2026-11-20T11:05:00Z'),
        ('failed', '2026-11-20T11:00:00Z', '2026-11-20T11:01:00Z', '2026-11-20T11:30:00Z')`);
    const q = await queueStats(db, new Date(now.getTime() - 3_600_000), now, now);
    const jobs = q.find((x) => x.name === "jobs")!;
    expect(jobs).toMatchObject({ available: true, pending: 0, processing: 1, oldest_wait_s: 600, finished: 2, failed: 1 });
    expect(jobs.finished_per_minute).toBeCloseTo(2 / 60, 3);
    const reports = q.find((x) => x.name === "report_runs")!;
    expect(reports).toMatchObject({ available: true, pending: 2, processing: 1, oldest_wait_s: 300, finished: 2, failed: 1 });
    const hasKind = (await tdb.pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'report_runs' AND column_name = 'kind'`)).rowCount;
    if (!hasKind) expect(q.find((x) => x.name === "exports")!.available).toBe(false);
  });

  it("count the event forwarding queue and scheduled report deliveries", async () => {
    const now = new Date("2026-11-20T12:00:00Z");
    await tdb.pool.query(`
      INSERT INTO event_forward_queue (provider, event_id, created_at, enqueued_at) VALUES
        ('mixpanel', gen_random_uuid(), '2026-11-20T11:00:00Z', '2026-11-20T11:30:00Z'),
        ('amplitude', gen_random_uuid(), '2026-11-20T11:00:00Z', '2026-11-20T11:45:00Z')`);
    await tdb.pool.query(`
      INSERT INTO event_forward_log (provider, status, events, bytes, attempt, created_at) VALUES
        ('mixpanel', 'sent', 10, 100, 1, '2026-11-20T11:10:00Z'),
        ('mixpanel', 'failed', 10, 100, 1, '2026-11-20T11:20:00Z'),
        ('mixpanel', 'sent', 10, 100, 1, '2026-11-20T09:00:00Z')`);
    const [{ id: report }] = (await tdb.pool.query(`INSERT INTO saved_reports (name, report_type, config) VALUES ('r', 'custom', '{}') RETURNING id`)).rows;
    await tdb.pool.query(`
      INSERT INTO report_schedule_slots (report_id, scheduled_for, status, finished_at) VALUES
        ($1, '2026-11-20T11:50:00Z', 'pending', NULL),
        ($1, '2026-11-20T11:55:00Z', 'running', NULL),
        ($1, '2026-11-20T11:00:00Z', 'sent', '2026-11-20T11:01:00Z'),
        ($1, '2026-11-20T11:15:00Z', 'failed', '2026-11-20T11:16:00Z')`, [report]);
    const q = await queueStats(db, new Date(now.getTime() - 3_600_000), now, now);
    expect(q.find((x) => x.name === "event_forwarding")).toMatchObject({ available: true, pending: 2, processing: 0, oldest_wait_s: 1800, finished: 1, failed: 1 });
    expect(q.find((x) => x.name === "scheduled_deliveries")).toMatchObject({ available: true, pending: 1, processing: 1, oldest_wait_s: 600, finished: 2, failed: 1 });
  });
});

describe("database, overview and readiness", () => {
  it("reads pg_stat_statements on the test server (preloaded like the embedded one)", async () => {
    await tdb.pool.query(`SELECT count(*) FROM request_metrics`);
    const d = await databasePanel(db);
    expect(d.statements.available).toBe(true);
    expect(d.statements.slowest.length).toBeGreaterThan(0);
    expect(d.connections.in_use).toBeGreaterThan(0);
    expect(d.connections.max).toBe(100);
    const [{ size }] = (await tdb.pool.query(`SELECT pg_database_size(current_database())::float8 AS size`)).rows;
    expect(Math.abs(d.size_bytes - size) / size).toBeLessThan(0.05);
  });

  it("the overview answers for each window with every panel", async () => {
    for (const window of ["1h", "24h", "7d"] as const) {
      const o = await healthOverview(db, { window }, new Date(T0 + 50 * 60_000));
      expect(o.window).toBe(window);
      expect(o.external.every((s) => s.status === "not_configured")).toBe(true);
      expect(o.queues.map((q) => q.name)).toEqual(["report_runs", "exports", "jobs", "event_forwarding", "scheduled_deliveries", "webhooks"]);
      expect(o.storage.database_bytes).toBeGreaterThan(0);
    }
    // (the per-minute rows were purged above; whole hours come from the hourly rows)
    const o = await healthOverview(db, { window: "24h" }, new Date(T0 + 90 * 60_000));
    expect(o.api.totals.requests).toBe((await tdb.pool.query(`SELECT sum(count)::int AS n FROM request_metrics_hourly WHERE hour >= '2026-11-19T12:00:00Z' AND hour < '2026-11-20T11:00:00Z'`)).rows[0].n);
  });

  it("is ready when the database answers and every migration is applied", async () => {
    process.env.DISABLE_IN_PROCESS_JOBS = "1";
    try {
      const r = await readiness(db);
      expect(r.checks.database.ok).toBe(true);
      expect(r.checks.migrations).toMatchObject({ ok: true });
      expect(r.ready).toBe(true);
    } finally {
      delete process.env.DISABLE_IN_PROCESS_JOBS;
    }
  });
});

describe("the 7-day window's 6-hour blocks", () => {
  // 2,000 requests from 2026-11-24 20:13 to 2026-11-26 03:47 UTC: several 6-hour blocks, hours and minutes at both edges
  const S = Date.parse("2026-11-24T20:13:00Z");
  const E = Date.parse("2026-11-26T03:47:00Z");
  const reqs: { at: number; ms: number }[] = [];
  beforeAll(async () => {
    const rec = new Recorder(async () => db);
    let seed = 11;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) {
      const r = { at: S + Math.floor(rnd() * (E - S)), ms: Math.exp(rnd() * 6 - 1) };
      reqs.push(r);
      rec.record("/api/v1/blocks-test", "GET", 200, r.ms, r.at);
    }
    await rec.flush();
  });
  const mineIn = (lo: number, hi: number) => reqs.filter((r) => r.at >= lo && r.at < hi);

  it("stores each block's requests once, buckets adding up to the count", async () => {
    const { rows } = await tdb.pool.query(`SELECT block, count, (SELECT sum(x) FROM unnest(buckets) x)::int AS b FROM request_metrics_6h WHERE route = '/api/v1/blocks-test' ORDER BY block`);
    const want = new Map<number, number>();
    for (const r of reqs) want.set(Math.floor(r.at / 21_600_000) * 21_600_000, (want.get(Math.floor(r.at / 21_600_000) * 21_600_000) ?? 0) + 1);
    expect(rows.map((r) => [r.block.getTime(), r.count])).toEqual([...want.entries()].sort((x, y) => x[0] - y[0]));
    expect(rows.every((r) => r.b === r.count)).toBe(true);
  });

  it("6-hour points: blocks, hours and minutes give each point exactly its requests, and the same totals as minutes alone", async () => {
    const from = Date.parse("2026-11-24T21:07:00Z");
    const to = Date.parse("2026-11-26T02:53:00Z");
    const six = await apiPanel(db, new Date(from), new Date(to), 21_600_000);
    const route = six.routes.find((r) => r.route === "/api/v1/blocks-test")!;
    expect(route.requests).toBe(mineIn(from, to).length);
    // points start at whole 6-hour marks (UTC); the first and last are cut by the window
    const origin = Date.parse("2026-11-24T18:00:00Z");
    expect(route.series[0].t).toBe(new Date(origin).toISOString());
    expect(route.series.map((p) => p.requests)).toEqual(
      route.series.map((_, i) => mineIn(Math.max(from, origin + i * 21_600_000), Math.min(to, origin + (i + 1) * 21_600_000)).length),
    );
    const hourly = await apiPanel(db, new Date(from), new Date(to), 3_600_000);
    const hRoute = hourly.routes.find((r) => r.route === "/api/v1/blocks-test")!;
    const hOrigin = Date.parse("2026-11-24T21:00:00Z");
    expect(hRoute.series.map((p) => p.requests)).toEqual(
      hRoute.series.map((_, i) => mineIn(Math.max(from, hOrigin + i * 3_600_000), Math.min(to, hOrigin + (i + 1) * 3_600_000)).length),
    );
    const minutes = await apiPanel(db, new Date(from), new Date(to), 60_000);
    const mRoute = minutes.routes.find((r) => r.route === "/api/v1/blocks-test")!;
    for (const k of ["requests", "p50_ms", "p95_ms", "p99_ms", "max_ms"] as const) {
      expect(route[k]).toBe(mRoute[k]);
      expect(hRoute[k]).toBe(mRoute[k]);
    }
  });

  it("a one-hour window that starts on the hour still has a point per minute", async () => {
    const from = Date.parse("2026-11-25T10:00:00Z");
    const p = await apiPanel(db, new Date(from), new Date(from + 3_600_000), 60_000);
    const route = p.routes.find((r) => r.route === "/api/v1/blocks-test")!;
    expect(route.series).toHaveLength(60);
    expect(route.series.map((x) => x.requests)).toEqual(route.series.map((_, i) => mineIn(from + i * 60_000, from + (i + 1) * 60_000).length));
  });
});
