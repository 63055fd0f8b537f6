// Platform overview (US-7.4): money, people and work for the current UTC
// period so far against the previous period cut at the same point, trends,
// creators by level and the latest activity. Definitions: METRICS.md.
//
// Where each number comes from:
//   * additive metrics (revenue, refunds, payouts, creator earnings,
//     transaction count, signups, assignments created): closed days from daily_metrics, the partial day
//     (today so far / the previous period's last day up to the same time)
//     from the base tables — see periodDailyRows;
//   * active uploaders / creators: distinct over the whole period (a sum of
//     daily distinct counts would count people twice): the rolled-up days from
//     active_user_periods (each user's first active day in the period), the
//     rest (today) from the base tables — admin-active-users.ts;
//   * pending assignments and creators by level: "now" values;
//   * hourly trend of the "day" period: the base tables, grouped by hour.
//
// Two margins (METRICS.md "Money"): the cash margin (revenue − refunds −
// payouts, the card) and the accrued margin (revenue − refunds − creator
// earnings of the period's approved work). The trend chart plots the accrued
// one: payouts are batched weekly, so a cash margin per day shows every payout
// day as a loss.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { buckets, periodRanges, type Granularity, type Period, type Range } from "@/lib/period";
import { computeDailyMetrics, consecutiveRuns, firstDataDay, utcDay, type DailyMetrics } from "@/lib/rollups";
import { recentActivity, type ActivityEvent } from "./activity";
import { activeCounts, allTimeActive } from "./admin-active-users";
import {
  bounds, bucketKey, bucketOfDay, dollars, periodDailyRows, periodInfo, sumCount, sumMoney, toCents, type PeriodInfo,
} from "./admin-shared";
import { deltasByKind, deltaUnits, type DeltaUnit, type FieldSpecs } from "./deltas";
import { clockNow } from "@/lib/clock";

export type PlatformPeriodValues = {
  revenue: number;
  refunds: number;
  net_revenue: number;
  payouts: number;
  /** cash margin: revenue − refunds − payouts */
  margin: number;
  /** Σ approved assignments' creator_payout by completed_at */
  creator_earnings: number;
  /** revenue − refunds − creator earnings */
  accrued_margin: number;
  transaction_count: number;
  new_uploaders: number;
  new_creators: number;
  active_uploaders: number;
  active_creators: number;
  assignments_created: number;
};
export type PlatformSummary = PlatformPeriodValues & { pending_assignments: number };

/** Each summary value's kind (its delta's unit) and which way is good news. */
export const PLATFORM_FIELDS: FieldSpecs<keyof PlatformSummary> = {
  revenue: { kind: "money" },
  refunds: { kind: "money", better: "down" },
  net_revenue: { kind: "money" },
  payouts: { kind: "money", better: "neutral" },
  margin: { kind: "money" },
  creator_earnings: { kind: "money", better: "neutral" },
  accrued_margin: { kind: "money" },
  transaction_count: { kind: "count" },
  new_uploaders: { kind: "count" },
  new_creators: { kind: "count" },
  active_uploaders: { kind: "count" },
  active_creators: { kind: "count" },
  assignments_created: { kind: "count" },
  pending_assignments: { kind: "count" },
};

export type PlatformDashboard = {
  period: PeriodInfo;
  data_as_of: string;
  summary: PlatformSummary;
  /** Every value over all time up to now (METRICS.md "In API responses"); pending_assignments is a "now" value, as in summary. */
  all_time: PlatformSummary;
  /** The previous period; "now" values (pending_assignments) have no previous value. */
  previous: PlatformPeriodValues & { pending_assignments: null };
  deltas: Record<keyof PlatformSummary, number | null>;
  delta_units: Record<keyof PlatformSummary, DeltaUnit>;
  trends: {
    /** value = revenue; margin = cash margin; accrued_margin = what the chart plots */
    revenue: { date: string; value: number; margin: number; creator_earnings: number; accrued_margin: number }[];
    users: { date: string; uploaders: number; creators: number }[];
    transactions: { date: string; count: number }[];
  };
  creator_levels: { level: string; level_id: string; name: string; count: number; percent: number | null }[];
  recent_activity: ActivityEvent[];
};

/** Per-bucket additive totals, exact (cents). */
type Bucket = { revenue: bigint; refunds: bigint; payouts: bigint; earnings: bigint; transactions: number; uploaders: number; creators: number };
const emptyBucket = (): Bucket => ({ revenue: 0n, refunds: 0n, payouts: 0n, earnings: 0n, transactions: 0, uploaders: 0, creators: 0 });

