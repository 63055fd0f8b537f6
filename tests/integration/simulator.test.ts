// The demo's simulator: N ticks on a freshly seeded tiny marketplace (then two
// simulators at once, as two demos on one database would run) add rows
// to every table it feeds, keep the ledger's invariants (checked with plain
// SQL over the whole database), and move today's live numbers by exactly
// what was written.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { liveDayMetrics, utcDay } from "@/lib/rollups";
import type { DailyMetrics } from "@/lib/rollups/metrics-sql";
import { simulateTick, type TickCounts } from "@/lib/simulator";
import { seed } from "@/prisma/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
let t0: Date;
let days: string[];
let before: DailyMetrics;
let after: DailyMetrics;
const totals: Partial<Record<keyof TickCounts, number>> = {};
const countsBefore: Record<string, number> = {};

const TABLES = ["users", "creator_level_history", "uploads", "assignments", "content_submissions", "reviews", "payment_transactions", "analytics_events"];

/** A small deterministic generator, so a failure can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await tdb.pool.query(sql, params)).rows as T[];
}
const count = async (table: string) => Number((await q<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

/** The live numbers of each UTC day the ticks touched, summed. */
async function liveOver(days: string[]): Promise<DailyMetrics> {
  const rows = await Promise.all(days.map((d) => liveDayMetrics(db, d)));
  const sum = { ...rows[0] } as Record<string, unknown>;
  for (const r of rows.slice(1)) {
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === "number") sum[k] = (sum[k] as number) + v;
      else if (k.startsWith("total_")) sum[k] = (Number(sum[k]) + Number(v)).toFixed(2);
    }
  }
  return sum as DailyMetrics;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  // The marketplace as it stood six hours ago; the ticks then replay those six hours
  // (40 ticks, ~9 minutes apart), so claimed work gets submitted and reviewed as in a demo.
  const end = Date.now() - 1000;
  t0 = new Date(end - 6 * 3600_000);
  await seed(tdb.url, { scale: "tiny", today: t0 });
  db = createPrisma(tdb.url, 2);
  for (const t of TABLES) countsBefore[t] = await count(t);
  days = [...new Set([utcDay(t0), utcDay(new Date(end))])];
  before = await liveOver(days);
  const random = mulberry32(20261129);
  const add = (n: TickCounts) => {
    for (const [k, v] of Object.entries(n)) totals[k as keyof TickCounts] = (totals[k as keyof TickCounts] ?? 0) + v;
  };
  const TICKS = 40;
  for (let i = 0; i < TICKS; i++) {
    const now = new Date(t0.getTime() + ((i + 1) * (end - t0.getTime())) / TICKS);
    // a few ticks make sure the rarer paths run: revision requests, rejections with refunds
    const rates = i >= 30 && i < 33 ? { rejected: 0, revision: 1 } : i >= 33 && i < 36 ? { rejected: 1, refundRejected: 1 } : {};
    add(await simulateTick(tdb.pool, { now, random, rates }));
  }
  // two demos on one database: simulators with their own pools tick at the same moments
  const other = new pg.Pool({ connectionString: tdb.url, max: 2 });
  try {
    for (let i = 0; i < 6; i++) {
      const now = new Date(end);
      for (const n of await Promise.all([simulateTick(tdb.pool, { now, random }), simulateTick(other, { now })])) add(n);
    }
  } finally {
    await other.end();
  }
  after = await liveOver(days);
}, 300_000);

afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

