// The dimensions a custom report can group by or filter on (US-7.9). Time
// dimensions bucket each fact's own timestamp in the report's time zone (weeks
// start Monday); the others are attributes of the fact's row or of its
// subject user (the uploader who paid, the creator who was paid or did the
// work, the flagged or signed-up user, the user behind an event).
import { z } from "zod";

export const TIME_DIMENSIONS = ["day", "week", "month", "quarter"] as const;
export const DIMENSION_IDS = [
  ...TIME_DIMENSIONS,
  "output_type", "creator_level", "country", "role", "flag_type", "payout_method", "transaction_type", "event_type",
  "uploader", "creator", "signup_cohort",
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];

export const isTimeDimension = (d: string): d is TimeDimension => (TIME_DIMENSIONS as readonly string[]).includes(d);

const code = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/, "must be a lowercase code (letters, digits, _ . -)");

export type DimensionMeta = {
  id: DimensionId;
  label: string;
  /** time: buckets of the fact's timestamp (group only); category: a fixed list; user: one user, by email */
  kind: "time" | "category" | "user";
  description: string;
  /** How one filter value must look (values only ever travel as SQL parameters; the pattern keeps junk out of the API). */
  value: z.ZodType<string>;
};

export const DIMENSIONS: Record<DimensionId, DimensionMeta> = {
  day: { id: "day", label: "Day", kind: "time", description: "Calendar day in the report's time zone (YYYY-MM-DD)", value: z.never() },
  week: { id: "week", label: "Week", kind: "time", description: "Week starting Monday, in the report's time zone (its Monday, YYYY-MM-DD)", value: z.never() },
  month: { id: "month", label: "Month", kind: "time", description: "Calendar month in the report's time zone (YYYY-MM)", value: z.never() },
  quarter: { id: "quarter", label: "Quarter", kind: "time", description: "Calendar quarter in the report's time zone (YYYY-Qn)", value: z.never() },
  output_type: { id: "output_type", label: "Output type", kind: "category", description: "Output type code of the assignment", value: code },
  creator_level: {
    id: "creator_level", label: "Creator level", kind: "category", description: "The creator's current level (name); as a filter: creators in level X",
    value: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,49}$/, "must be a level name"),
  },
  country: { id: "country", label: "Country", kind: "category", description: "Country of the user (ISO 3166 alpha-2)", value: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code") },
  role: { id: "role", label: "User role", kind: "category", description: "Role of the user", value: z.enum(["uploader", "creator", "admin"]) },
  flag_type: { id: "flag_type", label: "Flag type", kind: "category", description: "Fraud flag type", value: code },
  payout_method: { id: "payout_method", label: "Payout method", kind: "category", description: "Method of the payout", value: code },
  transaction_type: { id: "transaction_type", label: "Transaction type", kind: "category", description: "charge or refund", value: z.enum(["charge", "refund"]) },
  event_type: { id: "event_type", label: "Event type", kind: "category", description: "Analytics event type", value: code },
  uploader: { id: "uploader", label: "Uploader", kind: "user", description: "The uploader, by email", value: z.email("must be an email address").max(320) },
  creator: { id: "creator", label: "Creator", kind: "user", description: "The creator, by email", value: z.email("must be an email address").max(320) },
  signup_cohort: {
    id: "signup_cohort", label: "Signup cohort", kind: "category", description: "Month the user signed up, in the report's time zone (YYYY-MM)",
    value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM"),
  },
};
