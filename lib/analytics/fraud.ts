// Fraud metrics (US-7.7), UTC periods as METRICS.md defines them.
//
// * flags resolved / accounts suspended per period and the created-vs-resolved
//   trend are additive: closed days from daily_metrics (flags_created,
//   flags_resolved, accounts_suspended), the partial day from the base tables;
//   the "day" period's hourly trend comes from the base tables;
// * flag types, blocked signups and the three rates are read from the base
//   tables over the whole period (small tables, indexed timestamps);
// * pending flags is a "now" value.
//
// "Money left the platform" for an account (fraud prevention rate):
//   - creator:  a payout to them with status 'completed' (at its completed_at);
//   - uploader: a refund to them, payment_transactions type 'refund' with
//               status 'succeeded' (at its created_at) — charges are money in;
//   - admin:    never.
// A confirmed flag "prevented" fraud when no such money-out event of the
// flagged account happened at or before the flag was raised (created_at).
import type { Db } from "@/lib/db";
import { pageInfo, type Pagination } from "@/lib/http/pagination";
import { Prisma } from "@/lib/generated/prisma/client";
import { buckets, periodRanges, type Period, type Range } from "@/lib/period";
import type { DailyMetrics } from "@/lib/rollups";
import {
  bounds, bucketKey, bucketOfDay, periodDailyRows, periodInfo, rate, sumCount, type PeriodInfo,
} from "./admin-shared";
import { deltasByKind, deltaUnits, type DeltaUnit, type FieldSpecs } from "./deltas";
import { clockNow } from "@/lib/clock";

type PeriodFraud = {
  resolved_this_period: number;
  accounts_suspended: number;
  duplicate_accounts_blocked: number;
  false_positive_rate: number | null;
  fraud_prevention_rate: number | null;
  duplicate_account_detection_rate: number | null;
};
export type FraudSummary = PeriodFraud & { pending_flags: number };

/** Each summary value's kind (its delta's unit) and which way is good news. */
export const FRAUD_FIELDS: FieldSpecs<keyof FraudSummary> = {
  pending_flags: { kind: "count", better: "down" },
  resolved_this_period: { kind: "count" },
  accounts_suspended: { kind: "count", better: "down" },
  duplicate_accounts_blocked: { kind: "count", better: "down" },
  false_positive_rate: { kind: "rate", better: "down" },
  fraud_prevention_rate: { kind: "rate" },
  duplicate_account_detection_rate: { kind: "rate" },
};

export type PendingFlag = {
  id: string;
  user_id: string;
  user_name: string;
  user_email: string;
  user_role: string;
  flag_type: string;
  source: string;
  details: string | null;
  created_at: string;
};

export type FraudDashboard = {
  period: PeriodInfo;
  data_as_of: string;
  summary: FraudSummary;
  previous: PeriodFraud & { pending_flags: null };
  deltas: Record<keyof FraudSummary, number | null>;
  delta_units: Record<keyof FraudSummary, DeltaUnit>;
  flag_types: { type: string; count: number }[];
  trend: { date: string; flags_created: number; flags_resolved: number }[];
  false_positive_rate: number | null;
  fraud_prevention_rate: number | null;
  duplicate_account_detection_rate: number | null;
  /** The numerators and denominators behind the rates, this period. */
  rate_counts: {
    auto_resolved: number; auto_false_positive: number;
    confirmed: number; confirmed_before_money_out: number;
    blocked_at_signup: number; duplicates_confirmed_later: number;
  };
  pending: Pagination & { flags: PendingFlag[] };
};

type RateRow = {
  blocked: number; auto_resolved: number; auto_fp: number; confirmed: number; prevented: number; dup_confirmed: number;
};

/** Blocked signups and the counts behind the three rates, over [start, end). */
async function periodCounts(db: Db, r: Range): Promise<RateRow> {
  const { start, end } = bounds(r);
  const [row] = await db.$queryRaw<RateRow[]>(Prisma.sql`
    WITH resolved AS (
      SELECT id, user_id, source, resolution, flag_type, created_at FROM fraud_flags
      WHERE status = 'resolved' AND resolved_at >= ${start}::timestamptz AND resolved_at < ${end}::timestamptz)
    SELECT
      (SELECT count(*) FROM blocked_signups
        WHERE created_at >= ${start}::timestamptz AND created_at < ${end}::timestamptz)::int AS blocked,
      count(*) FILTER (WHERE source = 'auto')::int AS auto_resolved,
      count(*) FILTER (WHERE source = 'auto' AND resolution = 'false_positive')::int AS auto_fp,
      count(*) FILTER (WHERE resolution = 'confirmed')::int AS confirmed,
      count(*) FILTER (WHERE resolution = 'confirmed'
        AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.creator_id = f.user_id
                          AND p.status = 'completed' AND p.completed_at <= f.created_at)
        AND NOT EXISTS (SELECT 1 FROM payment_transactions t WHERE t.uploader_id = f.user_id
                          AND t.type = 'refund' AND t.status = 'succeeded' AND t.created_at <= f.created_at))::int AS prevented,
      count(*) FILTER (WHERE resolution = 'confirmed' AND flag_type = 'duplicate_account')::int AS dup_confirmed
    FROM resolved f`);
  return row;
}

