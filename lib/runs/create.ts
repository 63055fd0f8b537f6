// Creating a run: the row (with the row estimate) and its dispatch through the
// job layer (Inngest when configured, else this process in the background).
import type { Db } from "@/lib/db";
import type { ReportPlan } from "@/lib/reports/types";
import { EXTENSIONS, type FileFormat } from "@/lib/writers";
import { kickWebhookDelivery } from "@/lib/webhooks/emit";
import { emitRunEvent } from "@/lib/webhooks/emitters";
import { estimatedSeconds } from "./config";

export type NewRun = {
  kind: "report" | "export";
  reportType?: string;
  entity?: string;
  /** The request minus kind/type/entity/format: what the plan is rebuilt from (and a re-run posts back). */
  parameters: Record<string, unknown>;
  format: FileFormat;
  requestedBy: string;
  notify: boolean;
  linkOrigin?: string;
};

/**
 * Above this many rows by the planner's estimate, an export's estimate is the
 * planner's: counting the bench's 1M transactions took 370–560 ms (under
 * load), the estimate 2–5 ms and it said 1,000,000.
 */
export const EXACT_COUNT_UP_TO = 100_000;

/**
 * Rows the plan would write now: its count query, or for `planner: true`
 * (exports: one SELECT over indexed tables, where the planner's estimate is
 * close) the planner's estimate once it is over EXACT_COUNT_UP_TO. The run
 * itself counts exactly when it starts, for its progress.
 */
export async function estimateRows(db: Db, plan: ReportPlan, opts: { planner?: boolean; exactUpTo?: number } = {}): Promise<number> {
  if (opts.planner) {
    const sql = plan.datasets[0].sql;
    const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>(`EXPLAIN (FORMAT JSON) ${sql.text}`, ...sql.values);
    const planned = Math.round(row["QUERY PLAN"][0].Plan["Plan Rows"]);
    if (planned > (opts.exactUpTo ?? EXACT_COUNT_UP_TO)) return planned;
  }
  const [{ n }] = await db.$queryRaw<{ n: bigint | number | string }[]>(plan.countSql);
  return Number(n);
}

export async function createRun(
  db: Db,
  run: NewRun,
  plan: ReportPlan,
  dispatchRun: (r: { id: string; kind: string }) => Promise<unknown>,
) {
  const rows = await estimateRows(db, plan, { planner: run.kind === "export" });
  const row = await db.reportRun.create({
    data: {
      kind: run.kind,
      reportType: run.reportType ?? null,
      entity: run.entity ?? null,
      parameters: run.parameters as object,
      format: run.format,
      requestedBy: run.requestedBy,
      notify: run.notify,
      estimatedRows: BigInt(rows),
      fileName: `${plan.fileStem}.${EXTENSIONS[run.format]}`,
      linkOrigin: run.linkOrigin ?? null,
      status: "pending",
    },
  });
  await dispatchRun(row);
  return { run: row, estimatedRows: rows, estimatedTime: estimatedSeconds(rows, run.format) };
}

/**
 * Asks a run to stop: a waiting run fails at once, a processing one at its
 * next chunk. Returns false when it had already finished.
 */
export async function requestCancel(db: Db, id: string): Promise<boolean> {
  // failed at once, with its webhook event (report_run.failed) in the same transaction
  const waiting = await db.$transaction(async (tx) => {
    const r = await tx.reportRun.updateMany({
      where: { id, status: "pending" },
      data: { cancelRequested: true, status: "failed", errorMessage: "cancelled", completedAt: new Date() },
    });
    return { count: r.count, emitted: r.count ? (await emitRunEvent(tx, id, "failed")).deliveries : 0 };
  });
  if (waiting.emitted) await kickWebhookDelivery(db);
  if (waiting.count) return true;
  const running = await db.reportRun.updateMany({ where: { id, status: "processing" }, data: { cancelRequested: true } });
  return running.count > 0;
}
