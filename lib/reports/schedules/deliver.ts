// Delivering a saved report's run once it has ended (start.ts made the run).
//
// Completed: the send condition is checked against the run's summary (the
// rows it wrote: lib/runs/summary.ts) — `if_rows` skips a result that counts
// nothing, `if_changed` one whose rows hash equals the last sent slot's —
// and otherwise every recipient gets one email: the report name and period
// in the subject, the key numbers (totals) and the first rows inline, the
// run's file attached when ≤ SCHEDULED_ATTACH_MAX_BYTES (5 MB) and linked
// otherwise (lib/runs/links.ts recipientLink), one delivery row each. A
// failed send is retried with backoff (1, 5, 15 minutes); after the last
// failure the slot is failed. Failed run: the slot and each recipient's
// delivery are failed with the run's error. Every failure ends in failSlot:
// the saved reports list shows it in red with its reason and the owner gets
// one notice.
//
// Never twice: the slot's status moves out of "running" once (a guarded
// UPDATE), every delivery row is claimed before its send (a lease on
// next_attempt_at), and a send an earlier, dead process already made (its
// outbox_emails row, kind scheduled_report, ref = slot id) is not made again.
import type { Db } from "@/lib/db";
import { Prisma, type ReportRun } from "@/lib/generated/prisma/client";
import { publicUrl } from "@/lib/links/public-url";
import { sendMail, type Attachment, type Mail, type SendResult } from "@/lib/mail";
import { scheduledReportEmail, scheduledReportFailedEmail } from "@/lib/mail/templates";
import { METRICS, type MetricId, type Unit } from "@/lib/reports/catalog";
import type { Column } from "@/lib/reports/types";
import { runConfig } from "@/lib/runs/config";
import { recipientLink } from "@/lib/runs/links";
import { planForRun } from "@/lib/runs/plan";
import type { RunSummary } from "@/lib/runs/summary";
import { fileStore } from "@/lib/storage";
import { CONTENT_TYPES, type FileFormat } from "@/lib/writers";
import { emitAndKickScheduledReport } from "@/lib/webhooks/emitters";

export const RETRY_BACKOFF_MINUTES = [1, 5, 15];
export const MAX_ATTEMPTS = RETRY_BACKOFF_MINUTES.length + 1;
/** Files up to this size are attached, bigger ones linked (SCHEDULED_ATTACH_MAX_BYTES, default 5 MB). */
export const attachLimitBytes = () => Number(process.env.SCHEDULED_ATTACH_MAX_BYTES ?? 5 * 1024 * 1024);
export const MAIL_KIND = "scheduled_report";
const INLINE_COLUMNS = 6;
const KEY_NUMBERS = 8;
/** How long one attempt holds a delivery (its send and the outcome's write). */
const CLAIM_MS = 10 * 60_000;

export type Sender = (db: Db, mail: Mail) => Promise<SendResult>;
export type DeliverOptions = { send?: Sender; attachLimit?: number };

export type SlotRow = {
  id: string; report_id: string; scheduled_for: Date; status: string; trigger: string; run_id: string | null; requested_by: string | null;
  name: string; report_type: string; config: unknown; recipients: string[]; format: string; send_condition: string;
  owner_id: string | null; owner_email: string | null; period_start: string | null; period_end: string | null;
};

const SLOT_SQL = Prisma.sql`
  SELECT s.id::text, s.report_id::text, s.scheduled_for, s.status, s.trigger, s.run_id::text, s.requested_by::text,
    r.name, r.report_type, r.config, r.recipients, r.format, r.send_condition, r.created_by::text AS owner_id, u.email::text AS owner_email,
    to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end
  FROM report_schedule_slots s JOIN saved_reports r ON r.id = s.report_id LEFT JOIN users u ON u.id = r.created_by`;

export async function loadSlot(db: Db, slotId: string): Promise<SlotRow | null> {
  const [row] = await db.$queryRaw<SlotRow[]>(Prisma.sql`${SLOT_SQL} WHERE s.id = ${slotId}::uuid`);
  return row ?? null;
}

