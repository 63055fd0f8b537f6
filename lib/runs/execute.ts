// Executes one run: claims it (one attempt at a time), streams each dataset
// of its plan through a cursor into the format's writer, and the writer into
// storage under a temporary name that becomes the run's file only when whole.
// Each chunk updates progress and the heartbeat and checks for a cancel; a
// worker that has lost its claim (the reaper gave its run to a new attempt)
// stops at its next chunk. The key is the same on every attempt, so a retry
// replaces, never adds, a file.
import { PassThrough } from "node:stream";
import type pg from "pg";
import { databaseUrlOf, type Db } from "@/lib/db";
import { Prisma, type ReportRun } from "@/lib/generated/prisma/client";
import type { ReportPlan } from "@/lib/reports/types";
import { fileStore } from "@/lib/storage";
import { kickWebhookDelivery } from "@/lib/webhooks/emit";
import { emitRunEvent } from "@/lib/webhooks/emitters";
import { CONTENT_TYPES, writerFor, type FileFormat, type Row } from "@/lib/writers";
import { runConfig } from "./config";
import { RowTotals } from "./row-totals";
import { cursorChunks, openClient } from "./cursor";
import { planForRun } from "./plan";
import { summaryCollector } from "./summary";

export class RunCancelled extends Error {
  constructor() {
    super("cancelled");
  }
}
class ClaimLost extends Error {}

export type ExecuteOptions = {
  /** A plan to stream instead of the one the row describes (tests, bench). */
  plan?: ReportPlan;
  /** XLSX rows per sheet (tests of the sheet split). */
  maxRowsPerSheet?: number;
  chunkRows?: number;
  /** Called after each chunk is written (tests: kill the worker mid-run). */
  afterChunk?: (rowsDone: number) => Promise<void> | void;
};

export type ExecuteResult =
  | { status: "completed"; rows: number; bytes: number; attempt: number }
  | { status: "failed"; error: string; attempt: number }
  | { status: "skipped"; reason: string };

export const fileKeyOf = (run: Pick<ReportRun, "id" | "fileName">) => `runs/${run.id}/${run.fileName}`;

/**
 * Takes the run for a new attempt when it is waiting (pending), or failed
 * with attempts left and no cancel. Atomic: of two workers, one wins.
 */
