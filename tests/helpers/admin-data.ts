// A seeded data generator for the admin dashboard tests: a few thousand rows
// in every table the admin pages read, from 2024-12 to just past NOW_A, dense
// in the last weeks, deterministic for a given seed. Timestamps are drawn to
// hit the edges the periods care about: UTC midnights (and ±1 ms), the
// instants "now" (NOW_A, NOW_B) and the previous periods' cut points (and
// ±1 ms), plus a few rows after NOW_A that no period may count. Every status,
// decision, source and resolution is represented, including rows that must
// not be counted (failed/pending money, cancelled assignments with a
// completed_at, failed payouts with a completed_at).
import type pg from "pg";
import { createPrisma, type Db } from "@/lib/db";
import { aggregateDailyMetrics, snapshotCreatorLevels } from "@/lib/rollups";
import { createTestDatabase, type TestDatabase } from "./db";

export const NOW_A = new Date("2026-04-02T10:15:30.250Z"); // a Thursday: its week crosses 1 April
export const NOW_B = new Date("2026-03-31T23:59:59.999Z"); // a Tuesday, the last millisecond of March

/** Current and previous ranges of each period, written out by hand ([start, end), UTC). */
export const RANGES: Record<string, Record<string, { cur: [string, string]; prev: [string, string] }>> = {
  A: {
    day: { cur: ["2026-04-02T00:00:00.000Z", NOW_A.toISOString()], prev: ["2026-04-01T00:00:00.000Z", "2026-04-01T10:15:30.250Z"] },
    week: { cur: ["2026-03-30T00:00:00.000Z", NOW_A.toISOString()], prev: ["2026-03-23T00:00:00.000Z", "2026-03-26T10:15:30.250Z"] },
    month: { cur: ["2026-04-01T00:00:00.000Z", NOW_A.toISOString()], prev: ["2026-03-01T00:00:00.000Z", "2026-03-02T10:15:30.250Z"] },
    quarter: { cur: ["2026-04-01T00:00:00.000Z", NOW_A.toISOString()], prev: ["2026-01-01T00:00:00.000Z", "2026-01-02T10:15:30.250Z"] },
    year: { cur: ["2026-01-01T00:00:00.000Z", NOW_A.toISOString()], prev: ["2025-01-01T00:00:00.000Z", "2025-04-02T10:15:30.250Z"] },
  },
  B: {
    day: { cur: ["2026-03-31T00:00:00.000Z", NOW_B.toISOString()], prev: ["2026-03-30T00:00:00.000Z", "2026-03-30T23:59:59.999Z"] },
    week: { cur: ["2026-03-30T00:00:00.000Z", NOW_B.toISOString()], prev: ["2026-03-23T00:00:00.000Z", "2026-03-24T23:59:59.999Z"] },
    month: { cur: ["2026-03-01T00:00:00.000Z", NOW_B.toISOString()], prev: ["2026-02-01T00:00:00.000Z", "2026-02-28T23:59:59.999Z"] },
    quarter: { cur: ["2026-01-01T00:00:00.000Z", NOW_B.toISOString()], prev: ["2025-10-01T00:00:00.000Z", "2025-12-31T23:59:59.999Z"] },
    year: { cur: ["2026-01-01T00:00:00.000Z", NOW_B.toISOString()], prev: ["2025-01-01T00:00:00.000Z", "2025-03-31T23:59:59.999Z"] },
  },
};

const DAY_MS = 86_400_000;
const WINDOW_START = Date.parse("2024-12-28T00:00:00Z");

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let r = this.next() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][0];
  }
  uuid(): string {
    const b = Array.from({ length: 16 }, () => this.int(0, 255));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  money(min: number, max: number): string {
    const c = this.int(min * 100, max * 100);
    return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
  }
}

/** The instants a period boundary can fall on, each with its neighbours 1 ms either side. */
function edgeInstants(): number[] {
  const out = new Set<number>();
  for (const set of Object.values(RANGES)) {
    for (const { cur, prev } of Object.values(set)) {
      for (const iso of [...cur, ...prev]) {
        const t = Date.parse(iso);
        out.add(t - 1).add(t).add(t + 1);
      }
    }
  }
  for (let d = Date.parse("2026-03-20T00:00:00Z"); d <= Date.parse("2026-04-03T00:00:00Z"); d += DAY_MS) out.add(d - 1).add(d).add(d + 1);
  return [...out].sort((a, b) => a - b);
}

type Summary = { counts: Record<string, number>; levelIds: string[]; outputTypeIds: string[] };

