// The row predicates behind every platform metric (METRICS.md), written once
// and embedded by the daily metrics SQL (metrics-sql.ts), the review rollups
// (creator-stats.ts), the admin dashboards' live queries (lib/analytics) and
// the report builder's catalog (lib/reports/catalog): "revenue" is the sum of
// amount over rows where `succeededTransaction AND charge`, wherever it is
// computed.
//
// Each fragment takes the table alias it is written against ("" = unqualified
// column names). Aliases are constants of the calling code, never user input.
import { Prisma } from "@/lib/generated/prisma/client";

const col = (alias: string, name: string) => Prisma.raw(alias ? `${alias}.${name}` : name);

/** Money in: succeeded payment_transactions (charges and refunds), by created_at. */
export const succeededTransaction = (a = "") => Prisma.sql`${col(a, "status")} = 'succeeded'`;
export const isCharge = (a = "") => Prisma.sql`${col(a, "type")} = 'charge'`;
export const isRefund = (a = "") => Prisma.sql`${col(a, "type")} = 'refund'`;

/** Money out: completed payouts, by completed_at (not requested_at). */
export const completedPayout = (a = "") => Prisma.sql`${col(a, "status")} = 'completed'`;

/** Signups counted as new uploaders / creators, by users.created_at. */
export const signupRole = (a = "") => Prisma.sql`${col(a, "role")} IN ('uploader', 'creator')`;
export const isUploader = (a = "") => Prisma.sql`${col(a, "role")} = 'uploader'`;
export const isCreator = (a = "") => Prisma.sql`${col(a, "role")} = 'creator'`;

/** Assignments finished by review (approved or rejected), by completed_at: completed, rejected, active creators, creator earnings. */
export const doneAssignment = (a = "") => Prisma.sql`${col(a, "status")} IN ('approved', 'rejected')`;
export const approvedAssignment = (a = "") => Prisma.sql`${col(a, "status")} = 'approved'`;
export const rejectedAssignment = (a = "") => Prisma.sql`${col(a, "status")} = 'rejected'`;

/** The reviewed submission's version, one primary-key probe per review (reviews must be aliased `r`). */
export const REVIEW_VERSION = Prisma.sql`(SELECT s.version FROM content_submissions s WHERE s.id = r.submission_id)`;

/** Quality (reviews completed in period): decisions, and a first-time approval (approval of a version-1 submission). */
export const approvedReview = (a = "r") => Prisma.sql`${col(a, "decision")} = 'approved'`;
export const revisionReview = (a = "r") => Prisma.sql`${col(a, "decision")} = 'revision_requested'`;
export const rejectedReview = (a = "r") => Prisma.sql`${col(a, "decision")} = 'rejected'`;
export const firstApproval = Prisma.sql`(r.decision = 'approved' AND ${REVIEW_VERSION} = 1)`;
