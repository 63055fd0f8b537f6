// Benchmark suite "events" (issue 11): the events page's numbers at the
// bench's "now" (counts per period, the three default funnels, the live tail;
// target p95 ≤ 500 ms at scale large), the same over HTTP, and ingestion over
// HTTP on loopback: batches of 100 from concurrent senders for 60 s (target
// ≥ 10,000 events/s with p99 ≤ 100 ms per request; 5% of the batches are sent
// twice, as a client retrying after a lost answer, and afterwards the stored
// count must equal the distinct events sent), then single events (p99 ≤ 25 ms).
// The load's events are deleted afterwards and their day's rollups rebuilt.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { startAppOnFreePort } from "@/lib/app-server";
import { eventCounts, eventFunnel, eventTail } from "@/lib/events/analysis";
import { backfillEventRollupsIfEmpty, rebuildEventRollups } from "@/lib/events/rollups";
import { Prisma } from "@/lib/generated/prisma/client";
import { PERIODS } from "@/lib/period";
import { DEFAULT_FUNNELS } from "@/lib/validation/events";
import { apiToken } from "./browser";
import { judgedOnP95 as onP95, measure, measureGet, numberArg, percentile, result, serverEnv, type BenchContext, type BenchResult, type BenchSuite } from "./harness";

const SUITE = "events";
export const TARGETS = { analysisP95Ms: 500, eventsPerSecond: 10_000, batchP99Ms: 100, singleP99Ms: 25 };

const TYPES: [string, (i: number) => Record<string, unknown>][] = [
  ["page_view", (i) => ({ url: `/page/${i % 40}`, referrer: i % 3 ? null : "https://www.google.com/" })],
  ["page_view", (i) => ({ url: `/dashboard?tab=${i % 5}`, referrer: null })],
  ["search_performed", (i) => ({ query: `term ${i % 50}` })],
  ["upload_initiated", () => ({ output_types: ["blog_post"] })],
  ["assignment_claimed", () => ({ output_type: "blog_post", level: "silver" })],
];

function batchOf(n: number, session: string, k: number) {
  return Array.from({ length: n }, (_, j) => {
    const [event, props] = TYPES[(k + j) % TYPES.length];
    return { event, event_id: crypto.randomUUID(), properties: props(k + j), anonymous_id: `bench-anon-${(k * 7 + j) % 5000}`, session_id: session };
  });
}

type Load = { latencies: number[]; sent: Set<string>; requests: number; retried: number; errors: number; seconds: number };

/** Concurrent senders posting batches for `seconds`; 5% of the batches are sent again after their answer. */
async function ingestionLoad(url: string, key: string, opts: { seconds: number; concurrency: number; batch: number; session: string }): Promise<Load> {
  const load: Load = { latencies: [], sent: new Set(), requests: 0, retried: 0, errors: 0, seconds: 0 };
  const t0 = performance.now();
  const until = t0 + opts.seconds * 1000;
  let k = 0;
  const post = async (body: string) => {
    const s = performance.now();
    const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-events-write-key": key }, body });
    await r.arrayBuffer();
    load.latencies.push(performance.now() - s);
    load.requests++;
    if (r.status !== 200) load.errors++;
    return r.status;
  };
  await Promise.all(Array.from({ length: opts.concurrency }, async () => {
    while (performance.now() < until) {
      const batch = batchOf(opts.batch, opts.session, k++);
      const body = JSON.stringify({ batch, sent_at: new Date().toISOString() });
      if ((await post(body)) === 200) for (const e of batch) load.sent.add(e.event_id);
      if (Math.random() < 0.05) {
        load.retried++;
        await post(body);
      }
    }
  }));
  load.seconds = (performance.now() - t0) / 1000;
  return load;
}