function periodValues(rows: DailyMetrics[], active: { uploaders: number; creators: number }): PlatformPeriodValues {
  const revenue = sumMoney(rows, "total_revenue");
  const refunds = sumMoney(rows, "total_refunds");
  const payouts = sumMoney(rows, "total_payouts");
  const earnings = sumMoney(rows, "total_creator_earnings");
  return {
    revenue: dollars(revenue),
    refunds: dollars(refunds),
    net_revenue: dollars(revenue - refunds),
    payouts: dollars(payouts),
    margin: dollars(revenue - refunds - payouts),
    creator_earnings: dollars(earnings),
    accrued_margin: dollars(revenue - refunds - earnings),
    transaction_count: sumCount(rows, "transaction_count"),
    new_uploaders: sumCount(rows, "new_uploaders"),
    new_creators: sumCount(rows, "new_creators"),
    active_uploaders: active.uploaders,
    active_creators: active.creators,
    assignments_created: sumCount(rows, "assignments_created"),
  };
}

/**
 * Additive totals over every day before now: the closed days' daily_metrics
 * rows summed in SQL, closed days without a row (the nightly job has not run)
 * computed from the base tables, and today's live row (from the current
 * period's rows, which end with it).
 */
async function allTimeRows(db: Db, now: Date, today: DailyMetrics | undefined): Promise<DailyMetrics[]> {
  const todayDay = utcDay(now);
  const first = await firstDataDay(db);
  if (!first || first >= todayDay) return today ? [today] : [];
  const cols = ["total_revenue", "total_refunds", "total_payouts", "total_creator_earnings"] as const;
  const counts = ["transaction_count", "new_uploaders", "new_creators", "assignments_created"] as const;
  const [sums] = await db.$queryRaw<Record<string, string | number>[]>(Prisma.sql`
    SELECT ${Prisma.raw([...cols.map((c) => `COALESCE(sum(${c}), 0)::text AS ${c}`), ...counts.map((c) => `COALESCE(sum(${c}), 0)::int AS ${c}`)].join(", "))}
    FROM daily_metrics WHERE "date" >= ${first}::date AND "date" < ${todayDay}::date`);
  const stored = await db.$queryRaw<{ d: string }[]>(Prisma.sql`
    SELECT to_char(g::date, 'YYYY-MM-DD') AS d FROM generate_series(${first}::date, ${todayDay}::date - 1, interval '1 day') g
    WHERE NOT EXISTS (SELECT 1 FROM daily_metrics m WHERE m."date" = g::date)`);
  const missing = await Promise.all(consecutiveRuns(stored.map((r) => r.d)).map((run) => computeDailyMetrics(db, run)));
  return [sums as unknown as DailyMetrics, ...missing.flat(), ...(today ? [today] : [])];
}

