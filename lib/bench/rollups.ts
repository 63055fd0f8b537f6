// Benchmark suite for lib/rollups: backfill of every day, one day, today's
// live numbers (targets at large scale: ≤ 60 s, ≤ 1 s, ≤ 100 ms), a few
// supporting rows, and the specification's aggregate_daily_metrics run
// verbatim (inside a transaction that is rolled back) against ours.
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  addDays,
  aggregateDailyMetrics,
  backfill,
  dailyMetricsSeries,
  dailyMetricsSql,
  dayCount,
  liveDayMetrics,
  METRIC_COLUMN_NAMES,
  reconcileDailyMetrics,
  runNightlyRollup,
  snapshotCreatorLevels,
  type Day,
} from "@/lib/rollups";
import { formatMs, isStatementTimeout, measure, numberArg, result, textTable, type BenchContext, type BenchResult, type BenchSuite } from "./harness";
import { SPEC_AGGREGATE_DAILY_METRICS, SPEC_COLUMNS } from "./spec-aggregate";

const SUITE = "rollups";

export const TARGETS = { backfillMs: 60_000, oneDayMs: 1_000, liveTodayMs: 100 };

/** First and last UTC day with data, and the latest timestamp (the seed's "now"). */
async function dataSpan(ctx: BenchContext): Promise<{ first: Day; last: Day; lastInstant: Date }> {
  const [row] = await ctx.db.$queryRaw<{ first: string; last: string; last_instant: Date }[]>(Prisma.sql`
    WITH t AS (
      SELECT LEAST((SELECT min(created_at) FROM users), (SELECT min(created_at) FROM payment_transactions),
                   (SELECT min(created_at) FROM uploads), (SELECT min(changed_at) FROM creator_level_history)) AS first,
             GREATEST((SELECT max(created_at) FROM payment_transactions), (SELECT max(created_at) FROM uploads),
                      (SELECT max(completed_at) FROM reviews), (SELECT max(completed_at) FROM payouts)) AS last)
    SELECT to_char((first AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS first,
           to_char((last AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS last, last AS last_instant
    FROM t`);
  if (!row?.first) throw new Error("the bench database has no data");
  return { first: row.first, last: row.last, lastInstant: row.last_instant };
}

type SpecRun = { day: Day; ms: number | null; timeout: boolean; row: Record<string, string | null> | null };

/**
 * Runs the specification's function for `day` in a transaction that is rolled
 * back: our row for the day is deleted first (the spec's ON CONFLICT only
 * updates two columns), so what it inserts is entirely its own numbers.
 */
async function runSpecOnce(url: string, day: Day, timeoutS: number): Promise<SpecRun> {
  const client = new pg.Client({ connectionString: url, application_name: "bench-spec-aggregate" });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL TimeZone = 'UTC'");
    await client.query(SPEC_AGGREGATE_DAILY_METRICS);
    await client.query("DELETE FROM daily_metrics WHERE date = $1::date", [day]);
    await client.query(`SET LOCAL statement_timeout = '${Math.round(timeoutS)}s'`);
    const t0 = performance.now();
    try {
      await client.query("SELECT aggregate_daily_metrics($1::date)", [day]);
    } catch (err) {
      if (isStatementTimeout(err)) return { day, ms: null, timeout: true, row: null };
      throw err;
    }
    const ms = performance.now() - t0;
    await client.query("SET LOCAL statement_timeout = 0");
    const cols = METRIC_COLUMN_NAMES.map((c) => `${c}::text AS ${c}`).join(", ");
    const { rows } = await client.query(`SELECT ${cols} FROM daily_metrics WHERE date = $1::date`, [day]);
    return { day, ms, timeout: false, row: rows[0] ?? null };
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end().catch(() => {});
  }
}

