// The demo data generator (prisma/seed): deterministic, realistic, internally
// consistent, and never loaded twice. Every expectation below is computed here
// with plain SQL over the seeded tables, not with the generator's helpers.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed, SeedRefusedError } from "@/prisma/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const TODAY = new Date("2026-11-25T12:00:00Z");
const run = promisify(execFile);

/** Every table the seed fills. */
const TABLES = [
  "creator_levels", "output_types", "users", "creator_level_history", "uploads", "assignments",
  "content_submissions", "reviews", "payment_transactions", "payouts", "fraud_flags", "blocked_signups",
  "analytics_events",
];

async function one<T = Record<string, unknown>>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T> {
  return (await db.pool.query(sql, params)).rows[0] as T;
}
const num = async (db: TestDatabase, sql: string, params: unknown[] = []) =>
  Number(Object.values(await one(db, sql, params))[0]);

/** A fingerprint of a table's full content: md5 over all rows in a fixed order. */
async function fingerprints(db: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    out[t] = String(await one(db, `SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${t} x`).then((r) => r.f));
  }
  return out;
}

const indexDefs = async (db: TestDatabase) =>
  (await db.pool.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`)).rows;

describe("seed: determinism and refusal (tiny)", () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let indexesBefore: unknown[];

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    indexesBefore = await indexDefs(a);
    await seed(a.url, { scale: "tiny", today: TODAY });
    await seed(b.url, { scale: "tiny", today: TODAY });
  });
  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it("gives identical rows, ids included, for the same scale and anchor", async () => {
    const [fa, fb] = await Promise.all([fingerprints(a), fingerprints(b)]);
    expect(fa).toEqual(fb);
    for (const t of TABLES) expect(Number(fa[t].split(":")[0]), t).toBeGreaterThan(0);
  });

  it("leaves the schema's indexes and constraints as they were", async () => {
    expect(await indexDefs(a)).toEqual(indexesBefore);
    const fks = await num(a, `SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
    expect(fks).toBeGreaterThan(15);
  });

  it("refuses to seed a database that has data, and changes nothing", async () => {
    const before = await fingerprints(a);
    await expect(seed(a.url, { scale: "tiny", today: TODAY })).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await fingerprints(a)).toEqual(before);
  });

  it("replaces the data with reset (same rows again)", async () => {
    const before = await fingerprints(b);
    await b.pool.query(`INSERT INTO daily_metrics (date) VALUES ('2026-01-01')`);
    // rollups of the old rows go with them (else creator pages would add the old data to the new)
    await b.pool.query(`INSERT INTO creator_day_stats (creator_id, "date", output_type_id, tasks) VALUES (gen_random_uuid(), '2026-01-01', gen_random_uuid(), 3)`);
    await b.pool.query(`INSERT INTO rollup_state ("name", "through") VALUES ('creator_totals', '2026-01-01')`);
    const r = await seed(b.url, { scale: "tiny", today: TODAY, reset: true });
    expect(await fingerprints(b)).toEqual(before);
    expect(await num(b, `SELECT count(*) FROM daily_metrics`)).toBe(0);
    expect(await num(b, `SELECT (SELECT count(*) FROM creator_day_stats) + (SELECT count(*) FROM rollup_state)`)).toBe(0);
    expect(r.counts.users).toBe(await num(b, `SELECT count(*) FROM users`));
    expect(r.counts.analytics_events).toBe(await num(b, `SELECT count(*) FROM analytics_events`));
  });

  it("replaces reference rows a migration may have added instead of refusing", async () => {
    const other = await createTestDatabase();
    try {
      await other.pool.query(`INSERT INTO creator_levels (rank, code, name, min_completed_tasks, min_avg_rating) VALUES (1, 'P', 'Probation', 0, 0)`);
      await other.pool.query(`INSERT INTO output_types (code, name, price, creator_payout) VALUES ('blog_post', 'Blog', 1, 1)`);
      await seed(other.url, { scale: "tiny", today: TODAY });
      expect(await fingerprints(other)).toEqual(await fingerprints(b));
    } finally {
      await other.drop();
    }
  });

  it("a different anchor gives different data", async () => {
    const other = await createTestDatabase();
    try {
      await seed(other.url, { scale: "tiny", today: new Date("2026-06-01T12:00:00Z") });
      const max = await one<{ m: Date }>(other, `SELECT max(created_at) AS m FROM assignments`);
      expect(max.m.getTime()).toBeLessThanOrEqual(Date.parse("2026-06-01T12:00:00Z"));
      expect(max.m.getTime()).toBeGreaterThan(Date.parse("2026-05-31T12:00:00Z"));
    } finally {
      await other.drop();
    }
  });

  describe("CLI", () => {
    const cli = (args: string[], env: Record<string, string> = {}) =>
      run("npx", ["tsx", "scripts/seed.ts", ...args], { env: { ...process.env, ...env } }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );

    it("rejects bad arguments with exit code 2", async () => {
      for (const args of [["--scale", "huge"], ["--today", "2026-02-30"], ["--bogus"], ["--reset", "--if-empty"], ["--scale"]]) {
        const r = await cli(args, { DATABASE_URL: a.url });
        expect(r.code, args.join(" ")).toBe(2);
        expect(r.out).toContain("usage:");
      }
    });

    it("--if-empty does nothing on a seeded database; without it the seed is refused", async () => {
      const skipped = await cli(["--scale", "tiny", "--if-empty"], { DATABASE_URL: a.url });
      expect(skipped.code).toBe(0);
      expect(skipped.out).toMatch(/already has data/);
      const refused = await cli(["--scale", "tiny"], { DATABASE_URL: a.url });
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/refusing/);
    });
  });
});

