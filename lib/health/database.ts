// The database panel: connections, cache hit ratio, transactions per second,
// sizes, the longest running queries now, and the slowest statements from
// pg_stat_statements when the extension is there (said plainly when not).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";

export async function connectionCounts(db: Db) {
  const [r] = await db.$queryRaw<{ in_use: number; max: number; this_db: number }[]>(Prisma.sql`
    SELECT count(*) FILTER (WHERE backend_type = 'client backend')::int AS in_use,
           count(*) FILTER (WHERE backend_type = 'client backend' AND datname = current_database())::int AS this_db,
           current_setting('max_connections')::int AS max
    FROM pg_stat_activity`);
  return r;
}

export async function databasePanel(db: Db) {
  const [connections, [stats], largest, running, statements] = await Promise.all([
    connectionCounts(db),
    db.$queryRaw<{ hit_ratio: number | null; xacts: bigint; seconds: number; size_bytes: bigint }[]>(Prisma.sql`
      SELECT CASE WHEN blks_hit + blks_read > 0 THEN blks_hit::float8 / (blks_hit + blks_read) END AS hit_ratio,
             xact_commit + xact_rollback AS xacts,
             extract(epoch FROM now() - coalesce(stats_reset, pg_postmaster_start_time()))::float8 AS seconds,
             pg_database_size(current_database()) AS size_bytes
      FROM pg_stat_database WHERE datname = current_database()`),
    db.$queryRaw<{ name: string; bytes: bigint }[]>(Prisma.sql`
      SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema()
      ORDER BY 2 DESC LIMIT 8`),
    db.$queryRaw<{ pid: number; seconds: number; state: string; query: string }[]>(Prisma.sql`
      SELECT pid, extract(epoch FROM now() - query_start)::float8 AS seconds, state, left(query, 300) AS query
      FROM pg_stat_activity
      WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
      ORDER BY query_start LIMIT 5`),
    slowStatements(db),
  ]);
  return {
    connections: { in_use: connections.in_use, this_database: connections.this_db, max: connections.max },
    cache_hit_ratio: stats.hit_ratio == null ? null : Math.round(stats.hit_ratio * 10000) / 100,
    transactions_per_second: stats.seconds > 0 ? Math.round((Number(stats.xacts) / stats.seconds) * 100) / 100 : null,
    transactions_note: "average since the statistics were last reset (or the server started)",
    size_bytes: Number(stats.size_bytes),
    largest_tables: largest.map((t) => ({ name: t.name, bytes: Number(t.bytes) })),
    running: running.map((r) => ({ pid: r.pid, seconds: Math.round(r.seconds * 10) / 10, state: r.state, query: r.query })),
    statements,
  };
}

async function slowStatements(db: Db) {
  // The migration puts it in the "extensions" schema; a server may have it elsewhere (e.g. public).
  const [ext] = await db.$queryRaw<{ schema: string | null; available: boolean }[]>(Prisma.sql`
    SELECT (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_stat_statements') AS schema,
           EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') AS available`);
  if (!ext.schema) {
    return { available: false as const, reason: ext.available ? "pg_stat_statements is available on this server but not created in this database (CREATE EXTENSION pg_stat_statements)" : "pg_stat_statements is not available on this server", slowest: [] };
  }
  try {
    const rows = await db.$queryRaw<{ query: string; calls: bigint; mean_ms: number; total_ms: number; rows: bigint }[]>(Prisma.sql`
      SELECT left(query, 300) AS query, calls, mean_exec_time AS mean_ms, total_exec_time AS total_ms, rows
      FROM ${Prisma.raw(ext.schema)}.pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY mean_exec_time DESC LIMIT 8`);
    return {
      available: true as const, reason: null,
      slowest: rows.map((r) => ({ query: r.query, calls: Number(r.calls), mean_ms: Math.round(r.mean_ms * 100) / 100, total_ms: Math.round(r.total_ms), rows: Number(r.rows) })),
    };
  } catch (err) {
    // Created but not loaded: the server needs shared_preload_libraries = 'pg_stat_statements'.
    return { available: false as const, reason: `pg_stat_statements is created but not readable: ${(err as Error).message.split("\n")[0]}`, slowest: [] };
  }
}