async function insert(db: pg.Pool, table: string, columns: [string, string][], rows: unknown[][]) {
  if (!rows.length) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  await db.query(`INSERT INTO ${table} (${columns.map(([c]) => c).join(", ")}) SELECT * FROM unnest(${params})`, arrays);
}

export async function insertAdminData(db: pg.Pool, opts: { seed: number; scale?: number }): Promise<Summary> {
  const rng = new Rng(opts.seed);
  const n = (k: number) => Math.max(1, Math.round(k * (opts.scale ?? 1)));
  const edges = edgeInstants();
  const end = NOW_A.getTime();
  const iso = (t: number) => new Date(t).toISOString();

  /** A timestamp: edges, the last six weeks (dense), the year before, rarely after NOW_A. */
  const ts = (): number => {
    const r = rng.next();
    if (r < 0.12) return rng.pick(edges);
    if (r < 0.62) return end - rng.int(0, 42 * DAY_MS);
    if (r < 0.8) return Date.parse("2025-01-01T00:00:00Z") + rng.int(0, 100 * DAY_MS);
    if (r < 0.985) return WINDOW_START + rng.int(0, end - WINDOW_START);
    return end + rng.int(1, 2 * DAY_MS); // in the future: never counted
  };
  const after = (t: number, max: number) => t + rng.int(0, max);

  const levels = [
    [rng.uuid(), 1, "P", "Probation", 0, "0.00"],
    [rng.uuid(), 2, "J", "Junior", 10, "3.50"],
    [rng.uuid(), 3, "M", "Mid", 50, "4.00"],
    [rng.uuid(), 4, "S", "Senior", 150, "4.30"],
    [rng.uuid(), 5, "E", "Expert", 400, "4.60"],
  ] as const;
  const levelIds = levels.map((l) => l[0] as string);
  const outputTypes = [
    [rng.uuid(), "summary", "Summary", "25.00", "15.00"],
    [rng.uuid(), "blog_post", "Blog Post", "45.50", "27.25"],
    [rng.uuid(), "captions", "Captions", "19.99", "11.99"],
  ];

  // users; creators get a level history ending at their current level
  type U = { id: string; role: string; created: number };
  const users: unknown[][] = [];
  const history: unknown[][] = [];
  const uploaders: U[] = [];
  const creators: U[] = [];
  const all: U[] = [];
  const addUser = (role: "uploader" | "creator" | "admin") => {
    const created = Math.min(ts(), end - 1);
    const u = { id: rng.uuid(), role, created };
    let level: string | null = null;
    if (role === "creator") {
      // placement at signup, then up to 4 changes (some the same day), never after NOW_A
      let t = created;
      let rank = 0;
      history.push([rng.uuid(), u.id, null, levelIds[0], iso(t)]);
      level = levelIds[0];
      for (let k = rng.int(0, 4); k > 0; k--) {
        t += rng.chance(0.25) ? rng.int(1, 3_600_000) : rng.int(DAY_MS / 2, 40 * DAY_MS);
        if (t >= end) break;
        const up = rank === 0 || (rank < 4 && rng.chance(0.7));
        rank += up ? 1 : -1;
        history.push([rng.uuid(), u.id, level, levelIds[rank], iso(t)]);
        level = levelIds[rank];
      }
    }
    const suspended = rng.chance(0.15) ? Math.min(after(created, 60 * DAY_MS), end + DAY_MS) : null;
    users.push([u.id, role, `${role}-${u.id}@admin-data.test`, `${role[0].toUpperCase()}${role.slice(1)} ${u.id.slice(0, 5)}`, "x",
      suspended ? "suspended" : "active", suspended ? iso(suspended) : null, level, iso(created)]);
    (role === "uploader" ? uploaders : role === "creator" ? creators : []).push(u);
    all.push(u);
  };
  for (let i = 0; i < n(60); i++) addUser("uploader");
  for (let i = 0; i < n(60); i++) addUser("creator");
  for (let i = 0; i < 3; i++) addUser("admin");

  // uploads
  const uploads: unknown[][] = [];
  const uploadIds: string[] = [];
  for (let i = 0; i < n(900); i++) {
    const id = rng.uuid();
    const created = ts();
    const status = rng.pick(["processing", "in_progress", "completed", "cancelled"]);
    uploads.push([id, rng.pick(uploaders).id, `Upload ${i}`, status, rng.int(1000, 9_000_000), iso(created), status === "completed" ? iso(after(created, 3 * DAY_MS)) : null]);
    uploadIds.push(id);
  }

  // assignments, submissions, reviews
  const assignments: unknown[][] = [];
  const submissions: unknown[][] = [];
  const reviews: unknown[][] = [];
  for (let i = 0; i < n(2200); i++) {
    const id = rng.uuid();
    const status = rng.weighted([
      ["open", 1], ["claimed", 1], ["submitted", 1], ["in_review", 1], ["revision_requested", 1],
      ["approved", 7], ["rejected", 2], ["cancelled", 1],
    ] as const);
    const creator = status === "open" ? null : rng.pick(creators).id;
    const created = ts();
    const done = status === "approved" || status === "rejected" ? rng.chance(0.96) : status === "cancelled" && rng.chance(0.5);
    const ot = rng.pick(outputTypes);
    assignments.push([id, rng.pick(uploadIds), ot[0], creator, status, ot[3], ot[4], iso(after(created, 3 * DAY_MS)),
      creator ? iso(after(created, DAY_MS)) : null, done ? iso(ts()) : null, iso(created)]);
    if (!creator || status === "claimed") continue;
    for (let v = 1, versions = rng.int(1, 3); v <= versions; v++) {
      const sid = rng.uuid();
      submissions.push([sid, id, creator, v, iso(ts())]);
      if (rng.chance(0.85)) {
        const decision = rng.weighted([["approved", 5], ["revision_requested", 3], ["rejected", 1]] as const);
        reviews.push([rng.uuid(), sid, id, decision, rng.int(1, 5), iso(ts())]);
      }
    }
  }

  // money
  const transactions: unknown[][] = [];
  for (let i = 0; i < n(1800); i++) {
    const type = rng.weighted([["charge", 4], ["refund", 1]] as const);
    const status = rng.weighted([["succeeded", 7], ["pending", 1.5], ["failed", 1.5]] as const);
    transactions.push([rng.uuid(), rng.pick(uploaders).id, rng.chance(0.7) ? rng.pick(uploadIds) : null, type, status, rng.money(0.5, 999.99), rng.pick(["card", "paypal", "apple_pay"]), iso(ts())]);
  }
  const payouts: unknown[][] = [];
  for (let i = 0; i < n(500); i++) {
    const status = rng.pick(["pending", "processing", "completed", "failed"]);
    const requested = ts();
    const completed = status === "completed" || (status === "failed" && rng.chance(0.4)) ? ts() : null;
    payouts.push([rng.uuid(), rng.pick(creators).id, rng.money(5, 2500), status, "bank", iso(requested), completed ? iso(completed) : null]);
  }

  // fraud
  const flags: unknown[][] = [];
  const types = ["velocity_limit", "duplicate_account", "chargeback", "payment_fraud", "suspicious_login"];
  for (let i = 0; i < n(400); i++) {
    const created = ts();
    const resolved = rng.chance(0.65) ? (rng.chance(0.5) ? Math.max(created, ts()) : after(created, 5 * DAY_MS)) : null;
    flags.push([rng.uuid(), rng.pick(all).id, rng.pick(types), rng.pick(["auto", "manual"]), resolved ? "resolved" : "pending",
      resolved ? rng.pick(["confirmed", "false_positive"]) : null, rng.chance(0.5) ? `details ${i}` : null, iso(created), resolved ? iso(resolved) : null]);
  }
  const blocked: unknown[][] = [];
  for (let i = 0; i < n(150); i++) {
    blocked.push([rng.uuid(), `blocked-${i}-${opts.seed}@admin-data.test`, rng.pick(all).id, rng.pick(["duplicate_email", "duplicate_device"]), iso(ts())]);
  }

  await insert(db, "creator_levels", [["id", "uuid"], ["rank", "smallint"], ["code", "char"], ["name", "text"], ["min_completed_tasks", "int"], ["min_avg_rating", "numeric"]], levels.map((l) => [...l]));
  await insert(db, "output_types", [["id", "uuid"], ["code", "text"], ["name", "text"], ["price", "numeric"], ["creator_payout", "numeric"]], outputTypes);
  await insert(db, "users", [["id", "uuid"], ["role", "user_role"], ["email", "text"], ["name", "text"], ["password_hash", "text"], ["status", "user_status"], ["suspended_at", "timestamptz"], ["creator_level_id", "uuid"], ["created_at", "timestamptz"]], users);
  await insert(db, "creator_level_history", [["id", "uuid"], ["creator_id", "uuid"], ["from_level_id", "uuid"], ["to_level_id", "uuid"], ["changed_at", "timestamptz"]], history);
  await insert(db, "uploads", [["id", "uuid"], ["uploader_id", "uuid"], ["title", "text"], ["status", "upload_status"], ["file_size_bytes", "bigint"], ["created_at", "timestamptz"], ["completed_at", "timestamptz"]], uploads);
  await insert(db, "assignments", [["id", "uuid"], ["upload_id", "uuid"], ["output_type_id", "uuid"], ["creator_id", "uuid"], ["status", "assignment_status"], ["price", "numeric"], ["creator_payout", "numeric"], ["due_at", "timestamptz"], ["claimed_at", "timestamptz"], ["completed_at", "timestamptz"], ["created_at", "timestamptz"]], assignments);
  await insert(db, "content_submissions", [["id", "uuid"], ["assignment_id", "uuid"], ["creator_id", "uuid"], ["version", "smallint"], ["submitted_at", "timestamptz"]], submissions);
  await insert(db, "reviews", [["id", "uuid"], ["submission_id", "uuid"], ["assignment_id", "uuid"], ["decision", "review_decision"], ["overall_score", "smallint"], ["completed_at", "timestamptz"]], reviews);
  await insert(db, "payment_transactions", [["id", "uuid"], ["uploader_id", "uuid"], ["upload_id", "uuid"], ["type", "transaction_type"], ["status", "transaction_status"], ["amount", "numeric"], ["method", "text"], ["created_at", "timestamptz"]], transactions);
  await insert(db, "payouts", [["id", "uuid"], ["creator_id", "uuid"], ["amount", "numeric"], ["status", "payout_status"], ["method", "text"], ["requested_at", "timestamptz"], ["completed_at", "timestamptz"]], payouts);
  await insert(db, "fraud_flags", [["id", "uuid"], ["user_id", "uuid"], ["flag_type", "text"], ["source", "flag_source"], ["status", "flag_status"], ["resolution", "flag_resolution"], ["details", "text"], ["created_at", "timestamptz"], ["resolved_at", "timestamptz"]], flags);
  await insert(db, "blocked_signups", [["id", "uuid"], ["email", "text"], ["matched_user_id", "uuid"], ["reason", "text"], ["created_at", "timestamptz"]], blocked);

  return {
    counts: {
      users: users.length, creator_level_history: history.length, uploads: uploads.length, assignments: assignments.length,
      content_submissions: submissions.length, reviews: reviews.length, payment_transactions: transactions.length,
      payouts: payouts.length, fraud_flags: flags.length, blocked_signups: blocked.length,
    },
    levelIds,
    outputTypeIds: outputTypes.map((o) => o[0]),
  };
}

