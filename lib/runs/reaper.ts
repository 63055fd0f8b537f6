// The reaper: a processing run whose heartbeat is older than the stale limit
// lost its worker (process killed, machine gone). It is marked failed — never
// completed, its file was never made visible — and, with attempts left and no
// cancel, dispatched again to start from the beginning. A run still pending
// long after it was requested (its dispatch was lost with the process) is
// dispatched again too. Safe on several instances at once: each UPDATE
// decides, and a second dispatch loses the claim in executeRun.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { kickWebhookDelivery } from "@/lib/webhooks/emit";
import { emitRunEvent } from "@/lib/webhooks/emitters";
import { runConfig } from "./config";

export type Redispatch = (run: { id: string; kind: string; report_id: string | null }) => Promise<unknown>;

export async function reapStaleRuns(db: Db, redispatch: Redispatch, now = new Date()) {
  const { staleSeconds, maxAttempts } = runConfig();
  const cutoff = new Date(now.getTime() - staleSeconds * 1000);
  // a run failed for good (cancelled, or no attempts left) gets its webhook event in the same transaction
  let emitted = 0;
  const dead = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; kind: string; report_id: string | null; attempt: number; cancel_requested: boolean }[]>(Prisma.sql`
      UPDATE report_runs SET status = 'failed', completed_at = ${now},
        error_message = CASE WHEN cancel_requested THEN 'cancelled'
          WHEN attempt < ${maxAttempts} THEN 'the worker stopped responding (attempt ' || attempt || '); retrying from the start'
          ELSE 'the worker stopped responding (attempt ' || attempt || '); no attempts left' END
      WHERE status = 'processing' AND heartbeat_at < ${cutoff}
      RETURNING id::text, kind, report_id::text, attempt, cancel_requested`);
    for (const r of rows) if (r.cancel_requested || r.attempt >= maxAttempts) emitted += (await emitRunEvent(tx, r.id, "failed")).deliveries;
    return rows;
  });
  if (emitted > 0) await kickWebhookDelivery(db);
  const lost = await db.$queryRaw<{ id: string; kind: string; report_id: string | null }[]>(Prisma.sql`
    SELECT id::text, kind, report_id::text FROM report_runs
    WHERE status = 'pending' AND NOT cancel_requested AND created_at < ${cutoff}`);
  const retry = [...dead.filter((r) => !r.cancel_requested && r.attempt < maxAttempts), ...lost];
  for (const r of retry) await redispatch(r);
  return { reaped: dead.map((r) => r.id), retried: retry.map((r) => r.id) };
}
