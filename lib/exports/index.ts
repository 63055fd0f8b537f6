// The data exports of US-7.10: one plan per entity (columns, filters, SQL),
// streamed by lib/runs like any report. Date filters are calendar days in the
// export's zone, [start_date, end_date] inclusive, on the entity's own date
// (users: signed up, transactions and assignments: created, payouts: requested).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Column, ReportPlan } from "@/lib/reports/types";
import type { ExportEntity, ExportFilters } from "@/lib/validation/runs";

export type ExportParams = { entity: ExportEntity; filters: ExportFilters; timezone: string };

type Entity = { from: Prisma.Sql; dateColumn: Prisma.Sql; select: Prisma.Sql; columns: Column[]; order: Prisma.Sql; sheet: string };

const ENTITIES: Record<ExportEntity, Entity> = {
  users: {
    sheet: "Users",
    from: Prisma.sql`users u`,
    dateColumn: Prisma.sql`u.created_at`,
    select: Prisma.sql`u.id::text AS id, u.email::text AS email, u.name, u.role::text AS role, u.status::text AS status, u.country,
      u.time_zone, u.is_us_person, u.created_at, u.suspended_at`,
    order: Prisma.sql`u.created_at, u.id`,
    columns: [
      { key: "id", label: "User ID", kind: "text" },
      { key: "email", label: "Email", kind: "text" },
      { key: "name", label: "Name", kind: "text" },
      { key: "role", label: "Role", kind: "text" },
      { key: "status", label: "Status", kind: "text" },
      { key: "country", label: "Country", kind: "text" },
      { key: "time_zone", label: "Time zone", kind: "text" },
      { key: "is_us_person", label: "US person", kind: "boolean" },
      { key: "created_at", label: "Signed up", kind: "datetime" },
      { key: "suspended_at", label: "Suspended", kind: "datetime" },
    ],
  },
  transactions: {
    sheet: "Transactions",
    from: Prisma.sql`payment_transactions t JOIN users u ON u.id = t.uploader_id`,
    dateColumn: Prisma.sql`t.created_at`,
    select: Prisma.sql`t.id::text AS id, t.type::text AS type, t.status::text AS status, t.amount::text AS amount, t.method,
      t.uploader_id::text AS uploader_id, u.email::text AS uploader_email, t.upload_id::text AS upload_id, t.created_at`,
    order: Prisma.sql`t.created_at, t.id`,
    columns: [
      { key: "id", label: "Transaction ID", kind: "text" },
      { key: "type", label: "Type", kind: "text" },
      { key: "status", label: "Status", kind: "text" },
      { key: "amount", label: "Amount", kind: "money" },
      { key: "method", label: "Method", kind: "text" },
      { key: "uploader_id", label: "Uploader ID", kind: "text" },
      { key: "uploader_email", label: "Uploader email", kind: "text" },
      { key: "upload_id", label: "Upload ID", kind: "text" },
      { key: "created_at", label: "Created", kind: "datetime" },
    ],
  },
  assignments: {
    sheet: "Assignments",
    from: Prisma.sql`assignments a JOIN uploads up ON up.id = a.upload_id JOIN output_types o ON o.id = a.output_type_id`,
    dateColumn: Prisma.sql`a.created_at`,
    select: Prisma.sql`a.id::text AS id, a.upload_id::text AS upload_id, up.uploader_id::text AS uploader_id, o.name AS output_type,
      a.creator_id::text AS creator_id, a.status::text AS status, a.price::text AS price, a.creator_payout::text AS creator_payout,
      a.created_at, a.claimed_at, a.due_at, a.completed_at`,
    order: Prisma.sql`a.created_at, a.id`,
    columns: [
      { key: "id", label: "Assignment ID", kind: "text" },
      { key: "upload_id", label: "Upload ID", kind: "text" },
      { key: "uploader_id", label: "Uploader ID", kind: "text" },
      { key: "output_type", label: "Output type", kind: "text" },
      { key: "creator_id", label: "Creator ID", kind: "text" },
      { key: "status", label: "Status", kind: "text" },
      { key: "price", label: "Price", kind: "money" },
      { key: "creator_payout", label: "Creator payout", kind: "money" },
      { key: "created_at", label: "Created", kind: "datetime" },
      { key: "claimed_at", label: "Claimed", kind: "datetime" },
      { key: "due_at", label: "Due", kind: "datetime" },
      { key: "completed_at", label: "Completed", kind: "datetime" },
    ],
  },
  payouts: {
    sheet: "Payouts",
    from: Prisma.sql`payouts p JOIN users u ON u.id = p.creator_id`,
    dateColumn: Prisma.sql`p.requested_at`,
    select: Prisma.sql`p.id::text AS id, p.creator_id::text AS creator_id, u.email::text AS creator_email, p.amount::text AS amount,
      p.status::text AS status, p.method, p.requested_at, p.completed_at`,
    order: Prisma.sql`p.requested_at, p.id`,
    columns: [
      { key: "id", label: "Payout ID", kind: "text" },
      { key: "creator_id", label: "Creator ID", kind: "text" },
      { key: "creator_email", label: "Creator email", kind: "text" },
      { key: "amount", label: "Amount", kind: "money" },
      { key: "status", label: "Status", kind: "text" },
      { key: "method", label: "Method", kind: "text" },
      { key: "requested_at", label: "Requested", kind: "datetime" },
      { key: "completed_at", label: "Completed", kind: "datetime" },
    ],
  },
};