/** An error in one line: its first, or for Prisma's "Invalid `…` invocation" its last (the cause). */
function firstLine(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err)).split("\n").map((l) => l.trim()).filter(Boolean);
  return (lines[0]?.startsWith("Invalid `") ? lines.at(-1) : lines[0]) ?? "unknown error";
}

// ── ending a slot ───────────────────────────────────────────────────────────

/** Moves the slot out of "running" once; true for the one caller that did it. */
async function closeSlot(db: Db, slot: SlotRow, status: string, reason: string | null, now: Date): Promise<boolean> {
  const done = await db.$executeRaw(Prisma.sql`
    UPDATE report_schedule_slots SET status = ${status}, reason = COALESCE(${reason}, reason), finished_at = ${now.toISOString()}::timestamptz
    WHERE id = ${slot.id}::uuid AND status = 'running'`);
  if (!done) return false;
  // webhooks: scheduled_report.sent / .failed ("Run now" writes a file and sends nothing: no event)
  if ((status === "sent" || status === "failed") && slot.trigger !== "run_now") await emitAndKickScheduledReport(db, slot.id, status);
  await db.$executeRaw(Prisma.sql`
    UPDATE saved_reports SET last_run_at = ${now.toISOString()}::timestamptz, last_run_status = ${status} WHERE id = ${slot.report_id}::uuid`);
  return true;
}

/**
 * THE "scheduled report sent" POINT: the slot ended well — sent to every
 * recipient, skipped by its send condition, or ("Run now") its file written.
 * Webhooks for a sent scheduled report belong here.
 */
async function slotDelivered(db: Db, slot: SlotRow, status: "sent" | "skipped" | "completed", reason: string | null, now: Date): Promise<void> {
  const moved = await closeSlot(db, slot, status, reason, now);
  if (!moved) return; // another process settled it first
  // (the "scheduled report sent" event is emitted from here: once per slot)
}

/**
 * THE "scheduled report failed" POINT: the run failed, the report could not be
 * built or mailed, or a recipient's last retry failed. Every delivery still
 * open fails with the reason, and the owner gets one notice (once per slot:
 * the transition happens once). Webhooks for a failed scheduled report belong here.
 */
export async function failSlot(db: Db, slot: SlotRow, reason: string, now: Date, send: Sender = sendMail): Promise<void> {
  if (!(await closeSlot(db, slot, "failed", reason, now))) return;
  if (slot.trigger !== "run_now") {
    // the delivery log says it per recipient, whether or not a send was tried
    await db.reportDelivery.updateMany({ where: { slotId: slot.id, status: "pending" }, data: { status: "failed", error: reason, nextAttemptAt: null, updatedAt: now } });
    await db.reportDelivery.createMany({
      data: slot.recipients.map((recipient) => ({ slotId: slot.id, recipient, status: "failed", error: reason, updatedAt: now })),
      skipDuplicates: true,
    });
  }
  if (!slot.owner_email) return;
  const errors = await db.reportDelivery.findMany({ where: { slotId: slot.id, status: "failed", NOT: { error: reason } }, select: { recipient: true, error: true } });
  const notice = await scheduledReportFailedEmail({
    name: slot.name, scheduledFor: slot.scheduled_for.toISOString(), reason, failures: errors.map((e) => ({ recipient: e.recipient, error: e.error ?? "failed" })),
  });
  await send(db, { to: slot.owner_email, ...notice, kind: "scheduled_report_failure", ref: slot.id });
}

// ── the email ───────────────────────────────────────────────────────────────

