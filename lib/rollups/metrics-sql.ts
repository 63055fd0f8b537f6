// THE daily metrics SQL: every column of daily_metrics for a range of UTC days,
// computed from the base tables exactly as /work/shared/METRICS.md defines it.
// The nightly aggregation (daily-metrics.ts), today's live numbers (live.ts)
// and the reconciliation (reconcile.ts) all embed this one builder, so the
// metric definitions exist once.
//
// Shape: each fact table is aggregated on its own, in one pass over the whole
// requested range, GROUP BY UTC day (one CTE per table and timestamp column);
// generate_series of the days LEFT JOINs each aggregate by date. Nothing is
// joined across fact tables, so nothing is multiplied by a fan-out (the
// specification's aggregate_daily_metrics joins users × transactions ×
// payouts × uploads and does exactly that; it is deliberately not ported).
//
// Every timestamp filter is a sargable range [start, end) on the indexed
// column; the day bucket is `(ts AT TIME ZONE 'UTC')::date`, so the result does
// not depend on the session's TimeZone.
import { Prisma } from "@/lib/generated/prisma/client";
import {
  approvedAssignment, approvedReview, completedPayout, doneAssignment, firstApproval, isCharge, isCreator, isRefund, isUploader,
  rejectedAssignment, revisionReview, signupRole, succeededTransaction,
} from "./fact-sql";
import { assertDay, dayEnd, dayStart, tsParam, type Day } from "./days";

export type MetricKind = "money" | "count" | "rating" | "rate";

/** The metric columns of daily_metrics, in table order, with their SQL type. */
export const METRIC_COLUMNS = [
  { name: "total_revenue", kind: "money" },
  { name: "total_payouts", kind: "money" },
  { name: "total_refunds", kind: "money" },
  { name: "transaction_count", kind: "count" },
  { name: "new_uploaders", kind: "count" },
  { name: "new_creators", kind: "count" },
  { name: "active_uploaders", kind: "count" },
  { name: "active_creators", kind: "count" },
  { name: "uploads_count", kind: "count" },
  { name: "assignments_created", kind: "count" },
  { name: "assignments_completed", kind: "count" },
  { name: "assignments_rejected", kind: "count" },
  { name: "avg_rating", kind: "rating" },
  { name: "first_approval_rate", kind: "rate" },
  { name: "revision_rate", kind: "rate" },
  { name: "flags_created", kind: "count" },
  { name: "flags_resolved", kind: "count" },
  { name: "accounts_suspended", kind: "count" },
  { name: "total_creator_earnings", kind: "money" },
] as const satisfies readonly { name: string; kind: MetricKind }[];

export type MetricColumn = (typeof METRIC_COLUMNS)[number]["name"];
export const METRIC_COLUMN_NAMES: MetricColumn[] = METRIC_COLUMNS.map((c) => c.name);

type ValueOf<K extends MetricKind> = K extends "money" ? string : K extends "count" ? number : number | null;

/**
 * One day of metrics as returned to callers: money as a decimal string
 * ("1234.50"), counts as integers, avg_rating (0–5, 2 decimals) and the two
 * rates (percent 0–100, 2 decimals as stored) as numbers or null when their
 * denominator is zero.
 */
export type DailyMetrics = { date: Day } & {
  [C in (typeof METRIC_COLUMNS)[number] as C["name"]]: ValueOf<C["kind"]>;
};

export type MetricsRange = {
  from: Day;
  to: Day;
  /** Count only rows with timestamps before this instant (today's numbers "so far"). Default: end of `to`. */
  until?: Date;
};

const ident = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);

/** Comma-separated quoted metric column names (constant identifiers, never user input). */
export const metricColumnList = Prisma.raw(METRIC_COLUMN_NAMES.map((c) => `"${c}"`).join(", "));

/**
 * SELECT date, <every metric column> for each UTC day in [from, to], ordered
 * by date; columns carry daily_metrics' exact types (numeric(12,2), integer,
 * numeric(3,2), numeric(5,2)), so results compare and insert without casts.
 */