async function pendingAssignments(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM assignments
    WHERE status IN ('open', 'claimed', 'submitted', 'in_review', 'revision_requested')`);
  return row.n;
}

/** Creators per current level (users.creator_level_id), every level, by rank. */
export async function creatorsByLevel(db: Db) {
  const rows = await db.$queryRaw<{ level_id: string; level: string; name: string; count: number }[]>(Prisma.sql`
    SELECT l.id::text AS level_id, l.code AS level, l.name, count(u.id)::int AS count
    FROM creator_levels l LEFT JOIN users u ON u.creator_level_id = l.id AND u.role = 'creator'
    GROUP BY l.id ORDER BY l.rank`);
  const total = rows.reduce((s, r) => s + r.count, 0);
  return rows.map((r) => ({ ...r, percent: total ? Math.round((1000 * r.count) / total) / 10 : null }));
}

/** Hourly additive totals from the base tables (the "day" period's trend). */
async function hourlyBuckets(db: Db, r: Range): Promise<Map<string, Bucket>> {
  const { start, end } = bounds(r);
  const hour = (col: string) => Prisma.raw(`to_char(date_trunc('hour', ${col} AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"')`);
  const within = (col: string) => Prisma.sql`${Prisma.raw(col)} >= ${start}::timestamptz AND ${Prisma.raw(col)} < ${end}::timestamptz`;
  const rows = await db.$queryRaw<{ h: string; revenue: string; refunds: string; payouts: string; earnings: string; tx: number; up: number; cr: number }[]>(Prisma.sql`
    SELECT h, COALESCE(SUM(revenue), 0)::text AS revenue, COALESCE(SUM(refunds), 0)::text AS refunds,
           COALESCE(SUM(payouts), 0)::text AS payouts, COALESCE(SUM(earnings), 0)::text AS earnings,
           SUM(tx)::int AS tx, SUM(up)::int AS up, SUM(cr)::int AS cr
    FROM (
      SELECT ${hour("created_at")} AS h,
             SUM(amount) FILTER (WHERE type = 'charge') AS revenue, SUM(amount) FILTER (WHERE type = 'refund') AS refunds,
             0::numeric AS payouts, 0::numeric AS earnings, COUNT(*) AS tx, 0 AS up, 0 AS cr
      FROM payment_transactions WHERE status = 'succeeded' AND ${within("created_at")} GROUP BY 1
      UNION ALL
      SELECT ${hour("completed_at")}, 0, 0, SUM(amount), 0, 0, 0, 0
      FROM payouts WHERE status = 'completed' AND ${within("completed_at")} GROUP BY 1
      UNION ALL
      SELECT ${hour("completed_at")}, 0, 0, 0, SUM(creator_payout), 0, 0, 0
      FROM assignments WHERE status = 'approved' AND ${within("completed_at")} GROUP BY 1
      UNION ALL
      SELECT ${hour("created_at")}, 0, 0, 0, 0, 0, COUNT(*) FILTER (WHERE role = 'uploader'), COUNT(*) FILTER (WHERE role = 'creator')
      FROM users WHERE role IN ('uploader', 'creator') AND ${within("created_at")} GROUP BY 1
    ) x GROUP BY h`);
  return new Map(
    rows.map((x) => [x.h, {
      revenue: toCents(x.revenue), refunds: toCents(x.refunds), payouts: toCents(x.payouts), earnings: toCents(x.earnings),
      transactions: x.tx, uploaders: x.up, creators: x.cr,
    }]),
  );
}

/** Daily rows folded into the period's buckets (day, week or month): sums of additive columns only. */
function dailyBuckets(rows: DailyMetrics[], starts: Date[], granularity: Granularity): Map<string, Bucket> {
  const out = new Map<string, Bucket>();
  for (const row of rows) {
    const key = bucketKey(bucketOfDay(row.date, starts), granularity);
    const b = out.get(key) ?? emptyBucket();
    b.revenue += toCents(row.total_revenue);
    b.refunds += toCents(row.total_refunds);
    b.payouts += toCents(row.total_payouts);
    b.earnings += toCents(row.total_creator_earnings);
    b.transactions += row.transaction_count;
    b.uploaders += row.new_uploaders;
    b.creators += row.new_creators;
    out.set(key, b);
  }
  return out;
}

export async function platformDashboard(db: Db, opts: { period: Period; now?: Date; activityLimit?: number }): Promise<PlatformDashboard> {
  const now = opts.now ?? clockNow();
  const r = periodRanges(opts.period, "UTC", now);
  const starts = buckets(r.current, r.granularity, "UTC");

  const curRowsP = periodDailyRows(db, r.current, now);
  const [curRows, prevRows, active, pending, levels, activity, hourly, allRows, allActive] = await Promise.all([
    curRowsP,
    periodDailyRows(db, r.previous, now),
    activeCounts(db, opts.period, r.current, r.previous, now),
    pendingAssignments(db),
    creatorsByLevel(db),
    recentActivity(db, { limit: opts.activityLimit ?? 10, now }),
    r.granularity === "hour" ? hourlyBuckets(db, r.current) : Promise.resolve(null),
    curRowsP.then((rows) => allTimeRows(db, now, rows.find((x) => x.date === utcDay(now)))),
    allTimeActive(db, now),
  ]);

  const cur = periodValues(curRows, active.cur);
  const prev = periodValues(prevRows, active.prev);
  const summary: PlatformSummary = { ...cur, pending_assignments: pending };
  const allTime: PlatformSummary = { ...periodValues(allRows, allActive), pending_assignments: pending };
  // pending_assignments is a "now" value: not period-bound, no delta
  const deltas = deltasByKind(PLATFORM_FIELDS, summary, prev, ["pending_assignments"]);

  const byBucket = hourly ?? dailyBuckets(curRows, starts, r.granularity);
  const points = starts.map((s) => {
    const key = bucketKey(s, r.granularity);
    return { key, b: byBucket.get(key) ?? emptyBucket() };
  });

  return {
    period: periodInfo(r),
    data_as_of: now.toISOString(),
    summary,
    all_time: allTime,
    previous: { ...prev, pending_assignments: null },
    deltas,
    delta_units: deltaUnits(PLATFORM_FIELDS),
    trends: {
      revenue: points.map(({ key, b }) => ({
        date: key,
        value: dollars(b.revenue),
        margin: dollars(b.revenue - b.refunds - b.payouts),
        creator_earnings: dollars(b.earnings),
        accrued_margin: dollars(b.revenue - b.refunds - b.earnings),
      })),
      users: points.map(({ key, b }) => ({ date: key, uploaders: b.uploaders, creators: b.creators })),
      transactions: points.map(({ key, b }) => ({ date: key, count: b.transactions })),
    },
    creator_levels: levels,
    recent_activity: activity,
  };
}