/** Empties every table the generator fills, and the rollups. */
export async function clearAdminData(db: pg.Pool) {
  await db.query(`TRUNCATE daily_metrics, creator_level_snapshots, creator_level_history, fraud_flags, blocked_signups,
    payouts, payment_transactions, reviews, content_submissions, assignments, uploads, output_types, api_tokens, users,
    creator_levels CASCADE`);
}

/** Closed days deliberately left without a daily_metrics row (the code must compute them). */
export const MISSING_METRIC_DAYS = ["2025-02-14", "2026-03-10", "2026-03-24", "2026-03-27"];
/** Snapshot days deleted (computed from the history instead), and one tampered snapshot (stored values win). */
export const MISSING_SNAPSHOT_DAYS = ["2026-03-15", "2026-03-16"];
export const TAMPERED_SNAPSHOT = { day: "2026-03-05", rank: 1, count: 999 };

/**
 * A fresh database with the generator's data, daily_metrics aggregated for
 * every closed day before NOW_A (minus MISSING_METRIC_DAYS) — so 31 March and
 * 1 April have full-day rows that NOW_B's "today" and NOW_A's previous-day cut
 * must not use — and creator level snapshots for February and March.
 */
export async function prepareAdminDatabase(seed: number): Promise<{ t: TestDatabase; db: Db; data: Summary }> {
  const t = await createTestDatabase();
  const data = await insertAdminData(t.pool, { seed });
  const db = createPrisma(t.url, 6);
  await aggregateDailyMetrics(db, "2024-12-20", "2026-04-01");
  await t.pool.query(`DELETE FROM daily_metrics WHERE date = ANY($1::date[])`, [MISSING_METRIC_DAYS]);
  await snapshotCreatorLevels(db, "2026-02-01", "2026-04-01");
  await t.pool.query(`DELETE FROM creator_level_snapshots WHERE snapshot_date = ANY($1::date[])`, [MISSING_SNAPSHOT_DAYS]);
  await t.pool.query(
    `UPDATE creator_level_snapshots SET creator_count = $3
     WHERE snapshot_date = $1 AND level_id = (SELECT id FROM creator_levels WHERE rank = $2)`,
    [TAMPERED_SNAPSHOT.day, TAMPERED_SNAPSHOT.rank, TAMPERED_SNAPSHOT.count],
  );
  return { t, db, data };
}
