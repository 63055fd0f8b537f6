// Answers of the admin analytics endpoints (US-7.4–7.7) and the user directory. Field meanings: METRICS.md.
import { z } from "zod";
import { paginated, timestamp } from "../common";
import { compared, periodInfo, withoutAllTime } from "./values";

const activityEvent = z
  .object({
    id: z.string(),
    type: z.enum(["task_claimed", "payment_received", "new_signup", "review_submitted", "upload_completed"]),
    description: z.string(),
    timestamp: z.string(),
  })
  .meta({ id: "ActivityEvent" });

export const activityFeed = z.object({ data_as_of: z.string(), events: z.array(activityEvent) });

const count = (description: string) => ({ description });
export const platformDashboard = z
  .object({
    period: periodInfo,
    data_as_of: z.string(),
    ...compared(
      {
        revenue: count("Σ succeeded charges, dollars."),
        refunds: count("Σ succeeded refunds (positive), dollars."),
        net_revenue: count("revenue − refunds."),
        payouts: count("Σ completed payouts by completed_at."),
        margin: count("Cash margin: revenue − refunds − payouts."),
        creator_earnings: count("Σ approved assignments' creator_payout by completed_at."),
        accrued_margin: count("revenue − refunds − creator earnings."),
        transaction_count: count("Succeeded charges and refunds."),
        new_uploaders: count("Uploaders signed up."),
        new_creators: count("Creators signed up."),
        active_uploaders: count("Distinct uploaders with ≥ 1 upload."),
        active_creators: count("Distinct creators with ≥ 1 completed assignment."),
        assignments_created: count("Assignments created."),
        pending_assignments: count("Now: assignments not finished."),
      },
      "Platform",
    ),
    trends: z.object({
      revenue: z.array(z.object({ date: z.string(), value: z.number(), margin: z.number(), creator_earnings: z.number(), accrued_margin: z.number() })),
      users: z.array(z.object({ date: z.string(), uploaders: z.number(), creators: z.number() })),
      transactions: z.array(z.object({ date: z.string(), count: z.number() })),
    }),
    creator_levels: z.array(z.object({ level: z.string(), level_id: z.string(), name: z.string(), count: z.number(), percent: z.number().nullable() })),
    recent_activity: z.array(activityEvent),
  })
  .meta({ id: "PlatformDashboard" });

const qualityFields = {
  reviews: count("Reviews completed in the period."),
  avg_rating: { nullable: true, description: "Mean overall score, 1–5." },
  first_time_approval_rate: { nullable: true, description: "Percent of approvals whose submission was the first version." },
  revision_rate: { nullable: true, description: "Percent of reviews asking for a revision." },
  rejection_rate: { nullable: true, description: "Percent of reviews rejecting." },
};
const qualityValues = {
  reviews: z.number(),
  avg_rating: z.number().nullable(),
  first_time_approval_rate: z.number().nullable(),
  revision_rate: z.number().nullable(),
  rejection_rate: z.number().nullable(),
};
const qualityNulls = z.object(Object.fromEntries(Object.keys(qualityValues).map((k) => [k, z.number().nullable()])));

export const qualityDashboard = z
  .object({
    period: periodInfo,
    data_as_of: z.string(),
    ...withoutAllTime(qualityFields, "Quality"),
    by_output_type: z.array(
      z.object({ output_type_id: z.string(), code: z.string(), name: z.string(), ...qualityValues, previous: z.object(qualityValues), deltas: qualityNulls }),
    ),
    trend: z.array(z.object({ date: z.string(), ...qualityValues })),
    rating_distribution: z.array(z.object({ bucket: z.string(), min: z.number(), max: z.number(), count: z.number() })),
  })
  .meta({ id: "QualityDashboard" });

export const fraudDashboard = z
  .object({
    period: periodInfo,
    data_as_of: z.string(),
    ...withoutAllTime(
      {
        pending_flags: count("Now: flags waiting for review."),
        resolved_this_period: count("Flags resolved in the period."),
        accounts_suspended: count("Accounts suspended in the period."),
        duplicate_accounts_blocked: count("Signups blocked as duplicates."),
        false_positive_rate: { nullable: true, description: "Percent of auto-resolved flags that were false positives." },
        fraud_prevention_rate: { nullable: true, description: "Percent of confirmed fraud caught before money went out." },
        duplicate_account_detection_rate: { nullable: true, description: "Percent of duplicates blocked at signup." },
      },
      "Fraud",
    ),
    flag_types: z.array(z.object({ type: z.string(), count: z.number() })),
    trend: z.array(z.object({ date: z.string(), flags_created: z.number(), flags_resolved: z.number() })),
    false_positive_rate: z.number().nullable(),
    fraud_prevention_rate: z.number().nullable(),
    duplicate_account_detection_rate: z.number().nullable(),
    rate_counts: z.object({
      auto_resolved: z.number(),
      auto_false_positive: z.number(),
      confirmed: z.number(),
      confirmed_before_money_out: z.number(),
      blocked_at_signup: z.number(),
      duplicates_confirmed_later: z.number(),
    }),
    pending: paginated({
      flags: z.array(
        z.object({
          id: z.string(),
          user_id: z.string(),
          user_name: z.string(),
          user_email: z.string(),
          user_role: z.string(),
          flag_type: z.string(),
          source: z.string(),
          details: z.string().nullable(),
          created_at: z.string(),
        }),
      ),
    }).meta({ description: "A page of the pending flags (`page`/`per_page`)." }),
  })
  .meta({ id: "FraudDashboard" });

const levelInfo = z.object({ level_id: z.string(), code: z.string(), name: z.string(), rank: z.number() }).meta({ id: "CreatorLevel" });

export const creatorLevelStats = z
  .object({
    range: z.object({ start_date: z.string(), end_date: z.string(), start: z.string(), end: z.string() }),
    data_as_of: z.string(),
    levels: z.array(levelInfo),
    current: z.array(z.object({ level_id: z.string(), level_name: z.string(), code: z.string(), count: z.number(), percent: z.number().nullable(), avg_rating: z.number().nullable() })),
    trend: z.array(z.object({ date: z.string(), level_id: z.string(), count: z.number() })),
    trend_computed_days: z.array(z.string()),
    transitions: z.array(z.object({ from_level: z.string(), from_code: z.string(), to_level: z.string(), to_code: z.string(), count: z.number() })),
    joined: z.array(z.object({ level_id: z.string(), code: z.string(), count: z.number() })),
    level_change_rate: z.number().nullable(),
    level_change: z.object({ creators_changed: z.number(), creators_with_level: z.number(), changes: z.number() }),
    avg_days_in_level: z.array(z.object({ level_id: z.string(), code: z.string(), name: z.string(), avg_days: z.number().nullable(), finished_stints: z.number() })),
  })
  .meta({ id: "CreatorLevelStats" });

export const levelCreators = paginated({
  level: levelInfo,
  sort: z.enum(["rating", "completed_tasks", "earnings", "days_in_level"]),
  order: z.enum(["asc", "desc"]),
  creators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      status: z.string(),
      rating: z.number().nullable(),
      reviews: z.number(),
      completed_tasks: z.number(),
      earnings: z.number(),
      entered_level_at: z.string().nullable(),
      days_in_level: z.number().nullable(),
    }),
  ),
});

export const userList = paginated({
  users: z.array(
    z
      .object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        role: z.enum(["uploader", "creator", "admin"]),
        status: z.enum(["active", "suspended"]),
        country: z.string(),
        createdAt: timestamp,
      })
      .meta({ id: "UserListItem" }),
  ),
});


