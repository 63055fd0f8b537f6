// Demo / benchmark data generator: 18 months of marketplace activity up to
// "today", generated inside PostgreSQL with set-based SQL (see ./sql/*).
//
// Deterministic: the same scale and the same `today` instant give the same
// rows, ids included. Runs in one transaction, so a failure leaves the
// database as it was.
import bcrypt from "bcryptjs";
import pg from "pg";
import { dropIndexes } from "./bulk";
import { resolveConfig, SCALE_NAMES, SCALES, type Scale, type SeedConfig } from "./config";
import { careerSteps } from "./sql/careers";
import { eventSteps } from "./sql/events";
import { loadSteps } from "./sql/load";
import { moneySteps } from "./sql/money";
import { peopleSteps } from "./sql/people";
import { preludeSteps } from "./sql/prelude";
import { trustSteps } from "./sql/trust";
import type { Step } from "./sql/util";
import { workSteps } from "./sql/work";

export { SCALES, SCALE_NAMES, type Scale };

export const DEMO_PASSWORD = "demo-password";

export const DEMO_ACCOUNTS = [
  { role: "admin", email: "admin@example.com" },
  { role: "uploader", email: "uploader@example.com" },
  { role: "creator", email: "creator@example.com" },
] as const;

/**
 * bcrypt with a fixed salt so the hash, like every other column, is the same
 * on every run; computed once and shared by all seeded users.
 */
const DEMO_SALT = "$2b$10$MarketplaceDemoSeedSalt";
let demoHash: string | undefined;
export function demoPasswordHash(): string {
  return (demoHash ??= bcrypt.hashSync(DEMO_PASSWORD, DEMO_SALT));
}

/** The tables the seed fills, in load order; `counts` reports these. */
export const SEEDED_TABLES = [
  "creator_levels", "output_types", "users", "creator_level_history", "uploads", "assignments",
  "content_submissions", "reviews", "payment_transactions", "payouts", "fraud_flags", "blocked_signups",
  "analytics_events",
] as const;

/** Reference data: replaced by the seed's own (a migration may have filled them), never a reason to refuse. */
const REFERENCE_TABLES = ["creator_levels", "output_types"];

/**
 * Also emptied by --reset (those that exist): rollups and drift records computed
 * from the old rows, and rows tied to the old users (tokens, reports, sign-in attempts).
 */
const DERIVED_TABLES = [
  "daily_metrics", "creator_level_snapshots", "metric_drift", "report_runs", "saved_reports", "api_tokens", "auth_attempts",
  // the creator, review and active-user rollups (lib/rollups): left over, they would describe the old rows
  "creator_slot_stats", "creator_day_stats", "creator_running_totals", "review_daily_stats", "creator_totals", "rollup_state",
  "active_user_periods",
];

export type SeedOptions = {
  scale: Scale;
  /** The instant the data ends at ("now"); default the current time. */
  today?: Date;
  /** Empty the marketplace tables first. Without it a database that has data is refused. */
  reset?: boolean;
  onProgress?: (step: string, done: number, total: number) => void;
};

export type SeedResult = { counts: Record<string, number>; ms: number };

/** Thrown when the database already has data and reset was not asked for. */
export class SeedRefusedError extends Error {
  constructor(readonly existing: Record<string, number>) {
    const entries = Object.entries(existing).map(([t, n]) => `${t}: ${n >= 1000 ? "1000+" : n} rows`);
    const what = entries.slice(0, 3).join(", ") + (entries.length > 3 ? ", …" : "");
    super(
      `the database already has data (${what}); refusing to load a second copy. ` +
        "Use --reset to replace it, or --if-empty to skip seeding when data exists.",
    );
    this.name = "SeedRefusedError";
  }
}

/** Number of rows in users (0 for an empty database). */
export async function countUsers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query("SELECT count(*) AS n FROM users")).rows[0].n);
  } finally {
    await client.end();
  }
}

function buildSteps(c: SeedConfig): Step[] {
  const steps = [
    ...preludeSteps(c),
    ...peopleSteps(c),
    ...workSteps(c),
    ...careerSteps(c),
    ...moneySteps(c),
    ...trustSteps(c),
    ...loadSteps(c),
    ...eventSteps(c),
  ];
  const users = steps.find((s) => s.name === "users");
  if (users) users.params = [demoPasswordHash()];
  return steps;
}

/** Per-session settings for a bulk load; temp_buffers must be set before any temp table is touched. */
const SESSION = [
  "SET temp_buffers = '1GB'",
  "SET work_mem = '256MB'",
  "SET maintenance_work_mem = '1GB'",
  "SET synchronous_commit = off",
  "SET TIME ZONE 'UTC'",
  "SET jit = off",
];

