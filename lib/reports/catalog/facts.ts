// The facts the catalog's metrics aggregate: one base table each, its row
// predicate and timestamp (lib/rollups/fact-sql.ts, shared with the daily
// metrics and the dashboards), the SQL of each dimension over it, the
// per-row inputs ("parts") the metrics add up, and the rollup table that
// holds the same parts per UTC day when the grain allows.
//
// Every identifier here is a constant of this file; the report compiler only
// ever picks entries by id, and values reach SQL as parameters.
import { Prisma } from "@/lib/generated/prisma/client";
import * as F from "@/lib/rollups/fact-sql";
import type { DimensionId } from "./dimensions";

export const FACT_IDS = ["transactions", "payouts", "signups", "uploads", "assignments_created", "assignments_done", "reviews", "flags_created", "flags_resolved", "events"] as const;
export type FactId = (typeof FACT_IDS)[number];

/** Joins a dimension or part may need, added in this order. */
export type Join = "a" | "user" | "level" | "ot";

/** What SQL fragments may depend on: the report's zone as a parameter. */
export type SqlCtx = { tz: Prisma.Sql };

export type DimSql = { sql: (ctx: SqlCtx) => Prisma.Sql; joins: Join[] };

export type Part = {
  /** The per-row input: summed (sum) or counted once per distinct value (distinct). */
  row: Prisma.Sql;
  agg: "sum" | "distinct";
  joins?: Join[];
  /** The column of the fact's rollup table holding this part's per-day sum. */
  rollup?: string;
};

export type Fact = {
  id: FactId;
  label: string;
  from: Prisma.Sql;
  where: Prisma.Sql;
  time: Prisma.Sql;
  /** SQL of each join by name (a fact lists only the joins it can make). */
  joins: Partial<Record<Join, Prisma.Sql>>;
  dims: Partial<Record<DimensionId, DimSql>>;
  parts: Record<string, Part>;
  /** A table with one row per UTC day (× its dims) holding the parts' sums, written by the rollup jobs. */
  rollup?: { from: Prisma.Sql; date: Prisma.Sql; joins: Prisma.Sql; dims: Partial<Record<DimensionId, Prisma.Sql>> };
};

const raw = Prisma.raw;
const ONE = Prisma.sql`1`;

/** Dimensions of the fact's subject user, whose row is alias `u` (joined) or the fact row itself. */
function userDims(u: string, which: DimensionId[]): Partial<Record<DimensionId, DimSql>> {
  const joins: Join[] = u === "u" ? ["user"] : [];
  const all: Partial<Record<DimensionId, DimSql>> = {
    country: { sql: () => raw(`${u}.country::text`), joins },
    role: { sql: () => raw(`${u}.role::text`), joins },
    creator_level: { sql: () => raw("l.name::text"), joins: [...joins, "level"] },
    uploader: { sql: () => raw(`${u}.email::text`), joins },
    creator: { sql: () => raw(`${u}.email::text`), joins },
    signup_cohort: { sql: (c) => Prisma.sql`to_char(${raw(u)}.created_at AT TIME ZONE ${c.tz}, 'YYYY-MM')`, joins },
  };
  return Object.fromEntries(which.map((d) => [d, all[d]!]));
}
const userJoin = (id: string) => ({ user: raw(`LEFT JOIN users u ON u.id = ${id}`), level: raw("LEFT JOIN creator_levels l ON l.id = u.creator_level_id") });
const OUTPUT_TYPE: DimSql = { sql: () => raw("ot.code::text"), joins: ["ot"] };

const DAILY = { from: raw("daily_metrics d"), date: raw(`d."date"`), joins: Prisma.empty, dims: {} };

