// How long request metrics are kept: per-minute rows 8 days (the 1 h window
// and the drill-downs of the last week), hourly and 6-hour rows 90 days.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";

export async function purgeRequestMetrics(db: Db, now: Date) {
  const minutes = await db.$executeRaw(Prisma.sql`DELETE FROM request_metrics WHERE minute < ${new Date(now.getTime() - 8 * 86_400_000)}`);
  const hours = await db.$executeRaw(Prisma.sql`DELETE FROM request_metrics_hourly WHERE hour < ${new Date(now.getTime() - 90 * 86_400_000)}`);
  const blocks = await db.$executeRaw(Prisma.sql`DELETE FROM request_metrics_6h WHERE block < ${new Date(now.getTime() - 90 * 86_400_000)}`);
  return { minutes_deleted: minutes, hours_deleted: hours, blocks_deleted: blocks };
}