async function countStored(ctx: BenchContext, session: string): Promise<number> {
  const [r] = await ctx.db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM analytics_events WHERE created_at = ${ctx.now}::timestamptz AND session_id = ${session}`);
  return r.n;
}

async function removeLoad(ctx: BenchContext, session: string) {
  await ctx.db.$executeRaw(Prisma.sql`
    WITH gone AS (DELETE FROM analytics_events WHERE created_at = ${ctx.now}::timestamptz AND session_id = ${session} RETURNING id)
    DELETE FROM event_ids WHERE event_id IN (SELECT id FROM gone)`);
  const day = ctx.now.toISOString().slice(0, 10);
  await rebuildEventRollups(ctx.db, day, day);
}

export const eventsSuite: BenchSuite = {
  name: SUITE,
  async run(ctx) {
    const runs = (n: number) => Math.max(1, Math.round(n * ctx.runsFactor));
    const now = ctx.now;
    const results: BenchResult[] = [];
    const report: string[] = [`events: now = ${now.toISOString()}; targets: analysis p95 ≤ ${TARGETS.analysisP95Ms} ms; ingestion ≥ ${TARGETS.eventsPerSecond}/s with p99 ≤ ${TARGETS.batchP99Ms} ms per batch of 100; single event p99 ≤ ${TARGETS.singleP99Ms} ms`];

    const t0 = performance.now();
    const filled = await backfillEventRollupsIfEmpty(ctx.db);
    if (filled) results.push(result(SUITE, `event rollups backfill (${filled.days} days, once per bench database)`, [performance.now() - t0]));

    for (const period of PERIODS) {
      results.push(onP95(await measure(SUITE, `counts, unique users, top pages (${period})`, () => eventCounts(ctx.db, { period, now }), { runs: runs(10), warmup: 1, target: TARGETS.analysisP95Ms })));
    }
    for (const period of ["week", "month", "year"] as const) {
      for (const steps of DEFAULT_FUNNELS) {
        results.push(onP95(await measure(SUITE, `funnel ${steps.join(" → ")} (${period})`, () => eventFunnel(ctx.db, { period, steps, windowDays: 7, now }), { runs: runs(5), warmup: 1, target: TARGETS.analysisP95Ms })));
      }
    }
    results.push(onP95(await measure(SUITE, "live tail (25 newest)", () => eventTail(ctx.db, { limit: 25, now }), { runs: runs(20), warmup: 1, target: TARGETS.analysisP95Ms })));

    const key = `bench-${crypto.randomBytes(12).toString("hex")}`;
    let child: ChildProcess | undefined;
    const session = `bench-load-${crypto.randomBytes(4).toString("hex")}`;
    try {
      const app = await startAppOnFreePort(ctx.url, { ...serverEnv(ctx), EVENTS_WRITE_KEY: key, EVENTS_RATE_LIMIT_PER_KEY: "100000000" });
      child = app.child;
      const token = await apiToken(app.baseURL, "admin@example.com");
      const api = `${app.baseURL}/api/v1/admin/analytics/events`;
      for (const [name, path] of [["HTTP GET …/events?period=year", "?period=year"], ["HTTP GET …/events/funnel (signup, year)", "/funnel?period=year"], ["HTTP GET …/events/tail", "/tail"]]) {
        results.push(onP95(await measureGet(SUITE, name, api + path, token, { runs: runs(10), warmup: 1, target: TARGETS.analysisP95Ms })));
      }

      const seconds = numberArg(ctx, "events-seconds", 60);
      const concurrency = numberArg(ctx, "events-concurrency", 8);
      ctx.log(`ingestion: ${concurrency} senders × batches of 100 for ${seconds} s …`);
      const load = await ingestionLoad(`${app.baseURL}/api/v1/events`, key, { seconds, concurrency, batch: 100, session });
      const stored = await countStored(ctx, session);
      const rate = Math.round(load.sent.size / load.seconds);
      const p99 = percentile(load.latencies, 99);
      const batchRow = result(SUITE, "POST /api/v1/events, batch of 100 (per request)", load.latencies, TARGETS.batchP99Ms);
      results.push({
        ...batchRow,
        met: p99 !== null && p99 <= TARGETS.batchP99Ms && rate >= TARGETS.eventsPerSecond && stored === load.sent.size && load.errors === 0,
        note: `p99 ${p99?.toFixed(1)} ms; ${rate.toLocaleString("en-US")} events/s; stored ${stored} of ${load.sent.size} sent (${load.retried} batches retried); ${load.errors} errors`,
      });
      report.push(`ingestion: ${load.requests} requests in ${load.seconds.toFixed(1)} s, ${rate.toLocaleString("en-US")} events/s (target ≥ ${TARGETS.eventsPerSecond.toLocaleString("en-US")}), p99 ${p99?.toFixed(1)} ms (target ≤ ${TARGETS.batchP99Ms}), ${load.retried} batches sent twice, stored ${stored} = sent ${load.sent.size}: ${stored === load.sent.size ? "yes" : "NO"}`);

      const singles: number[] = [];
      const singleUrl = `${app.baseURL}/api/v1/events`;
      for (let i = 0; i < runs(300); i++) {
        const [e] = batchOf(1, session, i);
        const s = performance.now();
        const r = await fetch(singleUrl, { method: "POST", headers: { "content-type": "application/json", "x-events-write-key": key }, body: JSON.stringify(e) });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`single event: ${r.status}`);
        singles.push(performance.now() - s);
      }
      const sp99 = percentile(singles, 99);
      results.push({ ...result(SUITE, "POST /api/v1/events, one event", singles, TARGETS.singleP99Ms), met: sp99 !== null && sp99 <= TARGETS.singleP99Ms, note: `p99 ${sp99?.toFixed(1)} ms (target is p99)` });
    } finally {
      child?.kill("SIGTERM");
      await removeLoad(ctx, session);
    }
    return { results, report };
  },
};
