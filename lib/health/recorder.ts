// Request recording: every request adds its duration to an in-process
// histogram of its minute × route template × method × status class (a few
// array writes, no I/O), and a timer flushes the buffer every ~10 s in one
// statement that adds it into request_metrics, request_metrics_hourly and
// request_metrics_6h.
// Several instances add into the same rows, so their numbers sum up.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { BUCKETS, bucketOf } from "./histogram";
import { observePrometheus } from "./prometheus";

export const FLUSH_INTERVAL_MS = Number(process.env.HEALTH_FLUSH_INTERVAL_MS ?? 10_000);

type Cell = { minute: number; route: string; method: string; cls: number; buckets: Int32Array; count: number; sumMs: number; maxMs: number };

export class Recorder {
  private cells = new Map<string, Cell>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<number> | null = null;

  constructor(private getDb: () => Promise<Db>) {}

  record(route: string, method: string, status: number, ms: number, at = Date.now()) {
    const minute = at - (at % 60_000);
    const cls = Math.min(5, Math.max(1, Math.floor(status / 100)));
    const key = `${minute}|${method}|${cls}|${route}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { minute, route, method, cls, buckets: new Int32Array(BUCKETS), count: 0, sumMs: 0, maxMs: 0 };
      this.cells.set(key, c);
    }
    c.buckets[bucketOf(ms)]++;
    c.count++;
    c.sumMs += ms;
    if (ms > c.maxMs) c.maxMs = ms;
    this.start();
  }

  /** Starts the periodic flush (unref'd: it never keeps a process alive). */
  start() {
    if (this.timer || FLUSH_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => void this.flush().catch((err) => console.error("[health] flush failed:", err)), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  pending() {
    return this.cells.size;
  }

  /** Writes the buffer in one statement; on failure the cells go back into the buffer for the next flush. */
  async flush(target?: Db): Promise<number> {
    if (this.flushing) await this.flushing.catch(() => 0);
    const db = target ?? (await this.getDb());
    if (this.cells.size === 0) return 0;
    const cells = [...this.cells.values()];
    this.cells = new Map();
    this.flushing = writeCells(db, cells).catch((err) => {
      for (const c of cells) this.merge(c);
      throw err;
    });
    try {
      return await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private merge(c: Cell) {
    const key = `${c.minute}|${c.method}|${c.cls}|${c.route}`;
    const cur = this.cells.get(key);
    if (!cur) return void this.cells.set(key, c);
    for (let i = 0; i < BUCKETS; i++) cur.buckets[i] += c.buckets[i];
    cur.count += c.count;
    cur.sumMs += c.sumMs;
    cur.maxMs = Math.max(cur.maxMs, c.maxMs);
  }
}

/** The cells added up per coarser period (an hour, a 6-hour block: both divide a UTC day). */
function coarserCells(cells: Cell[], periodMs: number): Cell[] {
  const out = new Map<string, Cell>();
  for (const c of cells) {
    const start = c.minute - (c.minute % periodMs);
    const key = `${start}|${c.method}|${c.cls}|${c.route}`;
    const h = out.get(key);
    if (!h) out.set(key, { ...c, minute: start, buckets: Int32Array.from(c.buckets) });
    else {
      for (let i = 0; i < BUCKETS; i++) h.buckets[i] += c.buckets[i];
      h.count += c.count;
      h.sumMs += c.sumMs;
      h.maxMs = Math.max(h.maxMs, c.maxMs);
    }
  }
  return [...out.values()];
}

/** Buckets up to the last non-empty one: durations cluster low, so most rows are far shorter than BUCKETS (less to store and read). */
function trimmed(buckets: Int32Array) {
  let end = buckets.length;
  while (end > 1 && buckets[end - 1] === 0) end--;
  return buckets.subarray(0, end);
}

/** The cells as parallel arrays, unnested in SQL into rows. */
function rowsOf(cells: Cell[]) {
  return Prisma.sql`
    SELECT m::timestamptz, r, me, s::smallint, b::int[], n, su, mx
    FROM unnest(${cells.map((c) => new Date(c.minute).toISOString())}::text[], ${cells.map((c) => c.route)}::text[], ${cells.map((c) => c.method)}::text[],
                ${cells.map((c) => c.cls)}::int[], ${cells.map((c) => `{${trimmed(c.buckets).join(",")}}`)}::text[], ${cells.map((c) => c.count)}::int[],
                ${cells.map((c) => c.sumMs)}::float8[], ${cells.map((c) => c.maxMs)}::float8[]) AS u(m, r, me, s, b, n, su, mx)`;
}

const ADD = Prisma.raw(`
      buckets = ARRAY(SELECT coalesce(a, 0) + coalesce(b, 0) FROM unnest(t.buckets, EXCLUDED.buckets) AS x(a, b)),
      count = t.count + EXCLUDED.count, sum_ms = t.sum_ms + EXCLUDED.sum_ms, max_ms = greatest(t.max_ms, EXCLUDED.max_ms)`);

/**
 * One order for every instance's writes (minute, route, method, class), so
 * two instances adding into the same rows lock them in the same order and
 * never deadlock.
 */
function inOrder(cells: Cell[]) {
  return cells.sort((a, b) => a.minute - b.minute || (a.route < b.route ? -1 : a.route > b.route ? 1 : 0) || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0) || a.cls - b.cls);
}

async function writeCells(db: Db, unordered: Cell[]): Promise<number> {
  const cells = inOrder(unordered);
  // One statement: the minute rows, and the same requests added into their hours and 6-hour blocks.
  await db.$executeRaw(Prisma.sql`
    WITH minutes AS (
      INSERT INTO request_metrics AS t (minute, route, method, status_class, buckets, count, sum_ms, max_ms)
      ${rowsOf(cells)}
      ON CONFLICT (minute, route, method, status_class) DO UPDATE SET ${ADD}
    ), hours AS (
      INSERT INTO request_metrics_hourly AS t (hour, route, method, status_class, buckets, count, sum_ms, max_ms)
      ${rowsOf(inOrder(coarserCells(cells, 3_600_000)))}
      ON CONFLICT (hour, route, method, status_class) DO UPDATE SET ${ADD}
    )
    INSERT INTO request_metrics_6h AS t (block, route, method, status_class, buckets, count, sum_ms, max_ms)
    ${rowsOf(inOrder(coarserCells(cells, 6 * 3_600_000)))}
    ON CONFLICT (block, route, method, status_class) DO UPDATE SET ${ADD}`);
  return cells.length;
}

// One recorder per process: route handlers, instrumentation and pages may be
// bundled apart, so it lives on globalThis rather than in a module variable.
const g = globalThis as { __healthRecorder?: Recorder };

export function recorder(): Recorder {
  if (!g.__healthRecorder) {
    g.__healthRecorder = new Recorder(async () => (await import("@/lib/db")).prisma);
  }
  return g.__healthRecorder;
}

/** Records one finished request (the process's recorder and the Prometheus histogram). Never throws. */
export function recordRequest(route: string, method: string, status: number, ms: number) {
  try {
    recorder().record(route, method, status, ms);
    observePrometheus(route, method, status, ms);
  } catch (err) {
    console.error("[health] record failed:", err);
  }
}
