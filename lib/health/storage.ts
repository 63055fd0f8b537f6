// The storage panel: stored report and export files (lib/storage), the
// database's size and the analytics_events partitions.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { fileStore } from "@/lib/storage";

export async function storagePanel(db: Db) {
  const store = fileStore();
  const [files, [dbSize], partitions] = await Promise.all([
    store.usage().then(
      (u) => ({ available: true, ...u, oldest: u.oldest?.toISOString() ?? null, error: null as string | null }),
      (err: Error) => ({ available: false, bytes: null, count: null, oldest: null, error: err.message }),
    ),
    db.$queryRaw<{ bytes: bigint }[]>(Prisma.sql`SELECT pg_database_size(current_database()) AS bytes`),
    db.$queryRaw<{ name: string; bytes: bigint; bound: string | null }[]>(Prisma.sql`
      SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes, pg_get_expr(c.relpartbound, c.oid) AS bound
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'analytics_events' ORDER BY c.relname`),
  ]);
  const eventBytes = partitions.reduce((s, p) => s + Number(p.bytes), 0);
  return {
    files: { store: store.kind, ...files },
    database_bytes: Number(dbSize.bytes),
    events: { bytes: eventBytes, partitions: partitions.map((p) => ({ name: p.name, bytes: Number(p.bytes), bound: p.bound })) },
    total_bytes: Number(dbSize.bytes) + (files.bytes ?? 0),
  };
}
