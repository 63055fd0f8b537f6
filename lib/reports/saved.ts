// Saved reports (US-7.9, §3 saved_reports, §4.2): a report config kept as a
// template, optionally scheduled (cron in its zone) and emailed to
// recipients. Admins share the list; created_by is the owner, who gets the
// failure notices. The API routes and the pages call these functions.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/api";
import { describeSchedule, nextRunAfter } from "@/lib/schedules";
import type { SavedReportInput } from "@/lib/validation/custom-reports";

export type SavedReportJson = {
  id: string;
  name: string;
  description: string | null;
  report_type: string;
  config: unknown;
  is_scheduled: boolean;
  schedule_cron: string | null;
  /** The schedule in words with its zone ("At 09:00, only on Monday, Europe/Paris"), null when there is none. */
  schedule_description: string | null;
  recipients: string[];
  timezone: string;
  format: string;
  send_condition: string;
  next_run_at: string | null;
  last_run_at: string | null;
  last_run_status: string | null;
  /** Why the last run failed, was skipped or missed (its slot's reason), else null. */
  last_run_reason: string | null;
  owner: { id: string; email: string; name: string } | null;
  created_at: string | null;
  updated_at: string | null;
};

/** The schedule in words, with its zone ("Every Monday at 09:00, Europe/Paris"). */
export function scheduleWords(cron: string | null, tz: string): string | null {
  if (!cron) return null;
  try {
    return describeSchedule(cron, tz);
  } catch {
    return `${cron} (${tz})`;
  }
}

/** The next instant a schedule fires after `after`, in its zone; null when not scheduled. */
export function nextRunAt(input: { is_scheduled: boolean; schedule_cron?: string | null; timezone: string }, after: Date): Date | null {
  if (!input.is_scheduled || !input.schedule_cron) return null;
  return nextRunAfter(input.schedule_cron, input.timezone, after);
}

const include = { creator: { select: { id: true, email: true, name: true } } } as const;
type Row = NonNullable<Awaited<ReturnType<Db["savedReport"]["findFirst"]>>> & { creator: { id: string; email: string; name: string } | null };

/** The reason of each report's latest finished slot (one index probe per report). */
async function lastReasons(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db.$queryRaw<{ id: string; reason: string | null }[]>(Prisma.sql`
    SELECT r.id::text, l.reason FROM unnest(${`{${ids.join(",")}}`}::uuid[]) AS r(id)
    CROSS JOIN LATERAL (SELECT s.reason FROM report_schedule_slots s WHERE s.report_id = r.id AND s.finished_at IS NOT NULL
      ORDER BY s.scheduled_for DESC LIMIT 1) l`);
  return new Map(rows.map((r) => [r.id, r.reason]));
}

function toJson(r: Row, reasons: Map<string, string | null> = new Map()): SavedReportJson {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    report_type: r.reportType,
    config: r.config,
    is_scheduled: r.isScheduled ?? false,
    schedule_cron: r.scheduleCron,
    schedule_description: r.isScheduled ? scheduleWords(r.scheduleCron, r.timezone) : null,
    recipients: r.recipients,
    timezone: r.timezone,
    format: r.format,
    send_condition: r.sendCondition,
    next_run_at: r.nextRunAt?.toISOString() ?? null,
    last_run_at: r.lastRunAt?.toISOString() ?? null,
    last_run_status: r.lastRunStatus,
    last_run_reason: r.lastRunStatus && ["failed", "skipped", "missed"].includes(r.lastRunStatus) ? (reasons.get(r.id) ?? null) : null,
    owner: r.creator ? { id: r.creator.id, email: r.creator.email, name: r.creator.name } : null,
    created_at: r.createdAt?.toISOString() ?? null,
    updated_at: r.updatedAt?.toISOString() ?? null,
  };
}

export async function listSavedReports(db: Db): Promise<SavedReportJson[]> {
  const rows = await db.savedReport.findMany({ include, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 500 });
  const reasons = await lastReasons(db, rows.map((r) => r.id));
  return rows.map((r) => toJson(r as Row, reasons));
}

/** One saved report, or 404. */
export async function getSavedReport(db: Db, id: string): Promise<SavedReportJson> {
  const r = await db.savedReport.findUnique({ where: { id }, include });
  if (!r) throw new ApiError(404, "not_found", "report not found");
  return toJson(r as Row, await lastReasons(db, [r.id]));
}

function columns(input: SavedReportInput, now: Date) {
  return {
    name: input.name,
    description: input.description ?? null,
    reportType: input.report_type,
    config: input.config as object,
    isScheduled: input.is_scheduled,
    scheduleCron: input.schedule_cron ?? null,
    recipients: input.recipients,
    timezone: input.timezone,
    format: input.format,
    sendCondition: input.send_condition,
    nextRunAt: nextRunAt(input, now),
    updatedAt: now,
  };
}

export async function createSavedReport(db: Db, ownerId: string, input: SavedReportInput, now = new Date()): Promise<SavedReportJson> {
  const r = await db.savedReport.create({ data: { ...columns(input, now), createdBy: ownerId, createdAt: now }, include });
  return toJson(r as Row);
}

/** Replaces the report's fields (PUT); the owner and run history stay. */
export async function updateSavedReport(db: Db, id: string, input: SavedReportInput, now = new Date()): Promise<SavedReportJson> {
  const found = await db.savedReport.updateMany({ where: { id }, data: columns(input, now) });
  if (!found.count) throw new ApiError(404, "not_found", "report not found");
  return getSavedReport(db, id);
}

/** Deletes the report (its runs go with it: report_runs.report_id cascades). */
export async function deleteSavedReport(db: Db, id: string): Promise<void> {
  const gone = await db.savedReport.deleteMany({ where: { id } });
  if (!gone.count) throw new ApiError(404, "not_found", "report not found");
}
