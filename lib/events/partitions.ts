// Retention of analytics_events: month partitions whose whole month is older
// than the retention are dropped (a DROP TABLE, not a slow DELETE), with their
// de-duplication keys and any old rows the default partition caught.
// Creating months ahead stays in lib/rollups/nightly.ts (ensureEventPartitions).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { retentionCutoff } from "./prepare";

export type RetentionResult = { cutoff: string; partitions_dropped: string[]; default_rows_deleted: number; event_ids_deleted: number };

export async function dropExpiredEventPartitions(db: Db, now: Date, months: number): Promise<RetentionResult> {
  const cutoff = retentionCutoff(now, months);
  const parts = await db.$queryRaw<{ name: string }[]>(Prisma.sql`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'analytics_events'::regclass AND c.relname ~ '^analytics_events_[0-9]{4}_[0-9]{2}$'
    ORDER BY c.relname`);
  const dropped: string[] = [];
  let droppedBefore: Date | null = null;
  for (const { name } of parts) {
    const [, y, m] = /_(\d{4})_(\d{2})$/.exec(name)!;
    const monthEnd = new Date(Date.UTC(Number(y), Number(m), 1)); // first instant after the month
    if (monthEnd <= cutoff) {
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name}"`);
      dropped.push(name);
      if (!droppedBefore || monthEnd > droppedBefore) droppedBefore = monthEnd;
    }
  }
  const defaultRows = await db.$executeRaw(Prisma.sql`DELETE FROM analytics_events_default WHERE created_at < ${cutoff}::timestamptz`);
  const ids = await db.$executeRaw(Prisma.sql`DELETE FROM event_ids WHERE created_at < ${cutoff}::timestamptz`);
  // the rollups of the dropped months go with them (days still in a kept partition stay counted)
  if (droppedBefore) {
    const day = droppedBefore.toISOString().slice(0, 10);
    for (const t of ["events_daily", "events_daily_actors", "events_daily_pages"]) {
      await db.$executeRawUnsafe(`DELETE FROM ${t} WHERE day < $1::date`, day);
    }
    await db.$executeRawUnsafe(`DELETE FROM events_monthly_actors WHERE month < $1::date`, day);
  }
  return { cutoff: cutoff.toISOString(), partitions_dropped: dropped, default_rows_deleted: defaultRows, event_ids_deleted: ids };
}
