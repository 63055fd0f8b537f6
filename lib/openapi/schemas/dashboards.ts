// Answers of the per-user dashboards (US-7.1–7.3): the uploader's, the
// creator's and the creator's earnings. Field meanings: METRICS.md.
import { z } from "zod";
import { compared, periodInfo } from "./values";

const date = z.string().meta({ description: "Bucket start, YYYY-MM-DD (local to the period's zone)." });

export const uploaderDashboard = z
  .object({
    ...compared(
      {
        uploads_count: { description: "Uploads created in the period." },
        total_spent: { description: "Succeeded charges − refunds, dollars." },
        avg_delivery_hours: { nullable: true, description: "Mean hours from upload to completion of the uploads completed in the period." },
        pending_count: { description: "Now: uploads processing or in progress." },
      },
      "Uploader",
    ),
    period: periodInfo,
    spending_trend: z.array(z.object({ date, charges: z.number(), refunds: z.number(), net: z.number() })),
    output_type_breakdown: z.array(z.object({ type: z.string(), code: z.string(), count: z.number(), percent: z.number() })),
    recent_uploads: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.enum(["processing", "in_progress", "completed", "cancelled"]),
        created_at: z.string(),
        completed_at: z.string().nullable(),
      }),
    ),
    upload_status: z.object({
      this_period: z.object({ pending: z.number(), completed: z.number(), cancelled: z.number() }),
      all_time: z.object({ pending: z.number(), completed: z.number(), cancelled: z.number() }),
    }),
  })
  .meta({ id: "UploaderDashboard" });

const vsAverage = z.object({ you: z.number().nullable(), level_average: z.number().nullable() });

export const creatorDashboard = z
  .object({
    ...compared(
      {
        completed_tasks: { description: "Assignments approved in the period." },
        total_earnings: { description: "Creator payout of those assignments, dollars." },
        available_balance: { description: "Now: all-time earnings − payouts pending, processing or completed." },
        avg_rating: { nullable: true, description: "Mean review score, 1–5." },
        on_time_rate: { nullable: true, description: "Percent of completed tasks delivered by their deadline." },
        first_time_approval_rate: { nullable: true, description: "Percent of approved tasks approved without a revision." },
      },
      "Creator",
    ),
    period: periodInfo,
    level_progress: z.object({
      current_level: z.string().nullable(),
      current_level_code: z.string().nullable(),
      next_level: z.string().nullable().meta({ description: "null at the top level." }),
      top_level: z.boolean(),
      tasks_completed: z.number(),
      tasks_required: z.number().nullable(),
      rating_current: z.number().nullable(),
      rating_required: z.number().nullable(),
    }),
    earnings_trend: z.array(z.object({ date, amount: z.number() })),
    rating_trend: z.array(z.object({ date, rating: z.number().nullable() })),
    performance_vs_average: z.object({
      level: z.string().nullable(),
      creators_in_level: z.number(),
      as_of: z.string().nullable(),
      averages_hidden_reason: z.string().nullable().meta({ description: "Why every level_average is null (fewer than 5 creators in the level), else null." }),
      completed_tasks: vsAverage,
      total_earnings: vsAverage,
      avg_rating: vsAverage,
      on_time_rate: vsAverage,
      first_time_approval_rate: vsAverage,
    }),
  })
  .meta({ id: "CreatorDashboard" });

const ranked = z.object({ type: z.string(), code: z.string(), value: z.number() });

export const creatorEarnings = z
  .object({
    range: z.object({
      from: z.string(),
      to: z.string(),
      start: z.string(),
      end: z.string(),
      tz: z.string(),
      granularity: z.enum(["day", "week", "month"]),
    }),
    summary: z.object({
      earnings: z.number(),
      tasks: z.number(),
      hours_worked: z.number().nullable(),
      earnings_per_hour: z.number().nullable(),
      avg_rating: z.number().nullable(),
      reviews: z.number(),
    }),
    by_output_type: z.array(
      z.object({
        type: z.string(),
        code: z.string(),
        tasks: z.number(),
        earnings: z.number(),
        percent: z.number().nullable(),
        hours_worked: z.number().nullable(),
        earnings_per_hour: z.number().nullable(),
        avg_rating: z.number().nullable(),
        reviews: z.number(),
      }),
    ),
    by_period: z.array(z.object({ date, amount: z.number(), tasks: z.number() })),
    best_output_types: z.object({ by_earnings: z.array(ranked), by_earnings_per_hour: z.array(ranked), by_rating: z.array(ranked) }),
    payouts: z.object({
      paid: z.number(),
      in_flight: z.number(),
      trend: z.array(z.object({ date, paid: z.number() })),
      history: z.array(
        z.object({ id: z.string(), amount: z.number(), status: z.string(), method: z.string(), requested_at: z.string(), completed_at: z.string().nullable() }),
      ),
    }),
  })
  .meta({ id: "CreatorEarnings" });
