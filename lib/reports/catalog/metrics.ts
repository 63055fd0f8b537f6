// The metric catalog (US-7.9): every metric a custom report can show, defined
// once per METRICS.md. A metric is an expression over "parts" (per-row inputs
// of one or more facts, facts.ts); the allowed dimensions are those of its
// fact(s). Money stays numeric in SQL; rates are percentages with one decimal
// (null when the denominator is 0), ratings two decimals.
import { Prisma } from "@/lib/generated/prisma/client";
import { DIMENSION_IDS, TIME_DIMENSIONS, type DimensionId } from "./dimensions";
import { FACTS, type FactId } from "./facts";

export const METRIC_IDS = [
  "revenue", "refunds", "net_revenue", "payouts", "margin", "accrued_margin", "transactions",
  "new_uploaders", "new_creators", "active_uploaders", "active_creators", "uploads",
  "assignments_created", "assignments_completed", "assignments_rejected",
  "avg_rating", "first_time_approval_rate", "revision_rate", "rejection_rate",
  "flags_created", "flags_resolved", "events",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];
export type Unit = "money" | "count" | "rate" | "rating" | "hours";

/** A part reference: `<fact>.<part>`. */
export type PartRef = `${FactId}.${string}`;
type P = (ref: PartRef) => Prisma.Sql;

export type Metric = {
  id: MetricId;
  label: string;
  unit: Unit;
  description: string;
  parts: PartRef[];
  /** SQL over the parts' aggregated columns (`p(ref)`); the compiler casts by unit. */
  expr: (p: P) => Prisma.Sql;
  /** Restricts the dimensions to time only (metrics combining facts of different subjects). */
  timeOnly?: boolean;
};

const z0 = (s: Prisma.Sql) => Prisma.sql`COALESCE(${s}, 0)`;
const sum = (ref: PartRef): Omit<Metric, "id" | "label" | "unit" | "description"> => ({ parts: [ref], expr: (p) => z0(p(ref)) });
const pct = (num: PartRef, den: PartRef): Omit<Metric, "id" | "label" | "unit" | "description"> => ({
  parts: [num, den],
  expr: (p) => Prisma.sql`ROUND(100.0 * ${z0(p(num))} / NULLIF(${p(den)}, 0), 1)`,
});


export const METRICS: Record<MetricId, Metric> = {
  revenue: { id: "revenue", label: "Revenue", unit: "money", description: "Σ succeeded charges", ...sum("transactions.revenue") },
  refunds: { id: "refunds", label: "Refunds", unit: "money", description: "Σ succeeded refunds (positive)", ...sum("transactions.refunds") },
  net_revenue: {
    id: "net_revenue", label: "Net revenue", unit: "money", description: "Revenue − refunds",
    parts: ["transactions.revenue", "transactions.refunds"],
    expr: (p) => Prisma.sql`${z0(p("transactions.revenue"))} - ${z0(p("transactions.refunds"))}`,
  },
  payouts: { id: "payouts", label: "Payouts", unit: "money", description: "Σ completed payouts, by completed_at", ...sum("payouts.amount") },
  margin: {
    id: "margin", label: "Platform margin (cash)", unit: "money", description: "Revenue − refunds − payouts", timeOnly: true,
    parts: ["transactions.revenue", "transactions.refunds", "payouts.amount"],
    expr: (p) => Prisma.sql`${z0(p("transactions.revenue"))} - ${z0(p("transactions.refunds"))} - ${z0(p("payouts.amount"))}`,
  },
  accrued_margin: {
    id: "accrued_margin", label: "Accrued margin", unit: "money", description: "Revenue − refunds − creator earnings of approved work", timeOnly: true,
    parts: ["transactions.revenue", "transactions.refunds", "assignments_done.earnings"],
    expr: (p) => Prisma.sql`${z0(p("transactions.revenue"))} - ${z0(p("transactions.refunds"))} - ${z0(p("assignments_done.earnings"))}`,
  },
  transactions: { id: "transactions", label: "Transactions", unit: "count", description: "Succeeded charges and refunds", ...sum("transactions.count") },
  new_uploaders: { id: "new_uploaders", label: "New uploaders", unit: "count", description: "Uploaders signed up", ...sum("signups.uploaders") },
  new_creators: { id: "new_creators", label: "New creators", unit: "count", description: "Creators signed up", ...sum("signups.creators") },
  active_uploaders: { id: "active_uploaders", label: "Active uploaders", unit: "count", description: "Distinct uploaders with ≥ 1 upload", ...sum("uploads.active") },
  active_creators: {
    id: "active_creators", label: "Active creators", unit: "count", description: "Distinct creators with ≥ 1 assignment approved or rejected",
    ...sum("assignments_done.active"),
  },
  uploads: { id: "uploads", label: "Uploads", unit: "count", description: "Uploads created", ...sum("uploads.count") },
  assignments_created: { id: "assignments_created", label: "Assignments created", unit: "count", description: "By created_at", ...sum("assignments_created.count") },
  assignments_completed: { id: "assignments_completed", label: "Assignments completed", unit: "count", description: "Approved, by completed_at", ...sum("assignments_done.completed") },
  assignments_rejected: { id: "assignments_rejected", label: "Assignments rejected", unit: "count", description: "Rejected, by completed_at", ...sum("assignments_done.rejected") },
  avg_rating: {
    id: "avg_rating", label: "Average rating", unit: "rating", description: "Mean review score (1–5)",
    parts: ["reviews.score_sum", "reviews.reviews"],
    expr: (p) => Prisma.sql`ROUND(${z0(p("reviews.score_sum"))} / NULLIF(${p("reviews.reviews")}, 0), 2)`,
  },
  first_time_approval_rate: {
    id: "first_time_approval_rate", label: "First-time approval rate", unit: "rate", description: "Approvals of version-1 submissions ÷ approvals",
    ...pct("reviews.first_approved", "reviews.approved"),
  },
  revision_rate: { id: "revision_rate", label: "Revision rate", unit: "rate", description: "Revision requests ÷ reviews", ...pct("reviews.revisions", "reviews.reviews") },
  rejection_rate: { id: "rejection_rate", label: "Rejection rate", unit: "rate", description: "Rejections ÷ reviews", ...pct("reviews.rejections", "reviews.reviews") },
  flags_created: { id: "flags_created", label: "Flags created", unit: "count", description: "Fraud flags raised", ...sum("flags_created.count") },
  flags_resolved: { id: "flags_resolved", label: "Flags resolved", unit: "count", description: "Fraud flags resolved", ...sum("flags_resolved.count") },
  events: { id: "events", label: "Events", unit: "count", description: "Stored analytics events", ...sum("events.count") },
};

export const factOf = (ref: PartRef) => ref.split(".")[0] as FactId;

/** The dimensions a metric can be grouped or filtered by: time, plus those every one of its facts has. */
export function metricDimensions(id: MetricId): DimensionId[] {
  const m = METRICS[id];
  const time = [...TIME_DIMENSIONS] as DimensionId[];
  if (m.timeOnly) return time;
  const facts = [...new Set(m.parts.map(factOf))];
  const other = DIMENSION_IDS.filter((d) => !time.includes(d) && facts.every((f) => FACTS[f].dims[d]));
  return [...time, ...other];
}
