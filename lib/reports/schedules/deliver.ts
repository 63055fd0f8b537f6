// Running one scheduled slot of a saved report and delivering it: the
// report is computed as of its scheduled instant (relative ranges resolve
// then), `if_rows` skips an empty result and `if_changed` one whose rows hash
// equals the last sent slot's; otherwise every recipient gets the email — the
// report name and period in the subject, the key numbers and a small table
// inline, the file attached per the report's format — with one delivery row
// each. A failed send is retried with backoff (1, 5, 15 minutes); after the
// last failure the slot is failed, the saved reports list shows it in red and
// the owner gets one failure notice.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendMail, type Attachment, type Mail, type SendResult } from "@/lib/mail";
import { scheduledReportEmail, scheduledReportFailedEmail } from "@/lib/mail/templates";
import { previewReport, type ReportResult } from "@/lib/reports/builder";
import { reportConfigSchema } from "@/lib/validation/custom-reports";
import { emitAndKickScheduledReport } from "@/lib/webhooks/emitters";

export const RETRY_BACKOFF_MINUTES = [1, 5, 15];
export const MAX_ATTEMPTS = RETRY_BACKOFF_MINUTES.length + 1;
export const ATTACH_LIMIT_BYTES = 5 * 1024 * 1024;
const INLINE_ROWS = 10;

export type Sender = (db: Db, mail: Mail) => Promise<SendResult>;

type SlotRow = {
  id: string; report_id: string; scheduled_for: Date; status: string; trigger: string; name: string; report_type: string; config: unknown;
  recipients: string[]; format: string; send_condition: string; owner_email: string | null;
};