function compareColumns(ours: Map<Day, Record<string, string | null>>, spec: SpecRun[]): string[][] {
  const done = spec.filter((s) => s.row);
  const rows: string[][] = [];
  for (const col of METRIC_COLUMN_NAMES) {
    if (!(SPEC_COLUMNS as readonly string[]).includes(col)) {
      rows.push([col, "", "", "not computed by the spec (left at its default)"]);
      continue;
    }
    const o = done.map((s) => ours.get(s.day)?.[col] ?? null);
    const p = done.map((s) => s.row![col]);
    const agree = o.every((v, i) => (v === null ? p[i] === null : p[i] !== null && Number(v) === Number(p[i])));
    const isSum = !["avg_rating", "first_approval_rate"].includes(col);
    let verdict: string;
    let oursCell: string;
    let specCell: string;
    if (isSum) {
      const so = o.reduce((s, v) => s + Number(v ?? 0), 0);
      const sp = p.reduce((s, v) => s + Number(v ?? 0), 0);
      oursCell = col.startsWith("total_") ? so.toFixed(2) : String(so);
      specCell = col.startsWith("total_") ? sp.toFixed(2) : String(sp);
      verdict = agree ? "agrees" : so === 0 ? `differs (ours 0)` : `differs: spec = ours ×${(sp / so).toFixed(sp / so >= 10 ? 0 : 2)}`;
    } else {
      oursCell = o.map((v) => v ?? "null").join(", ");
      specCell = p.map((v) => v ?? "null").join(", ");
      verdict = agree ? "agrees" : "differs";
    }
    rows.push([col, oursCell, specCell, verdict]);
  }
  return rows;
}

async function explain(ctx: BenchContext, title: string, sql: Prisma.Sql): Promise<string[]> {
  const plan = await ctx.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, ...sql.values);
  return [`-- EXPLAIN (ANALYZE, BUFFERS): ${title}`, ...plan.map((r) => r["QUERY PLAN"]), ""];
}

