// Uploader dashboard (US-7.1) and the uploads list, for one uploader, in the
// viewer's time zone. Definitions: /work/shared/METRICS.md. Every query starts
// from `mine` (this uploader) plus a time range, so none can leak another
// user's rows; the queries run in parallel.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { periodRanges, type Range } from "@/lib/period";
import type { UploadStatusFilter } from "@/lib/validation/uploader";
import { bucketIndex, bucketSet, fillBuckets } from "./buckets-sql";
import { periodInfo, type PeriodInfo, type UserPeriod } from "./period-info";
import { before, col, ts, within } from "./sql-range";
import type { FieldSpecs } from "./deltas";
import { compared, money, numberOrNull, type Compared } from "./values";
import { clockNow } from "@/lib/clock";

type UploadStatus = "processing" | "in_progress" | "completed" | "cancelled";

export type UploaderSummary = {
  uploads_count: number;
  total_spent: number;
  avg_delivery_hours: number | null;
  /** now: uploads not completed or cancelled */
  pending_count: number;
};

/** Each summary value's kind (its delta's unit) and which way is good news. */
export const UPLOADER_FIELDS: FieldSpecs<keyof UploaderSummary> = {
  uploads_count: { kind: "count" },
  total_spent: { kind: "money", better: "neutral" },
  avg_delivery_hours: { kind: "hours", better: "down" },
  pending_count: { kind: "count" },
};

/** One trend bucket: succeeded charges and refunds (both ≥ 0) and net = charges − refunds. */
export type SpendingPoint = { date: string; charges: number; refunds: number; net: number };

export type StatusCounts = { pending: number; completed: number; cancelled: number };

export type RecentUpload = { id: string; title: string; status: UploadStatus; created_at: string; completed_at: string | null };

export type UploaderDashboard = Compared<UploaderSummary> & {
  period: PeriodInfo;
  spending_trend: SpendingPoint[];
  output_type_breakdown: { type: string; code: string; count: number; percent: number }[];
  recent_uploads: RecentUpload[];
  /** Status now of the uploads created in the period / ever ("pending vs completed"). */
  upload_status: { this_period: StatusCounts; all_time: StatusCounts };
};

export type DashboardOptions = { period: UserPeriod; timeZone: string; now?: Date };

const RECENT = 5;

/** The base condition of every query here: this uploader's rows. */
const mine = (column: string, uploaderId: string) => Prisma.sql`${col(column)} = ${uploaderId}::uuid`;

/** Hours as numeric; averaged and rounded to one decimal in SQL. */
const deliveryHours = Prisma.sql`extract(epoch FROM u.completed_at - u.created_at) / 3600`;
const deliveredIn = (r: Range) => Prisma.sql`u.status = 'completed' AND ${within(Prisma.sql`u.completed_at`, r)}`;
const PENDING = Prisma.sql`u.status IN ('processing', 'in_progress')`;

type UploadsRow = {
  uploads_cur: number; uploads_prev: number; uploads_all: number;
  delivery_cur: number | null; delivery_prev: number | null; delivery_all: number | null;
  pending_cur: number; completed_cur: number; cancelled_cur: number;
  pending_all: number; completed_all: number; cancelled_all: number;
};

function uploadsQuery(db: Db, id: string, cur: Range, prev: Range) {
  const created = Prisma.sql`u.created_at`;
  const inCur = within(created, cur);
  return db.$queryRaw<UploadsRow[]>(Prisma.sql`
    SELECT
      count(*) FILTER (WHERE ${inCur})::int AS uploads_cur,
      count(*) FILTER (WHERE ${within(created, prev)})::int AS uploads_prev,
      count(*)::int AS uploads_all,
      round(avg(${deliveryHours}) FILTER (WHERE ${deliveredIn(cur)}), 1)::float8 AS delivery_cur,
      round(avg(${deliveryHours}) FILTER (WHERE ${deliveredIn(prev)}), 1)::float8 AS delivery_prev,
      round(avg(${deliveryHours}) FILTER (WHERE u.status = 'completed' AND ${before(Prisma.sql`u.completed_at`, cur.end)}), 1)::float8 AS delivery_all,
      count(*) FILTER (WHERE ${inCur} AND ${PENDING})::int AS pending_cur,
      count(*) FILTER (WHERE ${inCur} AND u.status = 'completed')::int AS completed_cur,
      count(*) FILTER (WHERE ${inCur} AND u.status = 'cancelled')::int AS cancelled_cur,
      count(*) FILTER (WHERE ${PENDING})::int AS pending_all,
      count(*) FILTER (WHERE u.status = 'completed')::int AS completed_all,
      count(*) FILTER (WHERE u.status = 'cancelled')::int AS cancelled_all
    FROM uploads u
    WHERE ${mine("u.uploader_id", id)} AND ${before(created, cur.end)}`);
}

