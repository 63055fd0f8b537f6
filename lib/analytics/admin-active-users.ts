// Active uploaders / creators over a period (METRICS.md: distinct users with
// ≥ 1 upload created / ≥ 1 assignment completed, approved or rejected, in the
// period). Distinct over the whole period — never a sum of daily counts.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Range } from "@/lib/period";
import { dayStart, utcDay } from "@/lib/rollups";
import { bounds } from "./admin-shared";

type Active = "uploaders" | "creators";

/**
 * Ids of the distinct active uploaders / creators in [from, to). A long
 * range ("probe"): one index probe per user on (uploader_id, created_at) /
 * (creator_id, completed_at), stopping at the first hit, instead of reading
 * every upload or assignment of the range. A day at most ("scan"): the rows
 * of the range through the timestamp index.
 */
async function activeIds(db: Db, kind: Active, from: Date, to: Date, how: "probe" | "scan"): Promise<string[]> {
  if (to <= from) return [];
  const { start, end } = bounds({ start: from, end: to });
  const sql = {
    uploaders: {
      probe: Prisma.sql`
        SELECT u.id::text FROM users u WHERE u.role = 'uploader' AND EXISTS (
          SELECT 1 FROM uploads up WHERE up.uploader_id = u.id
            AND up.created_at >= ${start}::timestamptz AND up.created_at < ${end}::timestamptz)`,
      scan: Prisma.sql`
        SELECT DISTINCT u.id::text FROM uploads up JOIN users u ON u.id = up.uploader_id AND u.role = 'uploader'
        WHERE up.created_at >= ${start}::timestamptz AND up.created_at < ${end}::timestamptz`,
    },
    creators: {
      probe: Prisma.sql`
        SELECT u.id::text FROM users u WHERE u.role = 'creator' AND EXISTS (
          SELECT 1 FROM assignments a WHERE a.creator_id = u.id AND a.status IN ('approved', 'rejected')
            AND a.completed_at >= ${start}::timestamptz AND a.completed_at < ${end}::timestamptz)`,
      scan: Prisma.sql`
        SELECT DISTINCT u.id::text FROM assignments a JOIN users u ON u.id = a.creator_id AND u.role = 'creator'
        WHERE a.status IN ('approved', 'rejected') AND a.completed_at >= ${start}::timestamptz AND a.completed_at < ${end}::timestamptz`,
    },
  }[kind][how];
  return (await db.$queryRaw<{ id: string }[]>(sql)).map((r) => r.id);
}

/**
 * Distinct active users over a whole period: the ids active in its full
 * closed days (one index probe per user) united with those active in its
 * last, partial day (the day's rows) — a distinct count, never a sum of days.
 */
async function activeCount(db: Db, kind: Active, r: Range): Promise<number> {
  if (r.end <= r.start) return 0;
  const split = dayStart(utcDay(r.end)); // 00:00 of the period's last (partial) day
  const head = split > r.start ? activeIds(db, kind, r.start, split, "probe") : Promise.resolve([]);
  const [closed, live] = await Promise.all([head, activeIds(db, kind, split > r.start ? split : r.start, r.end, "scan")]);
  return new Set([...closed, ...live]).size;
}

export async function activeCounts(db: Db, cur: Range, prev: Range) {
  const [cu, cc, pu, pc] = await Promise.all([
    activeCount(db, "uploaders", cur), activeCount(db, "creators", cur),
    activeCount(db, "uploaders", prev), activeCount(db, "creators", prev),
  ]);
  return { cur: { uploaders: cu, creators: cc }, prev: { uploaders: pu, creators: pc } };
}
