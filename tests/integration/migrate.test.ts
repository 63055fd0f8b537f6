import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, PRISMA_ADVISORY_LOCK } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { declaredTables } from "../helpers/prisma-schema";

function tempMigrations(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migration runner on the project's migrations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it("applies every migration once and records it as Prisma does", async () => {
    const first = await migrate(db.url);
    const dirs = fs.readdirSync("prisma/migrations").filter((d) => fs.existsSync(`prisma/migrations/${d}/migration.sql`)).sort();
    expect(first.applied).toEqual(dirs);
    const { rows } = await db.pool.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at, logs FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const r of rows) {
      const expected = crypto.createHash("sha256").update(fs.readFileSync(`prisma/migrations/${r.migration_name}/migration.sql`)).digest("hex");
      expect(r.checksum).toBe(expected);
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
      expect(r.rolled_back_at).toBeNull();
    }
    // idempotent
    const second = await migrate(db.url);
    expect(second.applied).toEqual([]);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM _prisma_migrations")).rows[0].n).toBe(dirs.length);
  });

  it("yields exactly the tables and columns the Prisma schema declares", async () => {
    const declared = declaredTables();
    const { rows } = await db.pool.query<{ table_name: string; column_name: string; is_nullable: string }>(`
      SELECT c.table_name, c.column_name, c.is_nullable
      FROM information_schema.columns c
      JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace
      WHERE c.table_schema = 'public' AND NOT t.relispartition AND c.table_name <> '_prisma_migrations'`);
    const actual = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      if (!actual.has(r.table_name)) actual.set(r.table_name, new Map());
      actual.get(r.table_name)!.set(r.column_name, r.is_nullable === "YES");
    }
    expect([...actual.keys()].sort()).toEqual([...declared.keys()].sort());
    for (const [table, cols] of declared) {
      expect([...actual.get(table)!.keys()].sort(), table).toEqual(cols.map((c) => c.column).sort());
      for (const c of cols) expect(actual.get(table)!.get(c.column), `${table}.${c.column} nullable`).toBe(c.nullable);
    }
  });

  it("partitions analytics_events by month", async () => {
    const { rows } = await db.pool.query(`SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'analytics_events'::regclass`);
    expect(rows[0].partstrat).toBe("r");
    await db.pool.query(`INSERT INTO analytics_events (event_type, created_at) VALUES ('page_view', '2026-03-15T10:00:00Z')`);
    const part = await db.pool.query(`SELECT tableoid::regclass::text AS p FROM analytics_events`);
    expect(part.rows[0].p).toBe("analytics_events_2026_03");
  });
});

describe("migration runner failure handling", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it("records a failed migration, leaves no partial schema, and refuses to continue", async () => {
    const dir = tempMigrations({
      "001_ok": "CREATE TABLE a (id int);",
      "002_bad": "CREATE TABLE b (id int); SELECT * FROM no_such_table;",
      "003_next": "CREATE TABLE c (id int);",
    });
    await expect(migrate(db.url, { dir })).rejects.toThrow(/002_bad failed/);
    const rows = (await db.pool.query(`SELECT migration_name, finished_at, logs FROM _prisma_migrations ORDER BY migration_name`)).rows;
    expect(rows.map((r) => [r.migration_name, r.finished_at === null])).toEqual([["001_ok", false], ["002_bad", true]]);
    expect(rows[1].logs).toMatch(/no_such_table/);
    expect((await db.pool.query(`SELECT to_regclass('b') AS t`)).rows[0].t).toBeNull();
    // a second run refuses, and 003 is never applied
    await expect(migrate(db.url, { dir })).rejects.toThrow(/002_bad failed earlier/);
    expect((await db.pool.query(`SELECT to_regclass('c') AS t`)).rows[0].t).toBeNull();
  });

  it("warns when an applied migration file was changed", async () => {
    const other = await createTestDatabase({ migrate: false });
    try {
      const dir = tempMigrations({ "001_x": "CREATE TABLE x (id int);" });
      await migrate(other.url, { dir });
      fs.writeFileSync(path.join(dir, "001_x", "migration.sql"), "CREATE TABLE x (id bigint);");
      const r = await migrate(other.url, { dir });
      expect(r.applied).toEqual([]);
      expect(r.warnings.join()).toMatch(/001_x was modified/);
    } finally {
      await other.drop();
    }
  });

  it("holds Prisma's advisory lock, so concurrent runs apply each migration once", async () => {
    const other = await createTestDatabase({ migrate: false });
    try {
      const dir = tempMigrations({ "001_slow": "SELECT pg_sleep(0.3); CREATE TABLE s (id int);" });
      const results = await Promise.all([migrate(other.url, { dir }), migrate(other.url, { dir })]);
      expect(results.flatMap((r) => r.applied)).toEqual(["001_slow"]);
      // while someone holds the lock, a migration waits
      const holder = new pg.Client({ connectionString: other.url });
      await holder.connect();
      await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
      const dir2 = tempMigrations({ "001_slow": "SELECT pg_sleep(0.3); CREATE TABLE s (id int);", "002_more": "CREATE TABLE t (id int);" });
      let done = false;
      const pending = migrate(other.url, { dir: dir2 }).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
      await pending;
      expect(done).toBe(true);
      await holder.end();
    } finally {
      await other.drop();
    }
  });
});