/** Uploader spent: succeeded charges − succeeded refunds, by created_at. */
const SIGNED = Prisma.sql`CASE WHEN t.type = 'charge' THEN t.amount ELSE -t.amount END`;
const spendBase = (id: string) => Prisma.sql`${mine("t.uploader_id", id)} AND t.status = 'succeeded'`;

function spentQuery(db: Db, id: string, cur: Range, prev: Range) {
  const created = Prisma.sql`t.created_at`;
  return db.$queryRaw<{ spent_cur: string; spent_prev: string; spent_all: string }[]>(Prisma.sql`
    SELECT
      coalesce(sum(${SIGNED}) FILTER (WHERE ${within(created, cur)}), 0)::text AS spent_cur,
      coalesce(sum(${SIGNED}) FILTER (WHERE ${within(created, prev)}), 0)::text AS spent_prev,
      coalesce(sum(${SIGNED}), 0)::text AS spent_all
    FROM payment_transactions t
    WHERE ${spendBase(id)} AND ${before(created, cur.end)}`);
}

/** Charges and refunds per bucket as two series (METRICS.md "uploader spending trend"): a refund-only bucket is not negative spending. */
async function spendingTrend(db: Db, id: string, r: ReturnType<typeof periodRanges>): Promise<SpendingPoint[]> {
  const set = bucketSet(r.current, r.granularity, r.timeZone);
  const rows = await db.$queryRaw<{ b: number; charges: string; refunds: string; net: string }[]>(Prisma.sql`
    SELECT ${bucketIndex(Prisma.sql`t.created_at`, set)} AS b,
      coalesce(sum(t.amount) FILTER (WHERE t.type = 'charge'), 0)::text AS charges,
      coalesce(sum(t.amount) FILTER (WHERE t.type = 'refund'), 0)::text AS refunds,
      sum(${SIGNED})::text AS net
    FROM payment_transactions t
    WHERE ${spendBase(id)} AND ${within(Prisma.sql`t.created_at`, r.current)}
    GROUP BY 1`);
  return fillBuckets(set, rows, (date, row) => ({ date, charges: money(row?.charges), refunds: money(row?.refunds), net: money(row?.net) }));
}

/**
 * Outputs received: this uploader's assignments that were delivered and
 * accepted — status 'approved' with completed_at in the period. Rejected,
 * cancelled and still-open outputs were not received.
 */
function breakdownQuery(db: Db, id: string, cur: Range) {
  // Probe the uploader's uploads for their outputs (OFFSET 0 keeps the lateral
  // join from being flattened into a scan of every assignment completed in
  // the period, platform-wide). An upload completed before the period cannot
  // have an output completed in it: it is completed when its last output is.
  return db.$queryRaw<{ type: string; code: string; count: number; percent: number }[]>(Prisma.sql`
    SELECT ot.name AS type, ot.code, count(*)::int AS count,
      round(100.0 * count(*) / sum(count(*)) OVER (), 1)::float8 AS percent
    FROM uploads u
    CROSS JOIN LATERAL (
      SELECT a.output_type_id FROM assignments a
      WHERE a.upload_id = u.id AND a.status = 'approved' AND ${within(Prisma.sql`a.completed_at`, cur)}
      OFFSET 0) a
    JOIN output_types ot ON ot.id = a.output_type_id
    WHERE ${mine("u.uploader_id", id)} AND ${before(Prisma.sql`u.created_at`, cur.end)}
      AND NOT (u.status = 'completed' AND u.completed_at < ${ts(cur.start)})
    GROUP BY ot.id, ot.name, ot.code
    ORDER BY count DESC, ot.name`);
}

