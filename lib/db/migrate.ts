// Applies prisma/migrations/*/migration.sql in order and records each in
// _prisma_migrations exactly as `prisma migrate deploy` does (same table, same
// sha256 checksum of the file, same advisory lock), so `prisma migrate status`
// on a machine with Prisma's engine agrees with what ran here.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** The lock key Prisma's schema engine takes for migrate commands. */
export const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationFile = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; skipped: string[]; warnings: string[] };

export function checksum(sql: string | Buffer): string {
  return crypto.createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(dir = path.join(process.cwd(), "prisma/migrations")): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const buf = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: buf.toString("utf8"), checksum: checksum(buf) };
    });
}

export class MigrationError extends Error {}

export async function migrate(
  url: string,
  opts: { dir?: string; log?: (s: string) => void } = {},
): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const files = readMigrations(opts.dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result: MigrateResult = { applied: [], skipped: [], warnings: [] };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
    }>(`SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at`);

    // Like Prisma (P3009): a failed migration blocks every later one until resolved.
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `migration ${failed.migration_name} failed earlier and is not resolved; fix the database, then mark it ` +
          `rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}') ` +
          `and run again.\n${failed.logs ?? ""}`,
      );
    }
    const applied = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r]));
    for (const name of applied.keys()) {
      if (!files.some((f) => f.name === name)) {
        result.warnings.push(`migration ${name} is applied to the database but missing from prisma/migrations`);
      }
    }

    for (const file of files) {
      const done = applied.get(file.name);
      if (done) {
        if (done.checksum !== file.checksum) {
          result.warnings.push(`migration ${file.name} was modified after it was applied (checksum differs)`);
        }
        result.skipped.push(file.name);
        continue;
      }
      const id = crypto.randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, file.checksum, file.name],
      );
      log(`Applying migration ${file.name}`);
      try {
        // One transaction per file: a failure leaves no half-applied schema behind.
        await client.query("BEGIN");
        await client.query(file.sql);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        const message = err instanceof Error ? err.message : String(err);
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
        throw new MigrationError(`migration ${file.name} failed: ${message}`);
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
        [id],
      );
      result.applied.push(file.name);
    }
    for (const w of result.warnings) log(`warning: ${w}`);
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}
