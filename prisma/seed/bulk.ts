// Bulk-load helpers. Filling a table and then building its indexes (one sort
// each) is much faster than updating every index row by row, so the seed
// drops the secondary indexes of the tables it fills and recreates them from
// their exact definitions afterwards, all inside the seed's transaction: if
// anything fails, the rollback restores them untouched.
import type pg from "pg";

type Saved = { drop: string; create: string };

/**
 * Drops the indexes of `tables` that no constraint owns, and the primary keys
 * that no foreign key references (those of the bigger leaf tables). Returns
 * the statements that recreate them.
 */
export async function dropIndexes(client: pg.Client, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<Saved>(
    `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop,
            -- a partitioned table's index is defined "ON ONLY" the parent; recreate it on all partitions
            replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') AS create
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     UNION ALL
     SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid))
     FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1) AND k.contype = 'p'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = k.conrelid)`,
    [tables],
  );
  for (const r of rows) await client.query(r.drop);
  return rows.map((r) => r.create);
}