export function dailyMetricsSql(range: MetricsRange): Prisma.Sql {
  const from = assertDay(range.from, "from");
  const to = assertDay(range.to, "to");
  if (to < from) throw new RangeError(`empty range: ${from} > ${to}`);
  const fullEnd = dayEnd(to);
  const start = tsParam(dayStart(from));
  const end = tsParam(range.until && range.until < fullEnd ? range.until : fullEnd);

  // [start, end) on one timestamp column
  const within = (col: Prisma.Sql) => Prisma.sql`${col} >= ${start}::timestamptz AND ${col} < ${end}::timestamptz`;
  const utcDate = (col: Prisma.Sql) => Prisma.sql`(${col} AT TIME ZONE 'UTC')::date`;

  return Prisma.sql`
WITH
  -- revenue, refunds, transaction count: succeeded transactions by created_at
  tx AS (
    SELECT ${utcDate(Prisma.sql`created_at`)} AS day,
           SUM(amount) FILTER (WHERE ${isCharge()}) AS total_revenue,
           SUM(amount) FILTER (WHERE ${isRefund()}) AS total_refunds,
           COUNT(*) AS transaction_count
    FROM payment_transactions
    WHERE ${succeededTransaction()} AND ${within(Prisma.sql`created_at`)}
    GROUP BY 1),
  -- payouts: completed payouts by completed_at (not requested_at)
  po AS (
    SELECT ${utcDate(Prisma.sql`completed_at`)} AS day, SUM(amount) AS total_payouts
    FROM payouts
    WHERE ${completedPayout()} AND ${within(Prisma.sql`completed_at`)}
    GROUP BY 1),
  -- new uploaders / creators by users.created_at (the role filter lets the (role, created_at) index serve it)
  signups AS (
    SELECT ${utcDate(Prisma.sql`created_at`)} AS day,
           COUNT(*) FILTER (WHERE ${isUploader()}) AS new_uploaders,
           COUNT(*) FILTER (WHERE ${isCreator()}) AS new_creators
    FROM users
    WHERE ${signupRole()} AND ${within(Prisma.sql`created_at`)}
    GROUP BY 1),
  -- accounts suspended by users.suspended_at
  suspensions AS (
    SELECT ${utcDate(Prisma.sql`suspended_at`)} AS day, COUNT(*) AS accounts_suspended
    FROM users
    WHERE ${within(Prisma.sql`suspended_at`)}
    GROUP BY 1),
  -- uploads and active uploaders (distinct uploaders with >= 1 upload created that day)
  up AS (
    SELECT ${utcDate(Prisma.sql`created_at`)} AS day,
           COUNT(*) AS uploads_count,
           COUNT(DISTINCT uploader_id) AS active_uploaders
    FROM uploads
    WHERE ${within(Prisma.sql`created_at`)}
    GROUP BY 1),
  -- assignments created by created_at
  asg_created AS (
    SELECT ${utcDate(Prisma.sql`created_at`)} AS day, COUNT(*) AS assignments_created
    FROM assignments
    WHERE ${within(Prisma.sql`created_at`)}
    GROUP BY 1),
  -- completed (approved) / rejected by completed_at; active creators = distinct
  -- creators with >= 1 assignment completed that day, approved or rejected;
  -- creator earnings = approved assignments' creator_payout (accrued margin)
  asg_done AS (
    SELECT ${utcDate(Prisma.sql`completed_at`)} AS day,
           COUNT(*) FILTER (WHERE ${approvedAssignment()}) AS assignments_completed,
           SUM(creator_payout) FILTER (WHERE ${approvedAssignment()}) AS total_creator_earnings,
           COUNT(*) FILTER (WHERE ${rejectedAssignment()}) AS assignments_rejected,
           COUNT(DISTINCT creator_id) AS active_creators
    FROM assignments
    WHERE ${doneAssignment()} AND ${within(Prisma.sql`completed_at`)}
    GROUP BY 1),
  -- quality: reviews completed that day; the reviewed submission's version is
  -- the review's own copy (REVIEW_VERSION), never a join the planner could
  -- turn into a scan of every submission late in the day
  rv AS (
    SELECT ${utcDate(Prisma.sql`r.completed_at`)} AS day,
           AVG(r.overall_score) AS avg_rating,
           COUNT(*) AS reviews,
           COUNT(*) FILTER (WHERE ${approvedReview()}) AS approved,
           COUNT(*) FILTER (WHERE ${firstApproval}) AS first_approved,
           COUNT(*) FILTER (WHERE ${revisionReview()}) AS revisions
    FROM reviews r
    WHERE ${within(Prisma.sql`r.completed_at`)}
    GROUP BY 1),
  flags_created AS (
    SELECT ${utcDate(Prisma.sql`created_at`)} AS day, COUNT(*) AS flags_created
    FROM fraud_flags
    WHERE ${within(Prisma.sql`created_at`)}
    GROUP BY 1),
  flags_resolved AS (
    SELECT ${utcDate(Prisma.sql`resolved_at`)} AS day, COUNT(*) AS flags_resolved
    FROM fraud_flags
    WHERE ${within(Prisma.sql`resolved_at`)}
    GROUP BY 1),
  days AS (
    SELECT g::date AS day FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS g)
SELECT
  days.day                                                    AS "date",
  COALESCE(tx.total_revenue, 0)::numeric(12,2)                AS total_revenue,
  COALESCE(po.total_payouts, 0)::numeric(12,2)                AS total_payouts,
  COALESCE(tx.total_refunds, 0)::numeric(12,2)                AS total_refunds,
  COALESCE(tx.transaction_count, 0)::integer                  AS transaction_count,
  COALESCE(signups.new_uploaders, 0)::integer                 AS new_uploaders,
  COALESCE(signups.new_creators, 0)::integer                  AS new_creators,
  COALESCE(up.active_uploaders, 0)::integer                   AS active_uploaders,
  COALESCE(asg_done.active_creators, 0)::integer              AS active_creators,
  COALESCE(up.uploads_count, 0)::integer                      AS uploads_count,
  COALESCE(asg_created.assignments_created, 0)::integer       AS assignments_created,
  COALESCE(asg_done.assignments_completed, 0)::integer        AS assignments_completed,
  COALESCE(asg_done.assignments_rejected, 0)::integer         AS assignments_rejected,
  ROUND(rv.avg_rating, 2)::numeric(3,2)                       AS avg_rating,
  ROUND(100.0 * rv.first_approved / NULLIF(rv.approved, 0), 2)::numeric(5,2) AS first_approval_rate,
  ROUND(100.0 * rv.revisions / NULLIF(rv.reviews, 0), 2)::numeric(5,2)       AS revision_rate,
  COALESCE(flags_created.flags_created, 0)::integer           AS flags_created,
  COALESCE(flags_resolved.flags_resolved, 0)::integer         AS flags_resolved,
  COALESCE(suspensions.accounts_suspended, 0)::integer        AS accounts_suspended,
  COALESCE(asg_done.total_creator_earnings, 0)::numeric(12,2) AS total_creator_earnings
FROM days
LEFT JOIN tx             ON tx.day = days.day
LEFT JOIN po             ON po.day = days.day
LEFT JOIN signups        ON signups.day = days.day
LEFT JOIN suspensions    ON suspensions.day = days.day
LEFT JOIN up             ON up.day = days.day
LEFT JOIN asg_created    ON asg_created.day = days.day
LEFT JOIN asg_done       ON asg_done.day = days.day
LEFT JOIN rv             ON rv.day = days.day
LEFT JOIN flags_created  ON flags_created.day = days.day
LEFT JOIN flags_resolved ON flags_resolved.day = days.day
ORDER BY days.day`;
}

/**
 * The JSON-friendly projection of a row with daily_metrics' columns (a stored
 * row or a row of dailyMetricsSql): date as 'YYYY-MM-DD', money as text (exact
 * decimals), counts as int, rating and rates as float8 (2-decimal values,
 * safe as JS numbers; never used for money).
 */
export function metricsProjection(alias: string): Prisma.Sql {
  const a = ident(alias);
  const cols = METRIC_COLUMNS.map((c) => {
    const col = Prisma.sql`${a}.${ident(c.name)}`;
    switch (c.kind) {
      case "money":
        return Prisma.sql`COALESCE(${col}, 0)::text AS ${ident(c.name)}`;
      case "count":
        return Prisma.sql`COALESCE(${col}, 0)::integer AS ${ident(c.name)}`;
      default:
        return Prisma.sql`${col}::float8 AS ${ident(c.name)}`;
    }
  });
  return Prisma.sql`to_char(${a}."date", 'YYYY-MM-DD') AS "date", ${Prisma.join(cols, ", ")}`;
}