function recentQuery(db: Db, id: string, now: Date) {
  return db.$queryRaw<{ id: string; title: string; status: UploadStatus; created_at: Date; completed_at: Date | null }[]>(Prisma.sql`
    SELECT u.id, u.title, u.status::text AS status, u.created_at, u.completed_at
    FROM uploads u
    WHERE ${mine("u.uploader_id", id)} AND ${before(Prisma.sql`u.created_at`, now)}
    ORDER BY u.created_at DESC, u.id DESC
    LIMIT ${RECENT}`);
}

export async function uploaderDashboard(db: Db, uploaderId: string, opts: DashboardOptions): Promise<UploaderDashboard> {
  const r = periodRanges(opts.period, opts.timeZone, opts.now ?? clockNow());
  const { current: cur, previous: prev } = r;
  const [[u], [s], trend, breakdown, recent] = await Promise.all([
    uploadsQuery(db, uploaderId, cur, prev),
    spentQuery(db, uploaderId, cur, prev),
    spendingTrend(db, uploaderId, r),
    breakdownQuery(db, uploaderId, cur),
    recentQuery(db, uploaderId, cur.end),
  ]);
  const block = compared<UploaderSummary, "pending_count">(
    UPLOADER_FIELDS,
    { uploads_count: u.uploads_cur, total_spent: money(s.spent_cur), avg_delivery_hours: numberOrNull(u.delivery_cur), pending_count: u.pending_all },
    { uploads_count: u.uploads_prev, total_spent: money(s.spent_prev), avg_delivery_hours: numberOrNull(u.delivery_prev) },
    { uploads_count: u.uploads_all, total_spent: money(s.spent_all), avg_delivery_hours: numberOrNull(u.delivery_all), pending_count: u.pending_all },
    ["pending_count"],
  );
  return {
    period: periodInfo(r),
    ...block,
    spending_trend: trend,
    output_type_breakdown: breakdown,
    recent_uploads: recent.map((x) => ({
      id: x.id, title: x.title, status: x.status, created_at: x.created_at.toISOString(), completed_at: x.completed_at?.toISOString() ?? null,
    })),
    upload_status: {
      this_period: { pending: u.pending_cur, completed: u.completed_cur, cancelled: u.cancelled_cur },
      all_time: { pending: u.pending_all, completed: u.completed_all, cancelled: u.cancelled_all },
    },
  };
}


// ---- the uploads list (/dashboard/uploads) ----

export const UPLOADS_PER_PAGE = 20;

export type UploadRow = RecentUpload & { outputs: number; outputs_delivered: number; spent: number };
export type UploadsPage = { uploads: UploadRow[]; total: number; page: number; per_page: number };

function statusFilter(status: UploadStatusFilter | undefined): Prisma.Sql {
  if (!status) return Prisma.sql`TRUE`;
  if (status === "pending") return PENDING;
  return Prisma.sql`u.status = ${status}::upload_status`;
}

export async function uploaderUploads(db: Db, uploaderId: string, opts: { page: number; status?: UploadStatusFilter }): Promise<UploadsPage> {
  const where = Prisma.sql`${mine("u.uploader_id", uploaderId)} AND ${statusFilter(opts.status)}`;
  const offset = (opts.page - 1) * UPLOADS_PER_PAGE;
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<(Omit<RecentUpload, "created_at" | "completed_at"> & { created_at: Date; completed_at: Date | null; outputs: number; outputs_delivered: number; spent: string })[]>(Prisma.sql`
      SELECT u.id, u.title, u.status::text AS status, u.created_at, u.completed_at,
        o.outputs, o.outputs_delivered, p.spent
      FROM uploads u
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS outputs, count(*) FILTER (WHERE a.status = 'approved')::int AS outputs_delivered
        FROM assignments a WHERE a.upload_id = u.id) o
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(${SIGNED}), 0)::text AS spent
        FROM payment_transactions t WHERE t.upload_id = u.id AND t.status = 'succeeded') p
      WHERE ${where}
      ORDER BY u.created_at DESC, u.id DESC
      LIMIT ${UPLOADS_PER_PAGE} OFFSET ${offset}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM uploads u WHERE ${where}`),
  ]);
  return {
    uploads: rows.map((x) => ({
      ...x, spent: money(x.spent), created_at: x.created_at.toISOString(), completed_at: x.completed_at?.toISOString() ?? null,
    })),
    total,
    page: opts.page,
    per_page: UPLOADS_PER_PAGE,
  };
}
