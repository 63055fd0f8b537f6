// Test databases: each test file that needs one gets a fresh database on the
// test server (the embedded one, or DATABASE_URL's server), migrated, and
// dropped afterwards. Never the demo database.
import crypto from "node:crypto";
import pg from "pg";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { databaseUrl, withDatabase } from "@/lib/db/url";

export type TestDatabase = { name: string; url: string; pool: pg.Pool; drop: () => Promise<void> };

export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `ma_test_${crypto.randomBytes(5).toString("hex")}`;
  const server = withDatabase(databaseUrl(), "postgres");
  await ensureDatabase(name, server);
  const url = withDatabase(databaseUrl(), name);
  if (opts.migrate !== false) await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end();
      await dropDatabase(name, server);
    },
  };
}