export const rollupsSuite: BenchSuite = {
  name: SUITE,
  async run(ctx) {
    const { db } = ctx;
    const runs = (n: number) => Math.max(1, Math.round(n * ctx.runsFactor));
    const span = await dataSpan(ctx);
    const today = span.last; // the seed's "today": a partial day, like a real today
    const yesterday = addDays(today, -1);
    const now = ctx.now; // 23:30 UTC of the seed's last day (scripts/bench.ts)
    const days = dayCount(span.first, today);
    const results: BenchResult[] = [];
    const report: string[] = [`rollups: data ${span.first} … ${today} (${days} days); "today" = ${today}, now = ${now.toISOString()}`];

    // 1. backfill of every day (daily_metrics + level snapshots), split reported below
    const split = { dm: [] as number[], snap: [] as number[] };
    ctx.log(`backfill ${days} days …`);
    results.push(
      await measure(SUITE, `backfill all ${days} days (daily_metrics + creator/review rollups + snapshots)`, async () => {
        const r = await backfill(db, { from: span.first, to: today, now });
        split.dm.push(r!.ms.dailyMetrics);
        split.snap.push(r!.ms.snapshots);
      }, { runs: runs(3), target: TARGETS.backfillMs }),
    );
    results.push(result(SUITE, "  of which daily_metrics + creator/review rollups (month chunks)", split.dm));
    results.push(result(SUITE, "  of which level snapshots", split.snap));

    // 2. one day, 3. today's live numbers
    ctx.log("one day, live today …");
    results.push(await measure(SUITE, `aggregate one day (${yesterday})`, () => aggregateDailyMetrics(db, yesterday, yesterday, { now }), { runs: runs(10), warmup: 1, target: TARGETS.oneDayMs }));
    results.push(await measure(SUITE, `today's live numbers (liveDayMetrics ${today})`, () => liveDayMetrics(db, today), { runs: runs(30), warmup: 2, target: TARGETS.liveTodayMs }));

    // supporting rows, no targets
    ctx.log("series, snapshots, nightly, reconcile …");
    results.push(await measure(SUITE, "dailyMetricsSeries, 30 days to today", () => dailyMetricsSeries(db, addDays(today, -29), today, now), { runs: runs(20), warmup: 2 }));
    results.push(await measure(SUITE, "level snapshots, one day", () => snapshotCreatorLevels(db, yesterday, yesterday), { runs: runs(5), warmup: 1 }));
    results.push(await measure(SUITE, "runNightlyRollup (3 days + snapshots + partitions)", () => runNightlyRollup(db, now), { runs: runs(3) }));
    results.push(await measure(SUITE, "reconcileDailyMetrics, 7 closed days", async () => {
      const r = await reconcileDailyMetrics(db, { days: 7, now });
      if (r.drift.length) throw new Error(`unexpected drift: ${r.drift.length} values`);
    }, { runs: runs(3) }));

    // the specification's function, verbatim, against ours on the same days
    // (--spec-days N, default 3; --spec-timeout seconds, default 120)
    const specDayCount = numberArg(ctx, "spec-days", 3);
    const specTimeoutS = numberArg(ctx, "spec-timeout", 120);
    const specDays = Array.from({ length: specDayCount }, (_, i) => addDays(yesterday, i - specDayCount + 1));
    ctx.log(`spec aggregate_daily_metrics on ${specDays.join(", ")} (timeout ${specTimeoutS} s each, rolled back) …`);
    const ourTimes: number[] = [];
    for (const d of specDays) {
      const r = await measure(SUITE, "", () => aggregateDailyMetrics(db, d, d), { runs: runs(3), warmup: 1 });
      ourTimes.push(r.median!);
    }
    const spec: SpecRun[] = [];
    for (const d of specDays) {
      const r = await runSpecOnce(ctx.url, d, specTimeoutS);
      spec.push(r);
      ctx.log(`  spec ${d}: ${r.timeout ? `timeout after ${specTimeoutS} s` : formatMs(r.ms)}`);
      if (r.timeout) break; // the following days would time out too
    }
    const specTimes = spec.filter((s) => s.ms !== null).map((s) => s.ms!);
    const timeouts = spec.filter((s) => s.timeout).length;
    const specNote = timeouts
      ? `TIMEOUT > ${specTimeoutS} s on ${timeouts} of ${spec.length} day(s) tried` + (spec.length < specDays.length ? `; ${specDays.length - spec.length} not tried` : "")
      : undefined;
    const specResult = result(SUITE, `spec aggregate_daily_metrics, one day (verbatim, rolled back)`, specTimes, undefined, specNote);
    const oursResult = result(SUITE, `ours, same day(s) (${specDays[0]} … ${specDays.at(-1)})`, ourTimes);
    results.push(specResult, oursResult);
    const specMed = timeouts && !specTimes.length ? specTimeoutS * 1000 : specResult.median;
    const ratio = specMed && oursResult.median ? specMed / oursResult.median : null;
    report.push(
      "",
      `spec aggregate_daily_metrics vs ours: spec ${timeouts && !specTimes.length ? `> ${formatMs(specMed)} (timed out)` : formatMs(specResult.median)} per day, ` +
        `ours ${formatMs(oursResult.median)} per day` +
        (ratio ? ` → spec is ${timeouts && !specTimes.length ? "more than " : ""}×${ratio.toFixed(0)} slower` : ""),
    );

    if (spec.some((s) => s.row)) {
      const ours = new Map<Day, Record<string, string | null>>();
      const cols = METRIC_COLUMN_NAMES.map((c) => Prisma.raw(`"${c}"::text AS "${c}"`));
      const rows = await db.$queryRaw<Record<string, string | null>[]>(Prisma.sql`
        SELECT to_char("date", 'YYYY-MM-DD') AS day, ${Prisma.join(cols, ", ")}
        FROM (${dailyMetricsSql({ from: specDays[0], to: specDays.at(-1)! })}) m`);
      for (const r of rows) ours.set(r.day!, r);
      const compared = spec.filter((s) => s.row).map((s) => s.day);
      report.push(
        `per column over ${compared.join(", ")} (sums and counts added over the days; rating and rate per day):`,
        textTable(["column", "ours", "spec", "verdict"], compareColumns(ours, spec)),
      );
    } else {
      report.push("(no day completed within the timeout, so its numbers cannot be compared at this scale)");
    }

    if (ctx.explain) {
      report.push("", ...(await explain(ctx, `today's live numbers (${today})`, dailyMetricsSql({ from: today, to: today }))));
      report.push(...(await explain(ctx, `one month (${addDays(today, -30)} … ${yesterday})`, dailyMetricsSql({ from: addDays(today, -30), to: yesterday }))));
    }
    return { results, report };
  },
};