describe("the demo simulator", () => {
  it("adds rows to every table it feeds", async () => {
    for (const t of TABLES) expect(await count(t), t).toBeGreaterThan(countsBefore[t]);
    expect(totals).toMatchObject({ signups: expect.any(Number), uploads: expect.any(Number) });
    for (const k of ["signups", "uploads", "claims", "submissions", "approved", "revisions", "rejected", "refunds"] as const) {
      expect(totals[k], k).toBeGreaterThan(0);
    }
    // new rows are stamped at their tick's time, after the seed's last row
    const { n } = (await q<{ n: string }>(`SELECT count(*) AS n FROM reviews WHERE completed_at >= $1`, [t0]))[0];
    expect(Number(n)).toBe(totals.approved! + totals.revisions! + totals.rejected!);
  });

  it("keeps assignments consistent: completion, claims, payouts, prices", async () => {
    const bad = await q(`
      SELECT a.id, a.status FROM assignments a JOIN output_types ot ON ot.id = a.output_type_id
      WHERE (a.status IN ('approved', 'rejected')) <> (a.completed_at IS NOT NULL)
         OR (a.status IN ('open', 'cancelled')) <> (a.creator_id IS NULL)
         OR (a.creator_id IS NOT NULL AND (a.claimed_at IS NULL OR a.due_at IS NULL OR a.due_at <= a.claimed_at))
         OR (a.completed_at < a.claimed_at)
         OR a.price NOT IN (ot.price, round(ot.price * 1.5, 2))
         OR a.creator_payout NOT IN (ot.creator_payout, round(ot.creator_payout * 1.5, 2))`);
    expect(bad).toEqual([]);
  });

  it("versions submissions 1..n by the assignment's creator, after the claim", async () => {
    const bad = await q(`
      SELECT a.id FROM assignments a JOIN content_submissions s ON s.assignment_id = a.id
      GROUP BY a.id, a.creator_id, a.claimed_at
      HAVING max(s.version) <> count(*) OR min(s.version) <> 1
          OR bool_or(s.creator_id IS DISTINCT FROM a.creator_id) OR min(s.submitted_at) < a.claimed_at`);
    expect(bad).toEqual([]);
    // claimed work has no submission; anything past "claimed" has one
    const missing = await q(`
      SELECT a.id, a.status FROM assignments a
      WHERE (a.status = 'claimed') = EXISTS (SELECT 1 FROM content_submissions s WHERE s.assignment_id = a.id)
        AND a.status IN ('claimed', 'submitted', 'in_review', 'revision_requested', 'approved', 'rejected')`);
    expect(missing).toEqual([]);
    // the assignment's copy of its first submission instant (kept by a trigger) matches version 1
    const firsts = await q(`
      SELECT a.id FROM assignments a LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
      WHERE a.first_submitted_at IS DISTINCT FROM s.submitted_at`);
    expect(firsts).toEqual([]);
  });

  it("reviews the latest version once, with a score that fits the decision, and sets the status from it", async () => {
    const bad = await q(`
      SELECT r.id FROM reviews r JOIN content_submissions s ON s.id = r.submission_id
      WHERE s.assignment_id <> r.assignment_id OR r.completed_at < s.submitted_at
         OR NOT CASE r.decision WHEN 'approved' THEN r.overall_score BETWEEN 3 AND 5
                                WHEN 'revision_requested' THEN r.overall_score BETWEEN 2 AND 4
                                ELSE r.overall_score BETWEEN 1 AND 2 END`);
    expect(bad).toEqual([]);
    const twice = await q(`SELECT submission_id FROM reviews GROUP BY 1 HAVING count(*) > 1`);
    expect(twice).toEqual([]);
    // the latest review decides approved / rejected / revision_requested
    const mismatched = await q(`
      SELECT a.id, a.status, last.decision FROM assignments a
      JOIN LATERAL (SELECT r.decision FROM reviews r JOIN content_submissions s ON s.id = r.submission_id
                    WHERE r.assignment_id = a.id ORDER BY s.version DESC LIMIT 1) last ON true
      WHERE a.status IN ('approved', 'rejected', 'revision_requested') AND a.status::text <> last.decision::text`);
    expect(mismatched).toEqual([]);
  });

  it("charges every new output once, cancels those whose charge failed, refunds only rejected work", async () => {
    const charges = await q<{ upload_id: string; outputs: string; charges: string; failed: string; cancelled: string; charged: string; priced: string }>(`
      SELECT u.id AS upload_id,
        (SELECT count(*) FROM assignments a WHERE a.upload_id = u.id) AS outputs,
        (SELECT count(*) FROM payment_transactions t WHERE t.upload_id = u.id AND t.type = 'charge') AS charges,
        (SELECT count(*) FROM payment_transactions t WHERE t.upload_id = u.id AND t.type = 'charge' AND t.status = 'failed') AS failed,
        (SELECT count(*) FROM assignments a WHERE a.upload_id = u.id AND a.status = 'cancelled') AS cancelled,
        (SELECT sum(amount) FROM payment_transactions t WHERE t.upload_id = u.id AND t.type = 'charge') AS charged,
        (SELECT sum(price) FROM assignments a WHERE a.upload_id = u.id) AS priced
      FROM uploads u WHERE u.created_at >= $1`, [t0]);
    expect(charges.length).toBe(totals.uploads);
    for (const c of charges) {
      expect(c.charges).toBe(c.outputs);
      expect(c.failed).toBe(c.cancelled);
      expect(c.charged).toBe(c.priced);
    }
    const refunds = await q<{ ok: boolean }>(`
      SELECT t.status = 'succeeded' AND EXISTS (
        SELECT 1 FROM assignments a WHERE a.upload_id = t.upload_id AND a.status = 'rejected' AND a.price = t.amount AND a.completed_at = t.created_at) AS ok
      FROM payment_transactions t WHERE t.type = 'refund' AND t.created_at >= $1`, [t0]);
    expect(refunds.length).toBe(totals.refunds);
    expect(refunds.every((r) => r.ok)).toBe(true);
  });

  it("completes an upload exactly when all its outputs are done; new creators start at Probation", async () => {
    const bad = await q(`
      SELECT u.id FROM uploads u
      WHERE (u.status = 'completed') <> (u.completed_at IS NOT NULL)
         OR (u.status = 'completed') <> (
              NOT EXISTS (SELECT 1 FROM assignments a WHERE a.upload_id = u.id AND a.status NOT IN ('approved', 'rejected', 'cancelled'))
              AND EXISTS (SELECT 1 FROM assignments a WHERE a.upload_id = u.id AND a.status <> 'cancelled'))`);
    expect(bad).toEqual([]);
    const creators = await q<{ rank: number; history: string; first_from: string | null; at_signup: boolean }>(`
      SELECT l.rank, (SELECT count(*) FROM creator_level_history h WHERE h.creator_id = u.id) AS history,
        (SELECT h.from_level_id::text FROM creator_level_history h WHERE h.creator_id = u.id ORDER BY changed_at LIMIT 1) AS first_from,
        (SELECT min(h.changed_at) FROM creator_level_history h WHERE h.creator_id = u.id) = u.created_at AS at_signup
      FROM users u JOIN creator_levels l ON l.id = u.creator_level_id WHERE u.role = 'creator' AND u.created_at >= $1`, [t0]);
    for (const c of creators) expect(c).toEqual({ rank: 1, history: "1", first_from: null, at_signup: true });
  });

  it("moves today's live numbers by exactly what it wrote", async () => {
    const [w] = await q<Record<string, string>>(`
      SELECT
        (SELECT count(*) FROM users WHERE role = 'uploader' AND created_at >= $1) AS new_uploaders,
        (SELECT count(*) FROM users WHERE role = 'creator' AND created_at >= $1) AS new_creators,
        (SELECT count(*) FROM uploads WHERE created_at >= $1) AS uploads_count,
        (SELECT count(*) FROM assignments WHERE created_at >= $1) AS assignments_created,
        (SELECT count(*) FROM assignments WHERE status = 'approved' AND completed_at >= $1) AS assignments_completed,
        (SELECT count(*) FROM assignments WHERE status = 'rejected' AND completed_at >= $1) AS assignments_rejected,
        (SELECT coalesce(sum(amount), 0) FROM payment_transactions WHERE type = 'charge' AND status = 'succeeded' AND created_at >= $1) AS total_revenue,
        (SELECT coalesce(sum(amount), 0) FROM payment_transactions WHERE type = 'refund' AND status = 'succeeded' AND created_at >= $1) AS total_refunds,
        (SELECT count(*) FROM payment_transactions WHERE status = 'succeeded' AND created_at >= $1) AS transaction_count`, [t0]);
    const cents = (s: string | number) => Math.round(Number(s) * 100);
    for (const k of ["new_uploaders", "new_creators", "uploads_count", "assignments_created", "assignments_completed", "assignments_rejected", "transaction_count"] as const) {
      expect(after[k] - before[k], k).toBe(Number(w[k]));
    }
    expect(cents(after.total_revenue) - cents(before.total_revenue)).toBe(cents(w.total_revenue));
    expect(cents(after.total_refunds) - cents(before.total_refunds)).toBe(cents(w.total_refunds));
    expect(Number(w.uploads_count)).toBeGreaterThan(0);
    expect(cents(w.total_revenue)).toBeGreaterThan(0);
    expect(Number(w.assignments_completed)).toBeGreaterThan(0);
  });
});