function periodValues(rows: DailyMetrics[], c: RateRow): PeriodFraud {
  return {
    resolved_this_period: sumCount(rows, "flags_resolved"),
    accounts_suspended: sumCount(rows, "accounts_suspended"),
    duplicate_accounts_blocked: c.blocked,
    false_positive_rate: rate(c.auto_fp, c.auto_resolved),
    fraud_prevention_rate: rate(c.prevented, c.confirmed),
    duplicate_account_detection_rate: rate(c.blocked, c.blocked + c.dup_confirmed),
  };
}

async function flagTypes(db: Db, r: Range) {
  const { start, end } = bounds(r);
  return db.$queryRaw<{ type: string; count: number }[]>(Prisma.sql`
    SELECT flag_type AS type, count(*)::int AS count FROM fraud_flags
    WHERE created_at >= ${start}::timestamptz AND created_at < ${end}::timestamptz
    GROUP BY flag_type ORDER BY count DESC, flag_type`);
}

async function hourlyTrend(db: Db, r: Range) {
  const { start, end } = bounds(r);
  const rows = await db.$queryRaw<{ h: string; created: number; resolved: number }[]>(Prisma.sql`
    SELECT h, SUM(created)::int AS created, SUM(resolved)::int AS resolved FROM (
      SELECT to_char(date_trunc('hour', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"') AS h, 1 AS created, 0 AS resolved
      FROM fraud_flags WHERE created_at >= ${start}::timestamptz AND created_at < ${end}::timestamptz
      UNION ALL
      SELECT to_char(date_trunc('hour', resolved_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"'), 0, 1
      FROM fraud_flags WHERE resolved_at >= ${start}::timestamptz AND resolved_at < ${end}::timestamptz
    ) x GROUP BY h`);
  return new Map(rows.map((x) => [x.h, { created: x.created, resolved: x.resolved }]));
}

export async function pendingFlags(db: Db, opts: { page: number; perPage: number }) {
  const offset = (opts.page - 1) * opts.perPage;
  const [flags, [count]] = await Promise.all([
    db.$queryRaw<PendingFlag[]>(Prisma.sql`
      SELECT f.id::text, f.user_id::text, u.name AS user_name, u.email::text AS user_email, u.role::text AS user_role,
             f.flag_type, f.source::text, f.details,
             to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
      FROM fraud_flags f JOIN users u ON u.id = f.user_id
      WHERE f.status = 'pending'
      ORDER BY f.created_at DESC, f.id DESC
      LIMIT ${opts.perPage} OFFSET ${offset}`),
    db.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM fraud_flags WHERE status = 'pending'`),
  ]);
  return { ...pageInfo(opts.page, opts.perPage, count.n), flags };
}

export async function fraudDashboard(
  db: Db,
  opts: { period: Period; now?: Date; page?: number; perPage?: number },
): Promise<FraudDashboard> {
  const now = opts.now ?? clockNow();
  const r = periodRanges(opts.period, "UTC", now);
  const starts = buckets(r.current, r.granularity, "UTC");
  const [curRows, prevRows, cur, prev, types, pending, hourly] = await Promise.all([
    periodDailyRows(db, r.current, now),
    periodDailyRows(db, r.previous, now),
    periodCounts(db, r.current),
    periodCounts(db, r.previous),
    flagTypes(db, r.current),
    pendingFlags(db, { page: opts.page ?? 1, perPage: opts.perPage ?? 20 }),
    r.granularity === "hour" ? hourlyTrend(db, r.current) : Promise.resolve(null),
  ]);

  const c = periodValues(curRows, cur);
  const p = periodValues(prevRows, prev);
  const summary: FraudSummary = { pending_flags: pending.total, ...c };
  const deltas = deltasByKind(FRAUD_FIELDS, summary, p, ["pending_flags"]);

  let byBucket: Map<string, { created: number; resolved: number }>;
  if (hourly) byBucket = hourly;
  else {
    byBucket = new Map();
    for (const row of curRows) {
      const key = bucketKey(bucketOfDay(row.date, starts), r.granularity);
      const b = byBucket.get(key) ?? { created: 0, resolved: 0 };
      b.created += row.flags_created;
      b.resolved += row.flags_resolved;
      byBucket.set(key, b);
    }
  }

  return {
    period: periodInfo(r),
    data_as_of: now.toISOString(),
    summary,
    previous: { ...p, pending_flags: null },
    deltas,
    delta_units: deltaUnits(FRAUD_FIELDS),
    flag_types: types,
    trend: starts.map((s) => {
      const key = bucketKey(s, r.granularity);
      const b = byBucket.get(key);
      return { date: key, flags_created: b?.created ?? 0, flags_resolved: b?.resolved ?? 0 };
    }),
    false_positive_rate: c.false_positive_rate,
    fraud_prevention_rate: c.fraud_prevention_rate,
    duplicate_account_detection_rate: c.duplicate_account_detection_rate,
    rate_counts: {
      auto_resolved: cur.auto_resolved, auto_false_positive: cur.auto_fp,
      confirmed: cur.confirmed, confirmed_before_money_out: cur.prevented,
      blocked_at_signup: cur.blocked, duplicates_confirmed_later: cur.dup_confirmed,
    },
    pending: pending,
  };
}