/** The WHERE of an export: its filters as SQL (values bound, never spliced). */
function whereOf(p: ExportParams): Prisma.Sql {
  const e = ENTITIES[p.entity];
  const f = p.filters;
  const conds: Prisma.Sql[] = [];
  if (f.start_date) conds.push(Prisma.sql`${e.dateColumn} >= ((${f.start_date}::date)::timestamp AT TIME ZONE ${p.timezone})`);
  if (f.end_date) conds.push(Prisma.sql`${e.dateColumn} < ((${f.end_date}::date + 1)::timestamp AT TIME ZONE ${p.timezone})`);
  const alias = { users: "u", transactions: "t", assignments: "a", payouts: "p" }[p.entity];
  const status = { users: "user_status", transactions: "transaction_status", assignments: "assignment_status", payouts: "payout_status" }[p.entity];
  if (f.status) conds.push(Prisma.sql`${Prisma.raw(alias)}.status = ${f.status}::${Prisma.raw(status)}`);
  if (f.role) conds.push(Prisma.sql`u.role = ${f.role}::user_role`);
  if (f.creator_id) conds.push(Prisma.sql`${Prisma.raw(alias)}.creator_id = ${f.creator_id}::uuid`);
  if (f.uploader_id) conds.push(p.entity === "assignments" ? Prisma.sql`up.uploader_id = ${f.uploader_id}::uuid` : Prisma.sql`t.uploader_id = ${f.uploader_id}::uuid`);
  return conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
}

export function exportFileStem(p: ExportParams): string {
  const { start_date: s, end_date: e } = p.filters;
  return s || e ? `${p.entity}_${s ?? "start"}_${e ?? "now"}` : `${p.entity}_all`;
}

export function exportPlan(p: ExportParams): ReportPlan {
  const e = ENTITIES[p.entity];
  const where = whereOf(p);
  const parameters: Record<string, string> = { entity: p.entity, timezone: p.timezone };
  for (const [k, v] of Object.entries(p.filters)) if (v !== undefined) parameters[k] = String(v);
  return {
    fileStem: exportFileStem(p),
    datasets: [{ name: e.sheet, columns: e.columns, sql: Prisma.sql`SELECT ${e.select} FROM ${e.from} ${where} ORDER BY ${e.order}` }],
    countSql: Prisma.sql`SELECT count(*)::bigint AS n FROM ${e.from} ${where}`,
    parameters,
    timezone: p.timezone,
  };
}
