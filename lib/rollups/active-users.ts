// Distinct active users per calendar period (METRICS.md "People": active
// uploaders = distinct uploaders with ≥ 1 upload created in the period;
// active creators = distinct creators with ≥ 1 assignment completed,
// approved or rejected, in it), so the platform dashboard counts a period's
// distinct users with one index range instead of one probe per user.
//
//   active_user_periods  kind (uploader | creator) × grain (week, month,
//                        quarter, year: UTC calendar periods, weeks from
//                        Monday — the platform's periods) × period start ×
//                        user: the user's first active UTC day in that
//                        period, over the rolled-up days (days with a
//                        daily_metrics row). Distinct users active in
//                        [period start, X) for a closed day X = rows of the
//                        period with first_day < X.
//
// Kept by the same jobs as the other rollups: after aggregateDailyMetrics has
// written days [from, to] it rewrites every period that overlaps them
// (rebuildActivePeriods; a back-dated write changes the first day of its
// whole period), under the rollup lock. Reconciliation compares the periods
// of its days with the same SQL over the base tables.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ROLLUP_LOCK_SQL } from "./creator-stats";
import { dayStart, tsParam, type Day } from "./days";

export const GRAINS = ["week", "month", "quarter", "year"] as const;
export type Grain = (typeof GRAINS)[number];
export type ActiveKind = "uploader" | "creator";

/** The first day of the grain's UTC period holding `day` (weeks start Monday). */
export function periodStartOf(grain: Grain, day: Day): Day {
  const d = dayStart(day);
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
  const at = (yy: number, mm: number, dd: number) => new Date(Date.UTC(yy, mm, dd)).toISOString().slice(0, 10);
  switch (grain) {
    case "week": return at(y, m, d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    case "month": return at(y, m, 1);
    case "quarter": return at(y, m - (m % 3), 1);
    case "year": return at(y, 0, 1);
  }
}

/** The first day of the next period of the grain. */
export function nextPeriodStart(grain: Grain, start: Day): Day {
  const d = dayStart(start);
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
  const at = (yy: number, mm: number, dd: number) => new Date(Date.UTC(yy, mm, dd)).toISOString().slice(0, 10);
  switch (grain) {
    case "week": return at(y, m, d.getUTCDate() + 7);
    case "month": return at(y, m + 1, 1);
    case "quarter": return at(y, m + 3, 1);
    case "year": return at(y + 1, 0, 1);
  }
}

/**
 * (kind, user, UTC day) of every activity in [start, end): uploads by
 * created_at, completed (approved or rejected) assignments by completed_at,
 * of users in that role. One row per activity (not distinct).
 */
export function activitySql(start: Date, end: Date): Prisma.Sql {
  const [s, e] = [tsParam(start), tsParam(end)];
  return Prisma.sql`
    SELECT 'uploader'::text AS kind, up.uploader_id AS user_id, (up.created_at AT TIME ZONE 'UTC')::date AS day
    FROM uploads up JOIN users u ON u.id = up.uploader_id AND u.role = 'uploader'
    WHERE up.created_at >= ${s}::timestamptz AND up.created_at < ${e}::timestamptz
    UNION ALL
    SELECT 'creator', a.creator_id, (a.completed_at AT TIME ZONE 'UTC')::date
    FROM assignments a JOIN users u ON u.id = a.creator_id AND u.role = 'creator'
    WHERE a.status IN ('approved', 'rejected') AND a.completed_at >= ${s}::timestamptz AND a.completed_at < ${e}::timestamptz`;
}

type Span = { grain: Grain; lo: Day; hi: Day };

/** Per grain, the periods overlapping [from, to]: [first period start, start after the last). */
function spans(from: Day, to: Day): Span[] {
  return GRAINS.map((grain) => ({ grain, lo: periodStartOf(grain, from), hi: nextPeriodStart(grain, periodStartOf(grain, to)) }));
}

/**
 * active_user_periods' rows of the periods overlapping [from, to], from the
 * base tables, counting activity on days before `until` (exclusive).
 */
export function activePeriodsSql(from: Day, to: Day, until: Day): Prisma.Sql {
  const sp = spans(from, to);
  const lo = sp.reduce((m, s) => (s.lo < m ? s.lo : m), sp[0].lo);
  const hiAll = sp.reduce((m, s) => (s.hi > m ? s.hi : m), sp[0].hi);
  const hi = hiAll < until ? hiAll : until;
  const values = Prisma.join(sp.map((s) => Prisma.sql`(${s.grain}::text, ${s.lo}::date, ${s.hi}::date)`), ", ");
  return Prisma.sql`
    SELECT d.kind, g.grain, date_trunc(g.grain, d.day)::date AS period_start, d.user_id, min(d.day) AS first_day
    FROM (SELECT DISTINCT kind, user_id, day FROM (${activitySql(dayStart(lo), dayStart(hi))}) x) d
    JOIN (VALUES ${values}) g(grain, lo, hi) ON d.day >= g.lo AND d.day < g.hi AND d.day < ${until}::date
    GROUP BY 1, 2, 3, 4`;
}

/** The stored rows of the periods overlapping [from, to] with first_day ≤ to (what activePeriodsSql(from, to, to + 1) recomputes). */
export function storedActivePeriodsSql(from: Day, to: Day): Prisma.Sql {
  const within = Prisma.join(spans(from, to).map((s) => Prisma.sql`(grain = ${s.grain} AND period_start >= ${s.lo}::date AND period_start < ${s.hi}::date)`), " OR ");
  return Prisma.sql`SELECT * FROM active_user_periods WHERE (${within}) AND first_day <= ${to}::date`;
}

/**
 * Rewrites the periods overlapping the days [from, to] from the base tables,
 * counting every rolled-up day of them (up to the last daily_metrics row).
 * Run after those days' daily_metrics rows are written (aggregateDailyMetrics does).
 */
export async function rebuildActivePeriods(db: Db, from: Day, to: Day): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw(ROLLUP_LOCK_SQL);
    const [last] = await tx.$queryRaw<{ until: string | null }[]>(Prisma.sql`
      SELECT to_char(max("date") + 1, 'YYYY-MM-DD') AS until FROM daily_metrics`);
    for (const s of spans(from, to)) {
      await tx.$executeRaw(Prisma.sql`
        DELETE FROM active_user_periods WHERE grain = ${s.grain} AND period_start >= ${s.lo}::date AND period_start < ${s.hi}::date`);
    }
    if (!last.until) return 0;
    return tx.$executeRaw(Prisma.sql`
      INSERT INTO active_user_periods (kind, grain, period_start, user_id, first_day)
      SELECT kind, grain, period_start, user_id, first_day FROM (${activePeriodsSql(from, to, last.until)}) x`);
  }, { maxWait: 60_000, timeout: 30 * 60_000 });
}