describe("seed: realistic and consistent data (small)", () => {
  let db: TestDatabase;
  const today = TODAY.toISOString();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.url, { scale: "small", today: TODAY });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("has the expected volumes", async () => {
    const r = await one<Record<string, string>>(db, `SELECT
      (SELECT count(*) FROM users) AS users,
      (SELECT count(*) FROM users WHERE role = 'admin') AS admins,
      (SELECT count(*) FROM users WHERE role = 'creator') AS creators,
      (SELECT count(*) FROM assignments) AS assignments,
      (SELECT count(*) FROM payment_transactions WHERE type = 'charge') AS charges,
      (SELECT count(DISTINCT event_type) FROM analytics_events) AS event_types`);
    expect(Number(r.users)).toBeGreaterThan(1500);
    expect(Number(r.users)).toBeLessThan(3000);
    expect(Number(r.admins)).toBeGreaterThan(1);
    expect(Number(r.assignments)).toBeGreaterThan(30_000);
    expect(Number(r.assignments)).toBeLessThan(50_000);
    expect(Number(r.charges)).toBe(Number(r.assignments)); // one charge per assignment
    expect(Number(r.event_types)).toBe(10);
  });

  it("has five levels and a level pyramid like the spec's 312/245/178/89/23", async () => {
    const { rows } = await db.pool.query(`SELECT l.code, l.rank, l.min_completed_tasks, l.min_avg_rating::float AS rating,
        count(u.id)::int AS n, count(u.id)::float / sum(count(u.id)) OVER () AS share
      FROM creator_levels l LEFT JOIN users u ON u.creator_level_id = l.id AND u.role = 'creator'
      GROUP BY l.id ORDER BY l.rank`);
    expect(rows.map((r) => r.code)).toEqual(["P", "J", "M", "S", "E"]);
    expect(rows.map((r) => r.min_completed_tasks)).toEqual([0, 10, 50, 150, 400]);
    const spec = [312, 245, 178, 89, 23].map((n) => n / 847);
    rows.forEach((r, i) => expect(Math.abs(r.share - spec[i]), r.code).toBeLessThan(0.02));
    const orphan = await num(db, `SELECT count(*) FROM users WHERE (role = 'creator') <> (creator_level_id IS NOT NULL)`);
    expect(orphan).toBe(0);
  });

  it("mostly meets each level's requirements at small scale and up", async () => {
    const { rows } = await db.pool.query(`WITH c AS (
        SELECT u.id, l.code, l.rank, l.min_completed_tasks AS need, l.min_avg_rating AS rating_need,
          (SELECT count(*) FROM assignments a WHERE a.creator_id = u.id AND a.status = 'approved') AS done,
          (SELECT avg(r.overall_score) FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.creator_id = u.id) AS rating
        FROM users u JOIN creator_levels l ON l.id = u.creator_level_id)
      SELECT code, avg((done >= need)::int)::float AS tasks_ok, avg((coalesce(rating, 0) >= rating_need)::int)::float AS rating_ok,
        avg(rating)::float AS avg_rating
      FROM c GROUP BY code, rank ORDER BY rank`);
    for (const r of rows.slice(1, 3)) expect(r.tasks_ok, r.code).toBeGreaterThan(0.8);
    for (const r of rows) expect(r.rating_ok, r.code).toBeGreaterThan(0.8);
    // higher levels rate higher
    for (let i = 1; i < rows.length; i++) expect(rows[i].avg_rating).toBeGreaterThan(rows[i - 1].avg_rating);
  });

  it("grows over time and is quieter at weekends", async () => {
    const growth = await one<{ first: string; last: string }>(db, `SELECT
        count(*) FILTER (WHERE created_at < (SELECT min(created_at) FROM assignments) + interval '6 months') AS first,
        count(*) FILTER (WHERE created_at >= $1::timestamptz - interval '6 months') AS last
      FROM assignments`, [today]);
    expect(Number(growth.last)).toBeGreaterThan(1.5 * Number(growth.first));

    const week = await one<{ weekday: number; weekend: number }>(db, `SELECT
        avg(n) FILTER (WHERE dow < 6)::float AS weekday, avg(n) FILTER (WHERE dow >= 6)::float AS weekend
      FROM (SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, extract(isodow FROM created_at AT TIME ZONE 'UTC') AS dow, count(*) AS n
            FROM assignments WHERE created_at < date_trunc('day', $1::timestamptz) GROUP BY 1, 2) d`, [today]);
    expect(week.weekend).toBeLessThan(0.8 * week.weekday);

    const span = await one<{ first: Date; last: Date }>(db, `SELECT min(created_at) AS first, max(created_at) AS last FROM assignments`);
    expect(span.last.getTime()).toBeLessThanOrEqual(TODAY.getTime());
    expect(TODAY.getTime() - span.last.getTime()).toBeLessThan(3 * 3600_000); // live data in the last hours
    const months = (TODAY.getTime() - span.first.getTime()) / (30.44 * 86400_000);
    expect(months).toBeGreaterThan(17);
    expect(months).toBeLessThan(19);
    const todays = await num(db, `SELECT count(*) FROM analytics_events WHERE created_at >= date_trunc('day', $1::timestamptz)`, [today]);
    expect(todays).toBeGreaterThan(50);
  });

  it("has a realistic mix of outcomes, money and timing", async () => {
    const m = await one<Record<string, number>>(db, `SELECT
        (SELECT count(*) FILTER (WHERE type = 'refund')::float / count(*) FILTER (WHERE type = 'charge') FROM payment_transactions) AS refund_share,
        (SELECT avg((status = 'succeeded')::int)::float FROM payment_transactions WHERE type = 'charge') AS charge_ok,
        (SELECT count(DISTINCT status) FROM payment_transactions WHERE type = 'charge') AS charge_statuses,
        (SELECT avg((decision = 'approved')::int)::float FROM reviews) AS approved,
        (SELECT avg((decision = 'revision_requested')::int)::float FROM reviews) AS revisions,
        (SELECT avg((decision = 'rejected')::int)::float FROM reviews) AS rejected,
        (SELECT avg(overall_score)::float FROM reviews) AS avg_score,
        (SELECT avg((s.submitted_at <= a.due_at)::int)::float FROM assignments a
           JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1 WHERE a.status IN ('approved', 'rejected')) AS on_time,
        (SELECT max(version) FROM content_submissions) AS max_version,
        (SELECT avg((status = 'approved')::int)::float FROM assignments WHERE created_at < $1::timestamptz - interval '30 days') AS old_approved,
        (SELECT avg((status IN ('open', 'claimed', 'submitted', 'in_review', 'revision_requested'))::int)::float
           FROM assignments WHERE created_at > $1::timestamptz - interval '6 hours') AS recent_in_progress,
        (SELECT avg((status IN ('open', 'claimed', 'submitted', 'in_review', 'revision_requested'))::int)::float
           FROM assignments WHERE created_at > $1::timestamptz - interval '1 day') AS day_in_progress`, [today]);
    expect(m.refund_share).toBeGreaterThan(0.02);
    expect(m.refund_share).toBeLessThan(0.045);
    expect(m.charge_ok).toBeGreaterThan(0.95);
    expect(Number(m.charge_statuses)).toBe(3);
    expect(m.approved).toBeGreaterThan(0.75);
    expect(m.revisions).toBeGreaterThan(0.08);
    expect(m.revisions).toBeLessThan(0.25);
    expect(m.rejected).toBeGreaterThan(0.005);
    expect(m.rejected).toBeLessThan(0.06);
    expect(m.avg_score).toBeGreaterThan(4);
    expect(m.avg_score).toBeLessThan(4.8);
    expect(m.on_time).toBeGreaterThan(0.8);
    expect(m.on_time).toBeLessThan(0.95);
    expect(Number(m.max_version)).toBe(3);
    expect(m.old_approved).toBeGreaterThan(0.9);
    // work takes an hour or two and review a few more: most of the last hours' orders are still open, some of the day's done
    expect(m.recent_in_progress).toBeGreaterThan(0.7);
    expect(m.day_in_progress).toBeGreaterThan(0.25);
    expect(m.day_in_progress).toBeLessThan(0.75);

    const payouts = await one<Record<string, string>>(db, `SELECT
        count(*) FILTER (WHERE status = 'completed') AS completed, count(*) FILTER (WHERE status = 'failed') AS failed,
        count(*) FILTER (WHERE status IN ('pending', 'processing')) AS in_flight,
        count(*) FILTER (WHERE status = 'completed' AND completed_at::date > requested_at::date) AS next_day,
        count(*) AS total FROM payouts`);
    expect(Number(payouts.completed) / Number(payouts.total)).toBeGreaterThan(0.9);
    for (const k of ["failed", "in_flight", "next_day"]) expect(Number(payouts[k]), k).toBeGreaterThan(0);
  });

  it("sizes work by output type, with believable earnings per hour (METRICS.md Work)", async () => {
    // claim → first submission by type: short outputs well under 2 h, long ones a few hours, with spread
    const { rows: types } = await db.pool.query(`SELECT ot.code,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.submitted_at - a.claimed_at) / 3600)::float AS median_h,
        percentile_cont(0.1) WITHIN GROUP (ORDER BY extract(epoch FROM s.submitted_at - a.claimed_at) / 3600)::float AS p10_h,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.submitted_at - a.claimed_at) / 3600)::float AS p90_h,
        avg((s.submitted_at <= a.due_at)::int)::float AS on_time,
        max(extract(epoch FROM a.due_at - a.claimed_at) / 3600)::float AS max_due_h
      FROM assignments a JOIN output_types ot ON ot.id = a.output_type_id
      JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
      GROUP BY ot.code`);
    const by = Object.fromEntries(types.map((t) => [t.code, t]));
    for (const code of ["social_media", "executive_summary", "key_insights", "show_notes"]) expect(by[code].median_h, code).toBeLessThan(1.5);
    for (const code of ["blog_post", "transcript_cleanup"]) {
      expect(by[code].median_h, code).toBeGreaterThan(1.5);
      expect(by[code].median_h, code).toBeLessThan(5);
    }
    for (const t of types) {
      expect(t.p90_h / t.p10_h, `${t.code} spread`).toBeGreaterThan(1.8);
      expect(t.on_time, `${t.code} on time`).toBeGreaterThan(0.8);
      expect(t.on_time, `${t.code} on time`).toBeLessThan(0.96);
      expect(t.max_due_h, `${t.code} deadline after the claim`).toBeLessThanOrEqual(8);
    }

    // Per creator over the last 90 days, computed here as gaps and islands (not the app's sweep): work
    // intervals [claim, first submission) cut to 8 h and to the window, of approved assignments completed in
    // it; hours worked = length of their union.
    const { rows } = await db.pool.query(`
      WITH p AS (SELECT $1::timestamptz - interval '90 days' AS s, $1::timestamptz AS e),
      iv AS (
        SELECT a.creator_id, a.creator_payout, greatest(a.claimed_at, p.s) AS s,
          least(v.submitted_at, a.claimed_at + interval '8 hours', p.e) AS e
        FROM assignments a JOIN content_submissions v ON v.assignment_id = a.id AND v.version = 1, p
        WHERE a.status = 'approved' AND a.completed_at >= p.s AND a.completed_at < p.e),
      ordered AS (
        SELECT creator_id, s, e, max(e) OVER (PARTITION BY creator_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
        FROM iv WHERE e > s),
      islands AS (
        SELECT creator_id, s, e, count(*) FILTER (WHERE reach IS NULL OR reach < s) OVER (PARTITION BY creator_id ORDER BY s, e) AS island
        FROM ordered),
      hours AS (
        SELECT creator_id, sum(extract(epoch FROM e - s) / 3600)::float AS hours, bool_or(n > 1) AS held_two
        FROM (SELECT creator_id, island, min(s) AS s, max(e) AS e, count(*) AS n FROM islands GROUP BY 1, 2) x GROUP BY 1),
      earned AS (SELECT creator_id, sum(creator_payout) AS earnings, count(*) AS tasks FROM iv GROUP BY 1)
      SELECT creator_id, tasks::int, earnings::float, hours, held_two, earnings::float / nullif(hours, 0) AS per_hour
      FROM earned JOIN hours USING (creator_id)`, [today]);
    const active = rows.filter((r) => r.tasks >= 5);
    expect(active.length).toBeGreaterThan(100);
    const believable = active.filter((r) => r.per_hour >= 8 && r.per_hour <= 40);
    expect(believable.length / active.length).toBeGreaterThan(0.9);
    const perHour = active.map((r) => r.per_hour).sort((a, b) => a - b);
    const median = perHour[Math.floor(perHour.length / 2)];
    expect(median).toBeGreaterThan(10);
    expect(median).toBeLessThan(30);
    // nobody works more hours than the window has, or more than a long working day on average
    for (const r of rows) expect(r.hours, r.creator_id).toBeLessThanOrEqual(90 * 24);
    expect(Math.max(...rows.map((r) => r.hours / 90))).toBeLessThan(12);
    // some creators hold two tasks at once
    expect(active.filter((r) => r.held_two).length / active.length).toBeGreaterThan(0.2);
  });

  it("keeps every row consistent with the others", async () => {
    const violations: Record<string, string> = {
      "completed_at iff approved/rejected": `SELECT count(*) FROM assignments WHERE (completed_at IS NOT NULL) <> (status IN ('approved', 'rejected'))`,
      "claimed iff creator": `SELECT count(*) FROM assignments WHERE (creator_id IS NULL) <> (claimed_at IS NULL) OR (claimed_at IS NULL) <> (due_at IS NULL)`,
      "open/cancelled have no creator": `SELECT count(*) FROM assignments WHERE status IN ('open', 'cancelled') AND creator_id IS NOT NULL`,
      "claimed after the creator signed up": `SELECT count(*) FROM assignments a JOIN users u ON u.id = a.creator_id WHERE a.claimed_at < u.created_at`,
      "creator is a creator": `SELECT count(*) FROM assignments a JOIN users u ON u.id = a.creator_id WHERE u.role <> 'creator'`,
      "claim after creation, due after claim": `SELECT count(*) FROM assignments WHERE claimed_at < created_at OR due_at <= claimed_at OR completed_at < claimed_at`,
      "upload after its uploader signed up": `SELECT count(*) FROM uploads x JOIN users u ON u.id = x.uploader_id WHERE x.created_at < u.created_at OR u.role <> 'uploader'`,
      "assignment after its upload": `SELECT count(*) FROM assignments a JOIN uploads x ON x.id = a.upload_id WHERE a.created_at < x.created_at`,
      "submission by the assignee, after the claim": `SELECT count(*) FROM content_submissions s JOIN assignments a ON a.id = s.assignment_id
         WHERE s.creator_id IS DISTINCT FROM a.creator_id OR s.submitted_at < a.claimed_at`,
      "first_submitted_at is the version-1 submission's time": `SELECT count(*) FROM assignments a
         LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1 WHERE a.first_submitted_at IS DISTINCT FROM s.submitted_at`,
      "a review's copies are its assignment's creator and output type and its submission's version": `SELECT count(*) FROM reviews r
         JOIN assignments a ON a.id = r.assignment_id JOIN content_submissions s ON s.id = r.submission_id
         WHERE r.creator_id IS DISTINCT FROM a.creator_id OR r.output_type_id IS DISTINCT FROM a.output_type_id
           OR r.submission_version IS DISTINCT FROM s.version`,
      "versions without gaps": `SELECT count(*) FROM content_submissions s WHERE s.version > 1 AND NOT EXISTS
         (SELECT 1 FROM content_submissions p WHERE p.assignment_id = s.assignment_id AND p.version = s.version - 1 AND p.submitted_at < s.submitted_at)`,
      "review after its submission, same assignment": `SELECT count(*) FROM reviews r JOIN content_submissions s ON s.id = r.submission_id
         WHERE r.completed_at < s.submitted_at OR r.assignment_id <> s.assignment_id`,
      "revision request followed by a later version": `SELECT count(*) FROM reviews r JOIN content_submissions s ON s.id = r.submission_id
         JOIN assignments a ON a.id = r.assignment_id
         WHERE r.decision = 'revision_requested' AND a.status <> 'revision_requested' AND NOT EXISTS
         (SELECT 1 FROM content_submissions n WHERE n.assignment_id = s.assignment_id AND n.version = s.version + 1 AND n.submitted_at > r.completed_at)`,
      "final review matches the status": `SELECT count(*) FROM assignments a JOIN LATERAL
         (SELECT decision, completed_at FROM reviews r WHERE r.assignment_id = a.id ORDER BY completed_at DESC LIMIT 1) r ON true
         WHERE a.status IN ('approved', 'rejected') AND (r.decision::text <> a.status::text OR r.completed_at <> a.completed_at)`,
      "approved/rejected have a review": `SELECT count(*) FROM assignments a WHERE a.status IN ('approved', 'rejected')
         AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.assignment_id = a.id)`,
      "upload status agrees with its assignments": `SELECT count(*) FROM uploads x JOIN LATERAL (SELECT
           bool_and(status IN ('approved', 'rejected', 'cancelled')) AS done, bool_and(status = 'cancelled') AS cancelled,
           max(completed_at) AS last FROM assignments a WHERE a.upload_id = x.id) a ON true
         WHERE (x.status = 'completed') <> (a.done AND NOT a.cancelled) OR (x.status = 'cancelled') <> a.cancelled
           OR (x.status = 'completed' AND x.completed_at IS DISTINCT FROM a.last) OR (x.status <> 'completed' AND x.completed_at IS NOT NULL)`,
      "charge belongs to the upload's uploader, after the upload": `SELECT count(*) FROM payment_transactions p JOIN uploads x ON x.id = p.upload_id
         WHERE p.uploader_id <> x.uploader_id OR p.created_at < x.created_at`,
      "refunds after, and at most, their upload's charges": `SELECT count(*) FROM (SELECT upload_id,
           sum(amount) FILTER (WHERE type = 'refund') AS refunded, sum(amount) FILTER (WHERE type = 'charge' AND status = 'succeeded') AS charged,
           min(created_at) FILTER (WHERE type = 'refund') AS first_refund, min(created_at) FILTER (WHERE type = 'charge') AS first_charge
         FROM payment_transactions GROUP BY upload_id) x
         WHERE x.refunded > coalesce(x.charged, 0) OR x.first_refund <= x.first_charge`,
      "payouts never exceed approved earnings": `SELECT count(*) FROM (SELECT p.creator_id, sum(p.amount) AS paid FROM payouts p
           WHERE p.status <> 'failed' GROUP BY 1) p
         WHERE p.paid > (SELECT sum(creator_payout) FROM assignments a WHERE a.creator_id = p.creator_id AND a.status = 'approved')`,
      "payout completed_at iff completed, not before request": `SELECT count(*) FROM payouts WHERE (completed_at IS NOT NULL) <> (status = 'completed') OR completed_at < requested_at`,
      "nothing after the anchor": `SELECT (SELECT count(*) FROM assignments WHERE greatest(created_at, claimed_at, completed_at) > $1::timestamptz)
         + (SELECT count(*) FROM analytics_events WHERE created_at > $1::timestamptz)
         + (SELECT count(*) FROM payouts WHERE greatest(requested_at, completed_at) > $1::timestamptz)
         + (SELECT count(*) FROM reviews WHERE completed_at > $1::timestamptz)
         + (SELECT count(*) FROM users WHERE created_at > $1::timestamptz)
         + (SELECT count(*) FROM uploads WHERE greatest(created_at, completed_at) > $1::timestamptz)
         + (SELECT count(*) FROM content_submissions WHERE submitted_at > $1::timestamptz)
         + (SELECT count(*) FROM payment_transactions WHERE created_at > $1::timestamptz)
         + (SELECT count(*) FROM fraud_flags WHERE greatest(created_at, resolved_at) > $1::timestamptz)
         + (SELECT count(*) FROM creator_level_history WHERE changed_at > $1::timestamptz)
         + (SELECT count(*) FROM blocked_signups WHERE created_at > $1::timestamptz)`,
      "history starts at Probation at signup": `SELECT count(*) FROM users u JOIN LATERAL (SELECT h.from_level_id, h.to_level_id, h.changed_at
           FROM creator_level_history h WHERE h.creator_id = u.id ORDER BY h.changed_at LIMIT 1) h ON true
         WHERE h.from_level_id IS NOT NULL OR h.changed_at <> u.created_at
           OR h.to_level_id <> (SELECT id FROM creator_levels WHERE code = 'P')`,
      "history ends at the current level": `SELECT count(*) FROM users u LEFT JOIN LATERAL (SELECT h.to_level_id FROM creator_level_history h
           WHERE h.creator_id = u.id ORDER BY h.changed_at DESC LIMIT 1) h ON true
         WHERE u.role = 'creator' AND h.to_level_id IS DISTINCT FROM u.creator_level_id`,
      "history rows chain (from = previous to), one step at a time": `SELECT count(*) FROM (SELECT h.from_level_id, h.to_level_id,
           lag(h.to_level_id) OVER (PARTITION BY h.creator_id ORDER BY h.changed_at) AS prev FROM creator_level_history h) x
         JOIN creator_levels f ON f.id = x.from_level_id JOIN creator_levels t ON t.id = x.to_level_id
         WHERE x.prev IS DISTINCT FROM x.from_level_id OR abs(f.rank - t.rank) <> 1`,
      "suspended iff a confirmed flag suspended them": `SELECT count(*) FROM users u WHERE (u.status = 'suspended') <> (u.suspended_at IS NOT NULL)
         OR (u.status = 'suspended' AND NOT EXISTS (SELECT 1 FROM fraud_flags f WHERE f.user_id = u.id AND f.resolution = 'confirmed' AND f.resolved_at <= u.suspended_at))`,
      "flags resolved consistently": `SELECT count(*) FROM fraud_flags f JOIN users u ON u.id = f.user_id WHERE f.created_at < u.created_at
         OR (f.status = 'resolved') <> (f.resolved_at IS NOT NULL) OR (f.resolution IS NULL) <> (f.resolved_at IS NULL)
         OR (f.resolved_by IS NULL) <> (f.resolved_at IS NULL) OR f.resolved_at < f.created_at`,
      "resolver is an admin": `SELECT count(*) FROM fraud_flags f JOIN users u ON u.id = f.resolved_by WHERE u.role <> 'admin'`,
      "blocked signup after the account it matched": `SELECT count(*) FROM blocked_signups b JOIN users u ON u.id = b.matched_user_id WHERE b.created_at < u.created_at`,
      "events point at existing users": `SELECT count(*) FROM analytics_events e WHERE e.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = e.user_id)`,
      // a TIN only for US persons (some have not given one yet: the 1099 report flags them), who are creators
      "only US creators carry a TIN": `SELECT count(*) FROM users WHERE (NOT is_us_person AND tin_last4 IS NOT NULL) OR (is_us_person AND role <> 'creator')`,
    };
    const found: Record<string, number> = {};
    for (const [name, sql] of Object.entries(violations)) {
      found[name] = await num(db, sql, sql.includes("$1") ? [today] : []);
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, 0])));
  });

  it("has no dangling references (the load skipped FK triggers)", async () => {
    const { rows } = await db.pool.query(`SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS ref, ra.attname AS ref_col
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
    expect(rows.length).toBeGreaterThan(15);
    for (const fk of rows) {
      const n = await num(db, `SELECT count(*) FROM ${fk.tbl} t WHERE t.${fk.col} IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${fk.ref} r WHERE r.${fk.ref_col} = t.${fk.col})`);
      expect(n, `${fk.tbl}.${fk.col}`).toBe(0);
    }
  });

  it("has fraud data that makes the fraud metrics meaningful", async () => {
    const f = await one<Record<string, string>>(db, `SELECT
        count(*) FILTER (WHERE status = 'pending') AS pending,
        count(*) FILTER (WHERE source = 'auto' AND resolution = 'false_positive') AS auto_fp,
        count(*) FILTER (WHERE source = 'auto' AND status = 'resolved') AS auto_resolved,
        count(*) FILTER (WHERE source = 'manual') AS manual,
        count(DISTINCT flag_type) AS types,
        (SELECT count(*) FROM users WHERE status = 'suspended') AS suspended,
        (SELECT count(*) FROM blocked_signups) AS blocked
      FROM fraud_flags`);
    expect(Number(f.pending)).toBeGreaterThan(0);
    expect(Number(f.manual)).toBeGreaterThan(0);
    expect(Number(f.auto_fp) / Number(f.auto_resolved)).toBeGreaterThan(0.3);
    expect(Number(f.types)).toBeGreaterThanOrEqual(5);
    expect(Number(f.suspended)).toBeGreaterThan(0);
    expect(Number(f.blocked)).toBeGreaterThan(0);
  });

  it("derives analytics events from the facts, with the spec's properties", async () => {
    const facts = await one<Record<string, string>>(db, `SELECT
        (SELECT count(*) FROM uploads) AS uploads,
        (SELECT count(*) FROM assignments WHERE claimed_at IS NOT NULL) AS claims,
        (SELECT count(*) FROM content_submissions) AS submissions,
        (SELECT count(*) FROM payment_transactions WHERE type = 'charge' AND status = 'succeeded') AS payments,
        (SELECT count(*) FROM payouts WHERE status = 'completed') AS payouts,
        (SELECT count(*) FROM users WHERE role <> 'admin') AS signups`);
    const { rows } = await db.pool.query(`SELECT event_type, count(*)::int AS n FROM analytics_events GROUP BY 1`);
    const count = Object.fromEntries(rows.map((r) => [r.event_type, r.n]));
    expect(count.upload_completed).toBe(Number(facts.uploads));
    expect(count.upload_initiated).toBe(Number(facts.uploads));
    expect(count.assignment_claimed).toBe(Number(facts.claims));
    expect(count.assignment_submitted).toBe(Number(facts.submissions));
    expect(count.payment_completed).toBe(Number(facts.payments));
    expect(count.payout_processed).toBe(Number(facts.payouts));
    expect(count.signup_completed).toBe(Number(facts.signups));
    expect(count.signup_started).toBeGreaterThan(Number(facts.signups)); // some never finished
    expect(count.page_view).toBeGreaterThan(1000);
    expect(count.search_performed).toBeGreaterThan(100);

    const keys: Record<string, string[]> = {
      page_view: ["url", "referrer"], signup_started: ["role"], signup_completed: ["role", "method"],
      upload_initiated: ["output_types"], upload_completed: ["file_size", "duration"],
      assignment_claimed: ["output_type", "level"], assignment_submitted: ["time_to_complete"],
      payment_completed: ["amount", "method"], payout_processed: ["amount", "method"], search_performed: ["query", "filters"],
    };
    for (const [type, k] of Object.entries(keys)) {
      const missing = await num(db, `SELECT count(*) FROM analytics_events WHERE event_type = $1 AND NOT event_data ?& $2::text[]`, [type, k]);
      expect(missing, type).toBe(0);
    }
    const partitions = await num(db, `SELECT count(*) FROM analytics_events_default`);
    expect(partitions).toBe(0); // every month got its partition
  });

  it("has US creators on both sides of each tax year's 1099 threshold, some reportable ones without a TIN", async () => {
    // $600 for 2025, $2,000 for 2026 (METRICS.md "Reports"); total paid = completed payouts in the UTC year
    const { rows } = await db.pool.query(`
      WITH paid AS (
        SELECT u.id, u.tin_last4, extract(year FROM p.completed_at AT TIME ZONE 'UTC')::int AS year, sum(p.amount) AS total
        FROM users u JOIN payouts p ON p.creator_id = u.id AND p.status = 'completed'
        WHERE u.is_us_person GROUP BY 1, 2, 3)
      SELECT year, count(*) FILTER (WHERE total < t) AS under, count(*) FILTER (WHERE total >= t) AS reportable,
             count(*) FILTER (WHERE total >= t AND tin_last4 IS NULL) AS no_tin
      FROM paid CROSS JOIN LATERAL (SELECT CASE WHEN year >= 2026 THEN 2000 ELSE 600 END AS t) th
      WHERE year IN (2025, 2026) GROUP BY year ORDER BY year`);
    expect(rows.map((r) => r.year)).toEqual([2025, 2026]);
    for (const r of rows) {
      expect(Number(r.under), `${r.year} under`).toBeGreaterThan(0);
      expect(Number(r.reportable), `${r.year} reportable`).toBeGreaterThan(0);
    }
    expect(rows.reduce((s, r) => s + Number(r.no_tin), 0)).toBeGreaterThan(0);
    const us = await one<{ n: string; tin: string }>(db, `SELECT count(*) AS n, count(tin_last4) AS tin FROM users WHERE is_us_person`);
    expect(Number(us.tin)).toBeLessThan(Number(us.n));
    expect(Number(us.tin)).toBeGreaterThan(Number(us.n) * 0.8);
    expect(await num(db, `SELECT count(*) FROM users WHERE NOT is_us_person AND tin_last4 IS NOT NULL`)).toBe(0);
  });

  it("gives the demo accounts rich histories", async () => {
    const users = await db.pool.query(`SELECT u.email, u.role, u.time_zone, u.is_us_person, u.password_hash, u.status, l.code AS level
      FROM users u LEFT JOIN creator_levels l ON l.id = u.creator_level_id WHERE u.email = ANY($1)`, [DEMO_ACCOUNTS.map((a) => a.email)]);
    expect(users.rows.map((u) => `${u.email}:${u.role}`).sort()).toEqual(DEMO_ACCOUNTS.map((a) => `${a.email}:${a.role}`).sort());
    for (const u of users.rows) {
      expect(u.status).toBe("active");
      expect(bcrypt.compareSync(DEMO_PASSWORD, u.password_hash)).toBe(true);
    }
    const hashes = await num(db, `SELECT count(DISTINCT password_hash) FROM users`);
    expect(hashes).toBe(1);

    const creator = users.rows.find((u) => u.role === "creator")!;
    expect(creator).toMatchObject({ level: "S", time_zone: "Europe/London", is_us_person: true });
    const c = await one<Record<string, string>>(db, `SELECT
        (SELECT count(*) FROM assignments a WHERE a.creator_id = u.id) AS assignments,
        (SELECT count(*) FROM assignments a WHERE a.creator_id = u.id AND a.completed_at >= date_trunc('month', $1::timestamptz)) AS this_month,
        (SELECT count(*) FROM payouts p WHERE p.creator_id = u.id AND p.status = 'completed') AS paid,
        (SELECT count(*) FROM payouts p WHERE p.creator_id = u.id AND p.status IN ('pending', 'processing')) AS pending,
        (SELECT count(*) FROM creator_level_history h WHERE h.creator_id = u.id AND h.from_level_id IS NOT NULL) AS promotions
      FROM users u WHERE u.email = 'creator@example.com'`, [today]);
    expect(Number(c.assignments)).toBeGreaterThan(500);
    expect(Number(c.this_month)).toBeGreaterThan(10);
    expect(Number(c.paid)).toBeGreaterThan(50);
    expect(Number(c.pending)).toBeGreaterThan(0);
    expect(Number(c.promotions)).toBeGreaterThanOrEqual(3);

    const uploader = users.rows.find((u) => u.role === "uploader")!;
    expect(uploader.time_zone).toBe("America/New_York");
    const u = await one<Record<string, string>>(db, `SELECT count(*) AS total,
        count(*) FILTER (WHERE x.created_at >= date_trunc('week', $1::timestamptz)) AS this_week,
        count(*) FILTER (WHERE x.created_at >= date_trunc('week', $1::timestamptz) - interval '1 week'
                           AND x.created_at < date_trunc('week', $1::timestamptz)) AS last_week,
        count(*) FILTER (WHERE x.created_at >= date_trunc('month', $1::timestamptz)) AS this_month,
        count(*) FILTER (WHERE x.created_at >= date_trunc('month', $1::timestamptz) - interval '1 month'
                           AND x.created_at < date_trunc('month', $1::timestamptz)) AS last_month,
        count(*) FILTER (WHERE x.status NOT IN ('completed', 'cancelled')) AS pending
      FROM uploads x JOIN users u ON u.id = x.uploader_id WHERE u.email = 'uploader@example.com'`, [today]);
    expect(Number(u.total)).toBeGreaterThan(250);
    for (const k of ["this_week", "last_week", "this_month", "last_month"]) expect(Number(u[k]), k).toBeGreaterThan(0);
  });
});