async function claim(db: Db, id: string): Promise<ReportRun | null> {
  const { maxAttempts } = runConfig();
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE report_runs SET status = 'processing', attempt = attempt + 1, progress = 0, row_count = 0,
      started_at = now(), heartbeat_at = now(), completed_at = NULL, error_message = NULL
    WHERE id = ${id}::uuid AND NOT cancel_requested AND attempt < ${maxAttempts}
      AND (status = 'pending' OR status = 'failed')
    RETURNING id::text`);
  if (!rows.length) return null;
  return db.reportRun.findUnique({ where: { id } });
}

export async function executeRun(db: Db, runId: string, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
  const run = await claim(db, runId);
  if (!run) {
    const now = await db.reportRun.findUnique({ where: { id: runId }, select: { status: true } });
    return { status: "skipped", reason: now ? `run is ${now.status}` : "no such run" };
  }
  const attempt = run.attempt;
  const key = fileKeyOf(run);
  let client: pg.Client | null = null;
  let out: PassThrough | null = null;
  let stored: Promise<{ size: number; sha256: string }> | null = null;
  const beat = setInterval(() => {
    void db.$executeRaw`UPDATE report_runs SET heartbeat_at = now() WHERE id = ${runId}::uuid AND attempt = ${attempt} AND status = 'processing'`.catch(() => {});
  }, runConfig().heartbeatSeconds * 1000);
  beat.unref?.();

  try {
    const plan = opts.plan ?? planForRun(run);
    client = await openClient(databaseUrlOf(db));
    const [{ n }] = (await client.query<{ n: string }>(plan.countSql.text, plan.countSql.values as unknown[])).rows;
    const total = Number(n);
    await db.$executeRaw`UPDATE report_runs SET estimated_rows = ${total} WHERE id = ${runId}::uuid AND attempt = ${attempt}`;

    const format = (run.format ?? "csv") as FileFormat;
    out = new PassThrough({ highWaterMark: 1 << 20 });
    stored = fileStore().put(key, out, { contentType: CONTENT_TYPES[format] });
    stored.catch(() => {}); // awaited below; an early failure must not be unhandled meanwhile
    const writer = writerFor(format, out, plan.timezone, { maxRowsPerSheet: opts.maxRowsPerSheet });

    let done = 0;
    // a saved report's run keeps its rows' hash, first rows and totals for its email (summary.ts)
    const collect = run.reportId ? summaryCollector() : null;
    // One small UPDATE per chunk (5,000 rows by default): progress, heartbeat, and the cancel flag back.
    const tick = async () => {
      const progress = total > 0 ? Math.min(99, Math.floor((done * 100) / total)) : 0;
      const r = await db.$queryRaw<{ cancel_requested: boolean }[]>(Prisma.sql`
        UPDATE report_runs SET progress = ${progress}, row_count = ${done}, heartbeat_at = now()
        WHERE id = ${runId}::uuid AND attempt = ${attempt} AND status = 'processing'
        RETURNING cancel_requested`);
      if (!r.length) throw new ClaimLost("the run was taken over by another attempt");
      if (r[0].cancel_requested) throw new RunCancelled();
    };

    const datasets = writer.firstDatasetOnly ? plan.datasets.slice(0, 1) : plan.datasets;
    const summed = plan.totalsFromRows ? new RowTotals(plan.datasets[0].columns.filter((c) => plan.totalsFromRows!.includes(c.key))) : null;
    for (const [i, ds] of datasets.entries()) {
      await writer.begin(ds);
      for await (const rows of cursorChunks(client, ds.sql, opts.chunkRows)) {
        if (i === 0) collect?.add(rows);
        await writer.write(rows);
        if (i === 0) {
          done += rows.length;
          summed?.add(rows);
        }
        await tick();
        await opts.afterChunk?.(done);
      }
      await writer.end();
    }
    await tick();

    let summary;
    let totals: Row | null = null;
    const xlsxSummary = format === "xlsx" && run.kind === "report";
    if (xlsxSummary || collect) {
      if (summed) totals = summed.result();
      else if (plan.totalsSql) totals = (await client.query(plan.totalsSql.text, plan.totalsSql.values as unknown[])).rows[0] ?? null;
    }
    if (xlsxSummary) summary = { parameters: plan.parameters, totals, columns: plan.datasets[0].columns };
    await writer.finish(summary);
    const runSummary = collect ? JSON.stringify(collect.done(totals)) : null;
    const file = await stored;

    const { retentionDays } = runConfig();
    // completed and its webhook event (report_run.completed / export.completed) in one transaction
    const finished = await db.$transaction(async (tx) => {
      const n = await tx.$executeRaw`
        UPDATE report_runs SET status = 'completed', progress = 100, row_count = ${done}, file_key = ${key},
          file_size_bytes = ${file.size}, sha256 = ${file.sha256}, completed_at = now(),
          expires_at = now() + make_interval(days => ${retentionDays}), error_message = NULL, file_deleted_at = NULL,
          summary = ${runSummary}::jsonb
        WHERE id = ${runId}::uuid AND attempt = ${attempt} AND status = 'processing' AND NOT cancel_requested`;
      return n === 0 ? 0 : (await emitRunEvent(tx, runId, "completed")).deliveries + 1;
    });
    if (finished > 1) await kickWebhookDelivery(db);
    if (finished === 0) {
      const now = await db.reportRun.findUnique({ where: { id: runId }, select: { cancelRequested: true, attempt: true } });
      if (now?.cancelRequested && now.attempt === attempt) throw new RunCancelled();
      throw new ClaimLost("the run was taken over by another attempt before it completed");
    }
    return { status: "completed", rows: done, bytes: file.size, attempt };
  } catch (err) {
    // The temporary file is removed by the store when its input fails.
    out?.destroy(err instanceof Error ? err : new Error(String(err)));
    await stored?.catch(() => {});
    if (err instanceof ClaimLost) return { status: "skipped", reason: err.message };
    const message = err instanceof RunCancelled ? "cancelled" : err instanceof Error ? err.message : String(err);
    // failed and its webhook event (report_run.failed) in one transaction
    const emitted = await db.$transaction(async (tx) => {
      const n = await tx.$executeRaw`
        UPDATE report_runs SET status = 'failed', error_message = ${message}, completed_at = now()
        WHERE id = ${runId}::uuid AND attempt = ${attempt} AND status = 'processing'`;
      return n === 0 ? 0 : (await emitRunEvent(tx, runId, "failed")).deliveries;
    });
    if (emitted > 0) await kickWebhookDelivery(db);
    if (err instanceof RunCancelled) {
      // A cancel that came after the file was stored: nobody may download it.
      await fileStore().delete(key).catch(() => {});
      return { status: "failed", error: "cancelled", attempt };
    }
    throw err;
  } finally {
    clearInterval(beat);
    await client?.end().catch(() => {});
  }
}