export const FACTS: Record<FactId, Fact> = {
  transactions: {
    id: "transactions",
    label: "Succeeded payment transactions, by created_at",
    from: raw("payment_transactions f"),
    where: F.succeededTransaction("f"),
    time: raw("f.created_at"),
    joins: userJoin("f.uploader_id"),
    dims: { transaction_type: { sql: () => raw("f.type::text"), joins: [] }, ...userDims("u", ["country", "uploader", "signup_cohort"]) },
    parts: {
      revenue: { row: Prisma.sql`CASE WHEN ${F.isCharge("f")} THEN f.amount END`, agg: "sum", rollup: "total_revenue" },
      refunds: { row: Prisma.sql`CASE WHEN ${F.isRefund("f")} THEN f.amount END`, agg: "sum", rollup: "total_refunds" },
      count: { row: ONE, agg: "sum", rollup: "transaction_count" },
    },
    rollup: DAILY,
  },
  payouts: {
    id: "payouts",
    label: "Completed payouts, by completed_at",
    from: raw("payouts f"),
    where: F.completedPayout("f"),
    time: raw("f.completed_at"),
    joins: userJoin("f.creator_id"),
    dims: { payout_method: { sql: () => raw("f.method::text"), joins: [] }, ...userDims("u", ["country", "creator_level", "creator", "signup_cohort"]) },
    parts: { amount: { row: raw("f.amount"), agg: "sum", rollup: "total_payouts" } },
    rollup: DAILY,
  },
  signups: {
    id: "signups",
    label: "Uploader and creator signups, by users.created_at",
    from: raw("users f"),
    where: F.signupRole("f"),
    time: raw("f.created_at"),
    joins: { level: raw("LEFT JOIN creator_levels l ON l.id = f.creator_level_id") },
    dims: userDims("f", ["country", "role", "creator_level", "signup_cohort"]),
    parts: {
      uploaders: { row: Prisma.sql`CASE WHEN ${F.isUploader("f")} THEN 1 END`, agg: "sum", rollup: "new_uploaders" },
      creators: { row: Prisma.sql`CASE WHEN ${F.isCreator("f")} THEN 1 END`, agg: "sum", rollup: "new_creators" },
    },
    rollup: DAILY,
  },
  uploads: {
    id: "uploads",
    label: "Uploads, by created_at",
    from: raw("uploads f"),
    where: Prisma.sql`TRUE`,
    time: raw("f.created_at"),
    joins: userJoin("f.uploader_id"),
    dims: userDims("u", ["country", "uploader", "signup_cohort"]),
    parts: {
      count: { row: ONE, agg: "sum", rollup: "uploads_count" },
      // the dashboard's definition (admin-active-users.ts): distinct users of role uploader
      active: { row: Prisma.sql`CASE WHEN ${F.isUploader("u")} THEN f.uploader_id END`, agg: "distinct", joins: ["user"] },
    },
    rollup: DAILY,
  },
  assignments_created: {
    id: "assignments_created",
    label: "Assignments, by created_at",
    from: raw("assignments f"),
    where: Prisma.sql`TRUE`,
    time: raw("f.created_at"),
    joins: { ...userJoin("f.creator_id"), ot: raw("LEFT JOIN output_types ot ON ot.id = f.output_type_id") },
    dims: { output_type: OUTPUT_TYPE, ...userDims("u", ["country", "creator_level", "creator", "signup_cohort"]) },
    parts: { count: { row: ONE, agg: "sum", rollup: "assignments_created" } },
    rollup: DAILY,
  },
  assignments_done: {
    id: "assignments_done",
    label: "Assignments approved or rejected, by completed_at",
    from: raw("assignments f"),
    where: F.doneAssignment("f"),
    time: raw("f.completed_at"),
    joins: { ...userJoin("f.creator_id"), ot: raw("LEFT JOIN output_types ot ON ot.id = f.output_type_id") },
    dims: { output_type: OUTPUT_TYPE, ...userDims("u", ["country", "creator_level", "creator", "signup_cohort"]) },
    parts: {
      completed: { row: Prisma.sql`CASE WHEN ${F.approvedAssignment("f")} THEN 1 END`, agg: "sum", rollup: "assignments_completed" },
      rejected: { row: Prisma.sql`CASE WHEN ${F.rejectedAssignment("f")} THEN 1 END`, agg: "sum", rollup: "assignments_rejected" },
      earnings: { row: Prisma.sql`CASE WHEN ${F.approvedAssignment("f")} THEN f.creator_payout END`, agg: "sum", rollup: "total_creator_earnings" },
      // the dashboard's definition (admin-active-users.ts): distinct users of role creator
      active: { row: Prisma.sql`CASE WHEN ${F.isCreator("u")} THEN f.creator_id END`, agg: "distinct", joins: ["user"] },
    },
    rollup: DAILY,
  },
  reviews: {
    id: "reviews",
    label: "Reviews, by completed_at",
    // aliased r: the first-approval fragment probes r.submission_id
    from: raw("reviews r"),
    where: Prisma.sql`TRUE`,
    time: raw("r.completed_at"),
    joins: {
      a: raw("JOIN assignments a ON a.id = r.assignment_id"),
      ...userJoin("a.creator_id"),
      ot: raw("LEFT JOIN output_types ot ON ot.id = a.output_type_id"),
    },
    dims: {
      output_type: { sql: () => raw("ot.code::text"), joins: ["a", "ot"] },
      ...Object.fromEntries(
        Object.entries(userDims("u", ["country", "creator_level", "creator", "signup_cohort"])).map(([k, v]) => [k, { ...v, joins: ["a", ...v!.joins] }]),
      ),
    },
    parts: {
      reviews: { row: ONE, agg: "sum", rollup: "reviews" },
      score_sum: { row: raw("r.overall_score"), agg: "sum", rollup: "score_sum" },
      approved: { row: Prisma.sql`CASE WHEN ${F.approvedReview("r")} THEN 1 END`, agg: "sum", rollup: "approved" },
      first_approved: { row: Prisma.sql`CASE WHEN ${F.firstApproval} THEN 1 END`, agg: "sum", rollup: "first_approved" },
      revisions: { row: Prisma.sql`CASE WHEN ${F.revisionReview("r")} THEN 1 END`, agg: "sum", rollup: "revisions" },
      rejections: { row: Prisma.sql`CASE WHEN ${F.rejectedReview("r")} THEN 1 END`, agg: "sum", rollup: "rejections" },
    },
    // review_daily_stats: UTC day × output type (lib/rollups/creator-stats.ts)
    rollup: {
      from: raw("review_daily_stats d"),
      date: raw(`d."date"`),
      joins: raw("LEFT JOIN output_types ot ON ot.id = d.output_type_id"),
      dims: { output_type: raw("ot.code::text") },
    },
  },
  flags_created: {
    id: "flags_created",
    label: "Fraud flags, by created_at",
    from: raw("fraud_flags f"),
    where: Prisma.sql`TRUE`,
    time: raw("f.created_at"),
    joins: userJoin("f.user_id"),
    dims: { flag_type: { sql: () => raw("f.flag_type::text"), joins: [] }, ...userDims("u", ["country", "role", "signup_cohort"]) },
    parts: { count: { row: ONE, agg: "sum", rollup: "flags_created" } },
    rollup: DAILY,
  },
  flags_resolved: {
    id: "flags_resolved",
    label: "Fraud flags, by resolved_at",
    from: raw("fraud_flags f"),
    where: Prisma.sql`TRUE`,
    time: raw("f.resolved_at"),
    joins: userJoin("f.user_id"),
    dims: { flag_type: { sql: () => raw("f.flag_type::text"), joins: [] }, ...userDims("u", ["country", "role", "signup_cohort"]) },
    parts: { count: { row: ONE, agg: "sum", rollup: "flags_resolved" } },
    rollup: DAILY,
  },
  events: {
    id: "events",
    label: "Analytics events, by created_at",
    from: raw("analytics_events f"),
    where: Prisma.sql`TRUE`,
    time: raw("f.created_at"),
    joins: userJoin("f.user_id"),
    dims: { event_type: { sql: () => raw("f.event_type::text"), joins: [] }, ...userDims("u", ["country", "role", "signup_cohort"]) },
    parts: { count: { row: ONE, agg: "sum" } },
  },
};
