// Active uploaders / creators over a period (METRICS.md: distinct users with
// ≥ 1 upload created / ≥ 1 assignment completed, approved or rejected, in the
// period). Distinct over the whole period — never a sum of daily counts.
//
// A platform period starts at a UTC calendar boundary (week from Monday,
// month, quarter, year). Its rolled-up days come from active_user_periods
// (each user's first active day in that period: lib/rollups/active-users.ts):
// the users active before a closed day X are the period's rows with
// first_day < X, one index range. The rest — today so far, the previous
// period's last partial day, and closed days the nightly job has not reached
// — is read from the base tables, and a user found there counts only when the
// rollup has no earlier day of theirs in the period (one probe per such user).
// Read on every request; nothing is kept in memory.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Period, Range } from "@/lib/period";
import { activitySql, dayStart, periodStartOf, rolledUpUntil, utcDay, type ActiveKind, type Grain } from "@/lib/rollups";

const GRAIN: Partial<Record<Period, Grain>> = { week: "week", month: "month", quarter: "quarter", year: "year" };

/**
 * Distinct `kind` users active in [r.start, r.end), where r.start is the
 * start of the grain's period (or any instant when grain is null: then
 * everything is read from the base tables) and t0 is the end of the
 * rolled-up days.
 */
export function activeCountSql(kind: ActiveKind, r: Range, grain: Grain | null, t0: Date): Prisma.Sql {
  const startDay = utcDay(r.start);
  const usable = grain != null && dayStart(startDay).getTime() === r.start.getTime() && periodStartOf(grain, startDay) === startDay;
  // closed part [r.start, closedEnd): whole rolled-up days before the period's last (partial) day
  const lastDay = dayStart(utcDay(r.end));
  let closedEnd = lastDay < t0 ? lastDay : t0;
  if (!usable || closedEnd < r.start) closedEnd = r.start;
  const cut = utcDay(closedEnd);
  const live = activitySql(closedEnd, r.end);
  if (closedEnd.getTime() === r.start.getTime()) {
    return Prisma.sql`SELECT count(DISTINCT user_id)::int AS n FROM (${live}) x WHERE kind = ${kind}`;
  }
  const mine = Prisma.sql`p.kind = ${kind} AND p.grain = ${grain} AND p.period_start = ${startDay}::date`;
  return Prisma.sql`
    SELECT (
      (SELECT count(*) FROM active_user_periods p WHERE ${mine} AND p.first_day < ${cut}::date)
      + (SELECT count(*) FROM (SELECT DISTINCT user_id FROM (${live}) x WHERE kind = ${kind}) l
         WHERE NOT EXISTS (SELECT 1 FROM active_user_periods p WHERE ${mine} AND p.user_id = l.user_id AND p.first_day < ${cut}::date))
    )::int AS n`;
}

async function activeCount(db: Db, kind: ActiveKind, r: Range, grain: Grain | null, t0: Date): Promise<number> {
  if (r.end <= r.start) return 0;
  const [row] = await db.$queryRaw<{ n: number }[]>(activeCountSql(kind, r, grain, t0));
  return row.n;
}

/** Active uploaders and creators of a platform period and its previous period (both start at the period's boundary). */
export async function activeCounts(db: Db, period: Period, cur: Range, prev: Range, now: Date) {
  const t0 = await rolledUpUntil(db, dayStart(utcDay(now)));
  const grain = GRAIN[period] ?? null;
  const [cu, cc, pu, pc] = await Promise.all([
    activeCount(db, "uploader", cur, grain, t0), activeCount(db, "creator", cur, grain, t0),
    activeCount(db, "uploader", prev, grain, t0), activeCount(db, "creator", prev, grain, t0),
  ]);
  return { cur: { uploaders: cu, creators: cc }, prev: { uploaders: pu, creators: pc } };
}

/**
 * Distinct users of `kind` active at any time before `now`: every user with a
 * row in a rolled-up year of active_user_periods before t0, plus those only
 * active since t0 (read from the base tables).
 */
export function allTimeActiveSql(kind: ActiveKind, now: Date, t0: Date): Prisma.Sql {
  const cut = utcDay(t0);
  return Prisma.sql`
    WITH closed AS (
      SELECT DISTINCT user_id FROM active_user_periods WHERE kind = ${kind} AND grain = 'year' AND first_day < ${cut}::date)
    SELECT ((SELECT count(*) FROM closed)
      + (SELECT count(DISTINCT user_id) FROM (${activitySql(t0, now)}) x
         WHERE kind = ${kind} AND NOT EXISTS (SELECT 1 FROM closed c WHERE c.user_id = x.user_id)))::int AS n`;
}

/** Active uploaders and creators over all time up to now. */
export async function allTimeActive(db: Db, now: Date) {
  const t0 = await rolledUpUntil(db, dayStart(utcDay(now)));
  const [[u], [c]] = await Promise.all([
    db.$queryRaw<{ n: number }[]>(allTimeActiveSql("uploader", now, t0)),
    db.$queryRaw<{ n: number }[]>(allTimeActiveSql("creator", now, t0)),
  ]);
  return { uploaders: u.n, creators: c.n };
}