/** A value as the email shows it (money with two decimals, rates with %, missing as —). */
function show(v: unknown, unit: string): string {
  if (v == null) return unit === "dimension" ? "(none)" : "—";
  if (unit === "money") return `$${Number(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (unit === "rate") return `${Number(v).toFixed(1)}%`;
  if (unit === "rating") return Number(v).toFixed(2);
  if (unit === "count") return Number(v).toLocaleString("en-US");
  return String(v);
}

export function rowsHash(result: ReportResult): string {
  return createHash("sha256").update(JSON.stringify({ rows: result.rows, totals: result.totals })).digest("hex");
}

/** Nothing counted: every total is zero or missing. */
export const isEmpty = (result: ReportResult) => Object.values(result.totals).every((v) => v == null || v === 0);

async function fileOf(result: ReportResult, format: string, stem: string): Promise<Attachment | null> {
  const header = result.columns.map((c) => c.label);
  const rows = result.rows.map((r) => result.columns.map((c) => r[c.id]));
  if (format === "csv") {
    // a cell starting with = + - @ is read as a formula by spreadsheets: prefix it (dimension values only; numbers stay numbers)
    const safe = rows.map((r) => r.map((v) => (typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : v)));
    return { filename: `${stem}.csv`, content: Buffer.from(Papa.unparse([header, ...safe])), contentType: "text/csv" };
  }
  if (format === "json") {
    return { filename: `${stem}.json`, content: Buffer.from(JSON.stringify({ columns: result.columns, rows: result.rows, totals: result.totals, range: result.range }, null, 2)), contentType: "application/json" };
  }
  if (format === "xlsx") {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Report");
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    return { filename: `${stem}.xlsx`, content: Buffer.from(await wb.xlsx.writeBuffer()), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
  }
  return null;
}

async function emailOf(name: string, result: ReportResult, file: Attachment | null): Promise<Omit<Mail, "to">> {
  const period = result.range.start_date === result.range.end_date ? result.range.start_date : `${result.range.start_date} to ${result.range.end_date}`;
  const metrics = result.columns.filter((c) => c.unit !== "dimension");
  const shown = result.rows.slice(0, INLINE_ROWS);
  const rendered = await scheduledReportEmail({
    name,
    period,
    timezone: result.range.timezone,
    keyNumbers: metrics.map((c) => ({ label: c.label, value: show(result.totals[c.id], c.unit) })),
    table: result.columns.some((c) => c.unit === "dimension")
      ? { columns: result.columns.map((c) => c.label), rows: shown.map((r) => result.columns.map((c) => show(r[c.id], c.unit))), more: result.rows.length - shown.length }
      : null,
    fileName: file?.filename ?? null,
  });
  return { ...rendered, attachments: file ? [file] : undefined };
}

async function loadSlot(db: Db, slotId: string): Promise<SlotRow | null> {
  const [row] = await db.$queryRaw<SlotRow[]>(Prisma.sql`
    SELECT s.id::text, s.report_id::text, s.scheduled_for, s.status, s.trigger, r.name, r.report_type, r.config, r.recipients, r.format, r.send_condition,
      u.email::text AS owner_email
    FROM report_schedule_slots s JOIN saved_reports r ON r.id = s.report_id LEFT JOIN users u ON u.id = r.created_by
    WHERE s.id = ${slotId}::uuid`);
  return row ?? null;
}

/** The report's result and mail of a slot (computed as of its scheduled instant). */
async function compose(db: Db, slot: SlotRow) {
  const config = reportConfigSchema.parse(slot.config);
  const result = await previewReport(db, config, slot.scheduled_for);
  const stem = `${slot.name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 60) || "report"}_${result.range.start_date}_${result.range.end_date}`;
  const file = await fileOf(result, slot.format, stem);
  // over 5 MB is never attached (the preview is at most 2,000 aggregated rows, far below it)
  const attach = file && file.content.length <= ATTACH_LIMIT_BYTES ? file : null;
  return { result, mail: await emailOf(slot.name, result, attach) };
}

async function finishSlot(db: Db, slot: SlotRow, status: "sent" | "skipped" | "failed", now: Date, reason: string | null, send: Sender) {
  const done = await db.$executeRaw(Prisma.sql`
    UPDATE report_schedule_slots SET status = ${status}, reason = COALESCE(${reason}, reason), finished_at = ${now.toISOString()}::timestamptz
    WHERE id = ${slot.id}::uuid AND status = 'running'`);
  if (!done) return;
  // webhooks: scheduled_report.sent / .failed ("run now" is computed, not emailed: no event)
  if (status !== "skipped" && slot.trigger !== "run_now") await emitAndKickScheduledReport(db, slot.id, status);
  await db.$executeRaw(Prisma.sql`
    UPDATE saved_reports SET last_run_at = ${now.toISOString()}::timestamptz, last_run_status = ${status} WHERE id = ${slot.report_id}::uuid`);
  if (status === "failed" && slot.owner_email) {
    // one notice per failed slot: the transition above happens once
    const errors = await db.reportDelivery.findMany({ where: { slotId: slot.id, status: "failed" }, select: { recipient: true, error: true } });
    const notice = await scheduledReportFailedEmail({
      name: slot.name, scheduledFor: slot.scheduled_for.toISOString(), reason, failures: errors.map((e) => ({ recipient: e.recipient, error: e.error ?? "failed" })),
    });
    await send(db, {
      to: slot.owner_email,
      ...notice,
      kind: "scheduled_report_failure",
      ref: slot.id,
    });
  }
}

/** Sends the slot's pending deliveries that are due; settles the slot when none is left pending. */
async function sendPending(db: Db, slot: SlotRow, mail: Omit<Mail, "to">, now: Date, send: Sender) {
  const pending = await db.reportDelivery.findMany({
    where: { slotId: slot.id, status: "pending", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
  });
  for (const d of pending) {
    // claim it first: a second dispatcher retrying the same slot skips it (the lease ends with this attempt's outcome)
    const claim = await db.reportDelivery.updateMany({
      where: { id: d.id, status: "pending", attempts: d.attempts },
      data: { attempts: { increment: 0 }, nextAttemptAt: new Date(now.getTime() + 10 * 60_000), updatedAt: now },
    });
    if (!claim.count) continue;
    let r: SendResult;
    try {
      r = await send(db, { ...mail, to: d.recipient, kind: "scheduled_report", ref: slot.id });
    } catch (err) {
      r = { id: "", status: "failed", error: err instanceof Error ? err.message : String(err) };
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
  await finishSlot(db, slot, count("failed") ? "failed" : "sent", now, count("failed") ? `${count("failed")} of ${count("failed") + count("sent")} recipients failed` : null, send);
}

/** Runs a slot the dispatcher created (only its winner calls this; the status check makes a second call a no-op). */
export async function runSlot(db: Db, slotId: string, now: Date, send: Sender = sendMail): Promise<string> {
  const claimed = await db.$executeRaw(Prisma.sql`UPDATE report_schedule_slots SET status = 'running' WHERE id = ${slotId}::uuid AND status = 'pending'`);
  if (!claimed) return "not pending";
  const slot = (await loadSlot(db, slotId))!;
  try {
    if (slot.report_type !== "custom") throw new Error(`scheduled ${slot.report_type} reports are not supported yet (custom reports only)`);
    const { result, mail } = await compose(db, slot);
    const hash = rowsHash(result);
    await db.reportScheduleSlot.update({
      where: { id: slot.id },
      data: { rowsHash: hash, rowCount: result.rows.length, periodStart: new Date(`${result.range.start_date}T00:00:00Z`), periodEnd: new Date(`${result.range.end_date}T00:00:00Z`) },
    });
    let skip: string | null = null;
    if (slot.trigger === "run_now") skip = "run now: computed, not emailed";
    else if (slot.trigger === "send_now") skip = null; // "Send now" sends whatever the send condition
    else if (slot.send_condition === "if_rows" && isEmpty(result)) skip = "skipped: the result is empty (send only if there are rows)";
    else if (slot.send_condition === "if_changed") {
      const prev = await db.reportScheduleSlot.findFirst({
        where: { reportId: slot.report_id, status: "sent", scheduledFor: { lt: slot.scheduled_for } }, orderBy: { scheduledFor: "desc" }, select: { rowsHash: true, scheduledFor: true },
      });
      if (prev?.rowsHash === hash) skip = `skipped: the result equals the one sent for ${prev.scheduledFor.toISOString()} (send only if changed)`;
    }
    await db.reportDelivery.createMany({
      data: slot.recipients.map((recipient) => ({ slotId: slot.id, recipient, status: skip ? "skipped" : "pending", error: skip })),
      skipDuplicates: true,
    });
    if (skip) {
      await finishSlot(db, slot, slot.trigger === "run_now" ? "sent" : "skipped", now, skip, send);
      return slot.trigger === "run_now" ? "sent" : "skipped";
    }
    await sendPending(db, slot, mail, now, send);
  } catch (err) {
    await finishSlot(db, slot, "failed", now, `failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`, send);
  }
  return (await db.reportScheduleSlot.findUnique({ where: { id: slotId }, select: { status: true } }))!.status;
}

/** Retries the deliveries whose backoff has passed (every tick). */
export async function retryDeliveries(db: Db, now: Date, send: Sender = sendMail): Promise<number> {
  const slots = await db.$queryRaw<{ slot_id: string }[]>(Prisma.sql`
    SELECT DISTINCT d.slot_id::text FROM report_deliveries d JOIN report_schedule_slots s ON s.id = d.slot_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= ${now.toISOString()}::timestamptz AND s.status = 'running' LIMIT 100`);
  for (const { slot_id } of slots) {
    const slot = (await loadSlot(db, slot_id))!;
    const { mail } = await compose(db, slot);
    await sendPending(db, slot, mail, now, send);
  }
  return slots.length;
}
