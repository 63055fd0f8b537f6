// The pieces every financial report is built from: the report period as a
// half-open instant range, buckets in the report's zone, and the plan's
// parameters and file name. All the zone arithmetic happens in PostgreSQL
// (`timestamp AT TIME ZONE zone`), so the range edges and the bucket of each
// row come from the same time-zone rules and can never disagree.
//
// Period: [start_date, end_date] inclusive calendar days in the zone, i.e.
// [local midnight of start_date, local midnight of the day after end_date).
// Buckets: date_trunc('day' | 'week' | 'month') of the local time (weeks start
// Monday), labelled by their first local day 'YYYY-MM-DD'. A DST change moves
// a local midnight, never a row into the wrong day.
import { Prisma } from "@/lib/generated/prisma/client";
import type { FinancialParams } from "@/lib/validation/reports";
import { slotOf } from "../slots";

export type ReportRange = {
  /** First instant of the period (timestamptz expression). */
  lo: Prisma.Sql;
  /** First instant after the period. */
  hi: Prisma.Sql;
  tz: Prisma.Sql;
  /** 'day' | 'week' | 'month' as a SQL text parameter. */
  unit: Prisma.Sql;
};

export function reportRange(p: Pick<FinancialParams, "start_date" | "end_date" | "timezone" | "group_by">): ReportRange {
  const tz = Prisma.sql`${p.timezone}::text`;
  return {
    tz,
    lo: Prisma.sql`(${p.start_date}::date::timestamp AT TIME ZONE ${tz})`,
    hi: Prisma.sql`((${p.end_date}::date + 1)::timestamp AT TIME ZONE ${tz})`,
    unit: Prisma.sql`${p.group_by}::text`,
  };
}

/** `col` in [lo, hi): a plain range on the column, so its index serves it. */
export const inRange = (col: Prisma.Sql, r: ReportRange) => Prisma.sql`(${col} >= ${r.lo} AND ${col} < ${r.hi})`;

/** The local first day of the bucket holding instant `col`, as a date. */
export const bucketOf = (col: Prisma.Sql, r: ReportRange) => Prisma.sql`date_trunc(${r.unit}, ${col} AT TIME ZONE ${r.tz})::date`;

/**
 * Sums over the rows of `from` in the period (`time` in range, `where`), per
 * bucket: summed per 15-minute slot first, then the slots per bucket, so the
 * zone conversion runs once per slot (lib/reports/slots.ts). Each of `sums` must be additive (SUM,
 * COUNT) and is named by its key: `SELECT bucket, <key>…`.
 */
export function bucketSums(r: ReportRange, time: Prisma.Sql, from: Prisma.Sql, where: Prisma.Sql, sums: Record<string, Prisma.Sql>): Prisma.Sql {
  const names = Object.keys(sums).map((k) => Prisma.raw(k));
  return Prisma.sql`
    SELECT ${bucketOf(Prisma.sql`slot`, r)} AS bucket, ${Prisma.join(names.map((k) => Prisma.sql`SUM(${k}) AS ${k}`), ", ")}
    FROM (SELECT ${slotOf(time)} AS slot, ${Prisma.join(Object.values(sums).map((v, i) => Prisma.sql`${v} AS ${names[i]}`), ", ")}
          FROM ${from}
          WHERE ${where} AND ${inRange(time, r)}
          GROUP BY 1) s
    GROUP BY 1`;
}

/**
 * Every bucket overlapping the period, as rows (bucket date), in order. The
 * series runs over local calendar dates (timestamp without zone), so a 23- or
 * 25-hour day is still one step.
 */
export function bucketSeries(p: Pick<FinancialParams, "start_date" | "end_date">, r: ReportRange): Prisma.Sql {
  return Prisma.sql`(SELECT g::date AS bucket
    FROM generate_series(date_trunc(${r.unit}, ${p.start_date}::date::timestamp), ${p.end_date}::date::timestamp,
                         ('1 ' || ${r.unit})::interval) AS g)`;
}

/** 'YYYY-MM-DD' text of a date expression. */
export const dayText = (d: Prisma.Sql) => Prisma.sql`to_char(${d}, 'YYYY-MM-DD')`;

export const REPORT_TITLES: Record<FinancialParams["report_type"], string> = {
  revenue: "Revenue",
  payouts: "Payouts",
  transactions: "Transactions",
  refunds: "Refunds",
  outstanding_balances: "Outstanding balances",
  tax_1099: "1099-NEC (US creators)",
};

/** `revenue_2026-01-01_2026-03-31`. */
export const fileStemOf = (p: FinancialParams) => `${p.report_type}_${p.start_date}_${p.end_date}`;

/** What a reader of the file should know about how it was made (summary sheet). */
export function baseParameters(p: FinancialParams, extra: Record<string, string> = {}): Record<string, string> {
  return {
    report: REPORT_TITLES[p.report_type],
    start_date: p.start_date,
    end_date: p.end_date,
    time_zone: p.timezone,
    period: `${p.start_date} 00:00 to ${p.end_date} 24:00 (${p.timezone})`,
    ...extra,
  };
}

/** Totals of a one-row aggregate over a detail query: SUM of each column, 0 when there are no rows. */
export const sumOf = (expr: string, as: string, cast = "numeric(14,2)") =>
  Prisma.raw(`COALESCE(SUM(${expr}), 0)::${cast} AS ${as}`);