/** A value as the email shows it: a catalog metric by its unit, any other cell by its column kind. */
function show(v: unknown, col: Column, unit: Unit | null): string {
  if (v == null || v === "") return col.kind === "text" ? "(none)" : "—";
  const n = Number(v);
  const kind = unit ?? col.kind;
  switch (kind) {
    case "money": return `${n < 0 ? "−" : ""}$${Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case "rate": case "percent": return `${n.toFixed(1)}%`;
    case "rating": return n.toFixed(2);
    case "count": case "integer": return n.toLocaleString("en-US");
    case "hours": case "number": return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
    case "boolean": return v === true || v === "true" ? "yes" : "no";
    case "datetime": return String(v).replace("T", " ").slice(0, 16);
    default: return String(v);
  }
}

const NUMERIC = new Set(["money", "integer", "number", "percent"]);

/** Nothing counted: no rows, or every numeric total is zero or missing. */
export function isEmpty(run: Pick<ReportRun, "rowCount">, summary: RunSummary, columns: Column[]): boolean {
  if (!run.rowCount) return true;
  if (!summary.totals) return false;
  const numeric = columns.filter((c) => NUMERIC.has(c.kind) && c.key in summary.totals!);
  return numeric.length > 0 && numeric.every((c) => summary.totals![c.key] == null || Number(summary.totals![c.key]) === 0);
}

type Composed = { mail: Omit<Mail, "to"> };

async function readFile(key: string): Promise<Buffer> {
  const { body } = await fileStore().get(key);
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** The recipients' email of a completed run. Throws when the file cannot be attached or linked (the slot then fails with why). */
async function compose(slot: SlotRow, run: ReportRun, summary: RunSummary, opts: DeliverOptions): Promise<Composed> {
  const plan = planForRun(run);
  const columns = plan.datasets[0].columns;
  const unitOf = (c: Column): Unit | null => (run.reportType === "custom" && c.key in METRICS ? METRICS[c.key as MetricId].unit : null);
  // the period the run resolved (stored on the slot by start.ts)
  const range = { start: slot.period_start ?? "", end: slot.period_end ?? "" };
  const totals = summary.totals ?? {};
  const keyNumbers = columns
    .filter((c) => NUMERIC.has(c.kind) && c.key in totals)
    .slice(0, KEY_NUMBERS)
    .map((c) => ({ label: c.label, value: show(totals[c.key], c, unitOf(c)) }));
  // a small table when there is more than the totals to show (a custom report without dimensions is its totals)
  const shown = columns.slice(0, INLINE_COLUMNS);
  const hasTable = summary.head.length > 0 && (run.reportType !== "custom" || columns.some((c) => !(c.key in METRICS)));
  const table = hasTable
    ? { columns: shown.map((c) => c.label), rows: summary.head.map((r) => shown.map((c) => show(r[c.key], c, unitOf(c)))), more: Math.max(0, (run.rowCount ?? 0) - summary.head.length) }
    : null;

  let attachment: Attachment | null = null;
  let link: { url: string; expiresAt: Date } | null = null;
  const size = Number(run.fileSizeBytes ?? 0);
  if (slot.format !== "none") {
    if (!run.fileKey || run.fileDeletedAt) throw new Error("the run's file is gone");
    if (size <= (opts.attachLimit ?? attachLimitBytes())) {
      attachment = { filename: run.fileName ?? "report", content: await readFile(run.fileKey), contentType: CONTENT_TYPES[(run.format ?? "csv") as FileFormat] };
    } else {
      const signed = recipientLink(run);
      if (!signed) throw new Error("the file is too big to attach and the report has no owner to sign its download link for");
      link = { url: publicUrl(signed.url, run.linkOrigin ?? undefined), expiresAt: signed.expiresAt };
    }
  }
  const rendered = await scheduledReportEmail({
    name: slot.name,
    period: range.start === range.end ? range.start : `${range.start} to ${range.end}`,
    timezone: plan.timezone,
    keyNumbers,
    table,
    fileName: attachment?.filename ?? null,
    link: link ? { ...link, fileName: run.fileName ?? "report", sizeBytes: size } : null,
  });
  return { mail: { ...rendered, attachments: attachment ? [attachment] : undefined, kind: MAIL_KIND, ref: slot.id } };
}

// ── sending ─────────────────────────────────────────────────────────────────

/** Sends the slot's pending deliveries that are due, each claimed first; settles the slot when none is left pending. */
async function sendPending(db: Db, slot: SlotRow, compose: () => Promise<Composed>, now: Date, send: Sender) {
  const pending = await db.reportDelivery.findMany({
    where: { slotId: slot.id, status: "pending", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
  });
  let composed: Composed | null = null;
  for (const d of pending) {
    // the claim re-checks that the delivery is due: of two dispatchers, the second finds the lease and skips it
    const claim = await db.reportDelivery.updateMany({
      where: { id: d.id, status: "pending", attempts: d.attempts, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS), updatedAt: now },
    });
    if (!claim.count) continue;
    // an earlier process that sent (or began to send) and died before recording it: not sent again
    const earlier = await db.outboxEmail.findFirst({
      where: { kind: MAIL_KIND, ref: slot.id, toAddress: d.recipient, status: { in: ["outbox", "sent", "sending"] } }, select: { id: true, status: true },
    });
    if (earlier) {
      await db.reportDelivery.update({
        where: { id: d.id },
        data: earlier.status === "sending"
          ? { status: "failed", error: "the process stopped during the send; not sent again to avoid a duplicate", outboxEmailId: earlier.id, nextAttemptAt: null, updatedAt: now }
          : { status: "sent", error: null, outboxEmailId: earlier.id, nextAttemptAt: null, updatedAt: now },
      });
      continue;
    }
    composed ??= await compose();
    let r: SendResult;
    try {
      r = await send(db, { ...composed.mail, to: d.recipient });
    } catch (err) {
      r = { id: "", status: "failed", error: firstLine(err) };
    }
    const attempts = d.attempts + 1;
    if (r.status !== "failed") {
      await db.reportDelivery.update({ where: { id: d.id }, data: { status: "sent", attempts, error: null, outboxEmailId: r.id || null, nextAttemptAt: null, updatedAt: now } });
    } else {
      const last = attempts >= MAX_ATTEMPTS;
      await db.reportDelivery.update({
        where: { id: d.id },
        data: {
          status: last ? "failed" : "pending", attempts, error: r.error ?? "failed", outboxEmailId: r.id || null,
          nextAttemptAt: last ? null : new Date(now.getTime() + RETRY_BACKOFF_MINUTES[attempts - 1] * 60_000), updatedAt: now,
        },
      });
    }
  }
  const left = await db.reportDelivery.groupBy({ by: ["status"], where: { slotId: slot.id }, _count: true });
  const count = (s: string) => left.find((x) => x.status === s)?._count ?? 0;
  if (count("pending")) return;
  if (count("failed")) await failSlot(db, slot, `${count("failed")} of ${count("failed") + count("sent")} recipients failed`, now, send);
  else await slotDelivered(db, slot, "sent", null, now);
}

/** Why the slot is not emailed (its send condition), or null. */
async function skipReason(db: Db, slot: SlotRow, run: ReportRun, summary: RunSummary): Promise<string | null> {
  if (slot.trigger === "send_now") return null; // "Send now" sends whatever the send condition
  if (slot.send_condition === "if_rows" && isEmpty(run, summary, planForRun(run).datasets[0].columns)) {
    return "skipped: the result is empty (send only if there are rows)";
  }
  if (slot.send_condition === "if_changed") {
    const prev = await db.reportScheduleSlot.findFirst({
      where: { reportId: slot.report_id, status: "sent", scheduledFor: { lt: slot.scheduled_for } }, orderBy: { scheduledFor: "desc" }, select: { rowsHash: true, scheduledFor: true },
    });
    if (prev?.rowsHash === summary.rows_sha256) return `skipped: the result equals the one sent for ${prev.scheduledFor.toISOString()} (send only if changed)`;
  }
  return null;
}

/** A completed run: decide once per recipient (send or skip), then send what is due. Safe to call again and concurrently. */
async function deliverCompleted(db: Db, slot: SlotRow, run: ReportRun, now: Date, opts: DeliverOptions) {
  const send = opts.send ?? sendMail;
  const summary = run.summary as unknown as RunSummary | null;
  if (!summary) return failSlot(db, slot, "the run completed without its summary (written by an older version?)", now, send);
  await db.reportScheduleSlot.update({ where: { id: slot.id }, data: { rowsHash: summary.rows_sha256, rowCount: run.rowCount } });
  if (slot.trigger === "run_now") return slotDelivered(db, slot, "completed", "run now: the file was written, not emailed", now);
  if (!(await db.reportDelivery.count({ where: { slotId: slot.id } }))) {
    if (!slot.recipients.length) return failSlot(db, slot, "the report has no recipients", now, send);
    const skip = await skipReason(db, slot, run, summary);
    await db.reportDelivery.createMany({
      data: slot.recipients.map((recipient) => ({ slotId: slot.id, recipient, status: skip ? "skipped" : "pending", error: skip, updatedAt: now })),
      skipDuplicates: true,
    });
    if (skip) return slotDelivered(db, slot, "skipped", skip, now);
  }
  await sendPending(db, slot, () => compose(slot, run, summary, opts), now, send);
}

/** A failed run that nobody will try again: cancelled, out of attempts, or not picked up again within twice the stale limit. */
function finallyFailed(run: ReportRun, now: Date): boolean {
  const { maxAttempts, staleSeconds } = runConfig();
  return run.cancelRequested || run.attempt >= maxAttempts || (run.completedAt != null && run.completedAt.getTime() < now.getTime() - 2 * staleSeconds * 1000);
}

/**
 * Settles the slot of a run that has ended: delivers a completed run, fails
 * the slot of a failed one (`final`: the caller's own attempt just failed).
 * A run still pending or processing is left to its worker (and the runs reaper).
 */
export async function settleRun(db: Db, runId: string, now: Date, opts: DeliverOptions & { final?: boolean } = {}): Promise<string> {
  const [row] = await db.$queryRaw<SlotRow[]>(Prisma.sql`${SLOT_SQL} WHERE s.run_id = ${runId}::uuid`);
  if (!row) return "no slot";
  return settleSlot(db, row, now, opts);
}

async function settleSlot(db: Db, slot: SlotRow, now: Date, opts: DeliverOptions & { final?: boolean }): Promise<string> {
  if (slot.status !== "running") return slot.status;
  const send = opts.send ?? sendMail;
  const run = slot.run_id ? await db.reportRun.findUnique({ where: { id: slot.run_id } }) : null;
  try {
    if (!run) await failSlot(db, slot, slot.run_id ? "the report run was deleted" : "the slot's report run was never created", now, send);
    else if (run.status === "completed") await deliverCompleted(db, slot, run, now, opts);
    else if (run.status === "failed" && (opts.final || finallyFailed(run, now))) await failSlot(db, slot, `the report run failed: ${run.errorMessage ?? "unknown error"}`, now, send);
  } catch (err) {
    await failSlot(db, slot, `failed: ${firstLine(err)}`, now, send);
  }
  return (await db.reportScheduleSlot.findUnique({ where: { id: slot.id }, select: { status: true } }))?.status ?? "deleted";
}

/**
 * Every tick: the running slots that need this process — a completed run not
 * delivered a minute after it ended (its job died), deliveries whose backoff
 * has passed, a failed run nobody retries, a slot left without a run.
 * Returns how many it settled.
 */
export async function settleSlots(db: Db, now: Date, opts: DeliverOptions = {}): Promise<number> {
  const { maxAttempts, staleSeconds } = runConfig();
  const at = now.toISOString();
  // a slot not started within its hour (every dispatcher down or failing since): recorded, never sent late
  await db.$executeRaw(Prisma.sql`
    UPDATE report_schedule_slots SET status = 'missed', finished_at = ${at}::timestamptz,
      reason = 'not started within an hour of its time (the dispatcher was down or failing)'
    WHERE status = 'pending' AND scheduled_for <= ${at}::timestamptz - interval '1 hour'`);
  const rows = await db.$queryRaw<SlotRow[]>(Prisma.sql`${SLOT_SQL}
    LEFT JOIN report_runs x ON x.id = s.run_id
    WHERE s.status = 'running' AND (
      (x.status = 'completed' AND (
        EXISTS (SELECT 1 FROM report_deliveries d WHERE d.slot_id = s.id AND d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ${at}::timestamptz))
        OR (x.completed_at < ${at}::timestamptz - interval '1 minute' AND NOT EXISTS (SELECT 1 FROM report_deliveries d WHERE d.slot_id = s.id))))
      OR (x.status = 'failed' AND (x.cancel_requested OR x.attempt >= ${maxAttempts} OR x.completed_at < ${at}::timestamptz - make_interval(secs => ${2 * staleSeconds})))
      OR (x.id IS NULL AND s.created_at < ${at}::timestamptz - interval '1 hour'))
    ORDER BY s.scheduled_for LIMIT 100`);
  for (const slot of rows) await settleSlot(db, slot, now, opts);
  return rows.length;
}