/** Skip FK triggers during the load (superuser only); without it the load still works, more slowly. */
async function skipTriggers(client: pg.Client): Promise<boolean> {
  await client.query("SAVEPOINT replica");
  try {
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query("RELEASE SAVEPOINT replica");
    return true;
  } catch {
    await client.query("ROLLBACK TO SAVEPOINT replica");
    return false;
  }
}

/** Rows already in the seeded fact tables (up to 1000 each); the seed only ever loads into empty ones. */
async function existingRows(client: pg.Client): Promise<Record<string, number>> {
  const facts = SEEDED_TABLES.filter((t) => !REFERENCE_TABLES.includes(t));
  const sql = facts.map((t) => `SELECT '${t}' AS t, (SELECT count(*) FROM (SELECT 1 FROM ${t} LIMIT 1000) x) AS n`).join(" UNION ALL ");
  const { rows } = await client.query<{ t: string; n: string }>(sql);
  return Object.fromEntries(rows.filter((r) => Number(r.n) > 0).map((r) => [r.t, Number(r.n)]));
}

/** Runs one statement; an INSERT adds its row count to `counts`. */
async function run(client: pg.Client, step: Step, sql: string, counts: Record<string, number>) {
  try {
    const r = await client.query(sql, sql.includes("$1") ? step.params : undefined);
    const table = /^\s*INSERT INTO (\w+)/.exec(sql)?.[1];
    if (table) counts[table] = (counts[table] ?? 0) + (r.rowCount ?? 0);
  } catch (err) {
    // name the step and statement: a bare "integer out of range" is hard to place
    const head = sql.trim().split("\n")[0].slice(0, 120);
    if (err instanceof Error) err.message = `seed step "${step.name}" failed: ${err.message}\n  in: ${head}`;
    throw err;
  }
}

/** Demo data has known passwords: under NODE_ENV=production it is loaded only when ALLOW_DEMO_DATA=1 says so. */
export function assertDemoDataAllowed(env: NodeJS.ProcessEnv = process.env) {
  if (env.NODE_ENV === "production" && env.ALLOW_DEMO_DATA !== "1") {
    throw new Error(
      "refusing to load demo data with NODE_ENV=production: its accounts share the published password " +
        `"${DEMO_PASSWORD}". Set ALLOW_DEMO_DATA=1 to load it anyway (a demo server, never real users).`,
    );
  }
}

export async function seed(url: string, opts: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  assertDemoDataAllowed();
  if (!SCALE_NAMES.includes(opts.scale)) throw new Error(`unknown scale "${opts.scale}" (expected ${SCALE_NAMES.join(", ")})`);
  const config = resolveConfig(opts.scale, opts.today ?? new Date());
  const steps = buildSteps(config);
  const total = steps.length + 2;
  const progress = opts.onProgress ?? (() => {});

  const client = new pg.Client({ connectionString: url, application_name: "seed" });
  await client.connect();
  try {
    for (const s of SESSION) await client.query(s);
    await client.query("BEGIN");
    // one seed at a time; the emptiness check must not race another seed
    await client.query("SELECT pg_advisory_xact_lock(hashtext('marketplace-seed'))");
    if (opts.reset) {
      const { rows } = await client.query<{ t: string }>(
        `SELECT t FROM unnest($1::text[]) t WHERE to_regclass('public.' || t) IS NOT NULL`, [DERIVED_TABLES]);
      await client.query(`TRUNCATE ${[...SEEDED_TABLES, ...rows.map((r) => r.t)].join(", ")} CASCADE`);
    } else {
      const existing = await existingRows(client);
      if (Object.keys(existing).length > 0) throw new SeedRefusedError(existing);
      // the fact tables are empty, so only derived rows can depend on the reference rows
      await client.query(`TRUNCATE ${REFERENCE_TABLES.join(", ")} CASCADE`);
    }
    await skipTriggers(client);
    const recreate = await dropIndexes(client, SEEDED_TABLES);

    const counts: Record<string, number> = Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0]));
    for (const [i, step] of steps.entries()) {
      progress(step.name, i, total);
      for (const sql of step.sql) await run(client, step, sql, counts);
    }
    progress("indexes", steps.length, total);
    for (const sql of recreate) await run(client, { name: "indexes", sql: [] }, sql, counts);
    progress("analyze", steps.length + 1, total);
    await client.query(`ANALYZE ${SEEDED_TABLES.join(", ")}`);
    await client.query("COMMIT");
    progress("done", total, total);
    return { counts, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}
