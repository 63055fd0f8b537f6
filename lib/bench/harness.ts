// A small benchmark harness: run a function N times, report median and p95
// against a target. Suites (one file each, e.g. ./rollups.ts) return rows of
// results; scripts/bench.ts runs the suites in order and prints one table.
import type { Db } from "@/lib/db";

export type Scale = "tiny" | "small" | "medium" | "large";

export type BenchResult = {
  suite: string;
  name: string;
  /** runs that completed */
  runs: number;
  median: number | null;
  p95: number | null;
  /** target for the median, in ms */
  target?: number;
  /** median <= target; null when there is no target or no completed run */
  met: boolean | null;
  note?: string;
};

export type BenchContext = {
  db: Db;
  url: string;
  scale: Scale;
  /** The fixed "now" of every suite: 23:30 UTC of the seed's last day (scripts/bench.ts). */
  now: Date;
  /** multiplies every suite's default number of runs (--runs-factor) */
  runsFactor: number;
  /** print EXPLAIN (ANALYZE, BUFFERS) of the suites' main queries (--explain) */
  explain: boolean;
  /** every --name value / --flag from the command line, for suite-specific options */
  args: Record<string, string | boolean>;
  log: (line: string) => void;
};

/** Environment for the `next start` servers the suites start: jobs off, the bench's fixed now (lib/clock.ts). */
export const serverEnv = (ctx: BenchContext): Record<string, string> => ({
  DISABLE_IN_PROCESS_JOBS: "1", BENCH_NOW: ctx.now.toISOString(), BENCH_NOW_ALLOWED: "1",
});

/** A numeric command-line option, or its default. */
export function numberArg(ctx: BenchContext, name: string, fallback: number): number {
  const v = ctx.args[name];
  const n = typeof v === "string" ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export type BenchSuite = {
  name: string;
  run: (ctx: BenchContext) => Promise<{ results: BenchResult[]; report?: string[] }>;
};

export const median = (xs: number[]) => percentile(xs, 50);

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/** PostgreSQL's statement_timeout error, as raised through pg or Prisma. */
export function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: string; message?: string; meta?: { driverAdapterError?: { cause?: { code?: string } } } } | null;
  return e?.code === "57014" || e?.meta?.driverAdapterError?.cause?.code === "57014" || /statement timeout/i.test(e?.message ?? "");
}

export async function measure(
  suite: string,
  name: string,
  fn: () => Promise<unknown>,
  opts: { runs: number; target?: number; warmup?: number; note?: string },
): Promise<BenchResult> {
  for (let i = 0; i < (opts.warmup ?? 0); i++) await fn();
  const times: number[] = [];
  let note = opts.note;
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    try {
      await fn();
    } catch (err) {
      note = isStatementTimeout(err) ? "statement timeout" : `error: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
      break;
    }
    times.push(performance.now() - t0);
  }
  return result(suite, name, times, opts.target, note);
}

export function result(suite: string, name: string, times: number[], target?: number, note?: string): BenchResult {
  const med = median(times);
  return {
    suite,
    name,
    runs: times.length,
    median: med,
    p95: percentile(times, 95),
    target,
    met: target === undefined ? null : med !== null && med <= target,
    note,
  };
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A plain-text table with a header rule; every cell already a string. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? "").padEnd(widths[i])).join(" | ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

export function formatResults(results: BenchResult[]): string {
  return textTable(
    ["name", "runs", "median", "p95", "target", "met?"],
    results.map((r) => [
      r.name,
      String(r.runs),
      formatMs(r.median),
      formatMs(r.p95),
      r.target === undefined ? "—" : `≤ ${formatMs(r.target)}`,
      (r.met === null ? "—" : r.met ? "yes" : "NO") + (r.note ? ` (${r.note})` : ""),
    ]),
  );
}

/** Times `GET url` with a bearer token over real HTTP; any status but 200 fails the run. */
export function measureGet(suite: string, name: string, url: string, token: string, opts: Parameters<typeof measure>[3]) {
  return measure(suite, name, async () => {
    const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
    await r.arrayBuffer();
  }, opts);
}

/** The harness judges medians; for suites whose targets are p95s. */
export const judgedOnP95 = (r: BenchResult): BenchResult => ({
  ...r, met: r.target === undefined || r.p95 === null ? null : r.p95 <= r.target, note: r.note ?? "target is p95",
});
