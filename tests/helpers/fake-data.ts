// A small seeded data generator for rollup tests: a few hundred rows in every
// fact table spread over ~10 UTC days, deterministic for a given seed
// (mulberry32 PRNG, ids derived from it too). A quarter of the timestamps fall
// within seconds of midnight UTC, some exactly on it or at 23:59:59.999, and
// every status/decision/type is represented, including rows that must NOT be
// counted (failed/pending transactions, failed payouts with a completed_at,
// cancelled assignments with a completed_at).
import type pg from "pg";

const DAY_MS = 86_400_000;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** weighted pick: [[value, weight], …] */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1][0];
  }
  uuid(): string {
    const hex = Array.from({ length: 16 }, () => this.int(0, 255));
    hex[6] = (hex[6] & 0x0f) | 0x40;
    hex[8] = (hex[8] & 0x3f) | 0x80;
    const h = hex.map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  /** cents between min and max, as a decimal string */
  money(min: number, max: number): string {
    const cents = this.int(Math.round(min * 100), Math.round(max * 100));
    return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  }
}

export type FakeDataOptions = {
  seed: number;
  /** first UTC day of the data window, YYYY-MM-DD */
  start: string;
  /** number of days in the window (timestamps also land up to 2 days before it) */
  days?: number;
  /** multiplies every row count (default 1: a few hundred rows per table) */
  scale?: number;
};

export type FakeDataSummary = {
  start: string;
  end: string;
  counts: Record<string, number>;
  levelIds: string[];
};

/** Inserts rows with unnest() of one array per column: one statement per table. */
async function insertRows(db: pg.Pool | pg.Client, table: string, columns: [string, string][], rows: unknown[][]) {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  await db.query(
    `INSERT INTO ${table} (${columns.map(([c]) => c).join(", ")}) SELECT * FROM unnest(${params})`,
    arrays,
  );
}

export async function insertFakeData(db: pg.Pool | pg.Client, opts: FakeDataOptions): Promise<FakeDataSummary> {
  const rng = new Rng(opts.seed);
  const days = opts.days ?? 10;
  const scale = opts.scale ?? 1;
  const n = (k: number) => Math.max(1, Math.round(k * scale));
  const t0 = Date.parse(`${opts.start}T00:00:00Z`);

  /** A timestamp in the window (or up to 2 days before), often right at midnight. */
  const ts = (minDay = -2, maxDay = days - 1): number => {
    const day = t0 + rng.int(minDay, maxDay) * DAY_MS;
    const r = rng.next();
    if (r < 0.05) return day; // exactly 00:00:00.000
    if (r < 0.1) return day + DAY_MS - 1; // 23:59:59.999
    if (r < 0.18) return day + rng.int(0, 3000); // just after midnight
    if (r < 0.26) return day + DAY_MS - rng.int(1, 3000); // just before midnight
    return day + rng.int(0, DAY_MS - 1);
  };
  const after = (t: number, maxMs: number) => t + rng.int(0, maxMs);
  const iso = (t: number) => new Date(t).toISOString();

  // creator levels and output types
  const levels = [
    [rng.uuid(), 1, "N", `Newcomer ${opts.seed}`, 0, "0.00"],
    [rng.uuid(), 2, "R", `Rising ${opts.seed}`, 10, "3.50"],
    [rng.uuid(), 3, "P", `Pro ${opts.seed}`, 50, "4.00"],
    [rng.uuid(), 4, "E", `Elite ${opts.seed}`, 200, "4.50"],
  ] as const;
  const levelIds = levels.map((l) => l[0]);
  const outputTypes = [
    [rng.uuid(), `summary-${opts.seed}`, "Summary", "20.00", "12.00"],
    [rng.uuid(), `clips-${opts.seed}`, "Clips", "45.50", "30.25"],
  ];

  // users
  type U = { id: string; role: string; created: number };
  const users: unknown[][] = [];
  const uploaders: U[] = [];
  const creators: U[] = [];
  const all: U[] = [];
  const addUser = (role: string) => {
    const u = { id: rng.uuid(), role, created: ts(-5) };
    const suspended = rng.chance(0.12) ? after(u.created, 3 * DAY_MS) : null;
    users.push([u.id, role, `${role}-${u.id}@fake.test`, `${role} ${u.id.slice(0, 6)}`, "x", suspended ? "suspended" : "active", suspended ? iso(suspended) : null, iso(u.created)]);
    (role === "uploader" ? uploaders : role === "creator" ? creators : []).push(u);
    all.push(u);
  };
  for (let i = 0; i < n(30); i++) addUser("uploader");
  for (let i = 0; i < n(30); i++) addUser("creator");
  for (let i = 0; i < 2; i++) addUser("admin");

  // uploads
  const uploads: unknown[][] = [];
  const uploadIds: string[] = [];
  for (let i = 0; i < n(150); i++) {
    const id = rng.uuid();
    const created = ts();
    const status = rng.pick(["processing", "in_progress", "completed", "cancelled"]);
    uploads.push([id, rng.pick(uploaders).id, `Upload ${i}`, status, rng.int(1000, 10_000_000), iso(created), status === "completed" ? iso(after(created, 2 * DAY_MS)) : null]);
    uploadIds.push(id);
  }

  // assignments, submissions, reviews
  const assignments: unknown[][] = [];
  const submissions: unknown[][] = [];
  const reviews: unknown[][] = [];
  for (let i = 0; i < n(250); i++) {
    const id = rng.uuid();
    const status = rng.weighted([
      ["open", 1], ["claimed", 1], ["submitted", 1], ["in_review", 1], ["revision_requested", 1],
      ["approved", 5], ["rejected", 2], ["cancelled", 1],
    ] as const);
    const creator = status === "open" ? null : rng.pick(creators).id;
    const created = ts();
    const done = status === "approved" || status === "rejected" ? rng.chance(0.95) : status === "cancelled" && rng.chance(0.5);
    const ot = rng.pick(outputTypes);
    assignments.push([id, rng.pick(uploadIds), ot[0], creator, status, ot[3], ot[4], iso(after(created, 3 * DAY_MS)), creator ? iso(after(created, DAY_MS)) : null, done ? iso(ts()) : null, iso(created)]);
    if (!creator || status === "claimed") continue;
    const versions = rng.int(1, 3);
    for (let v = 1; v <= versions; v++) {
      const sid = rng.uuid();
      submissions.push([sid, id, creator, v, iso(ts())]);
      if (rng.chance(0.8)) {
        const decision = rng.weighted([["approved", 5], ["revision_requested", 3], ["rejected", 1]] as const);
        reviews.push([rng.uuid(), sid, id, decision, rng.int(1, 5), iso(ts())]);
      }
    }
  }

  // money
  const transactions: unknown[][] = [];
  for (let i = 0; i < n(300); i++) {
    const type = rng.weighted([["charge", 4], ["refund", 1]] as const);
    const status = rng.weighted([["succeeded", 7], ["pending", 1.5], ["failed", 1.5]] as const);
    transactions.push([rng.uuid(), rng.pick(uploaders).id, rng.chance(0.7) ? rng.pick(uploadIds) : null, type, status, rng.money(0.5, 999.99), "card", iso(ts())]);
  }
  const payouts: unknown[][] = [];
  for (let i = 0; i < n(120); i++) {
    const status = rng.pick(["pending", "processing", "completed", "failed"]);
    const requested = ts();
    const completed = status === "completed" || (status === "failed" && rng.chance(0.4)) ? after(requested, 3 * DAY_MS) : null;
    payouts.push([rng.uuid(), rng.pick(creators).id, rng.money(5, 2500), status, "bank", iso(requested), completed ? iso(completed) : null]);
  }

  // fraud
  const flags: unknown[][] = [];
  for (let i = 0; i < n(80); i++) {
    const created = ts();
    const resolved = rng.chance(0.5) ? after(created, 2 * DAY_MS) : null;
    flags.push([rng.uuid(), rng.pick(all).id, rng.pick(["velocity", "duplicate_account", "chargeback"]), rng.pick(["auto", "manual"]), resolved ? "resolved" : "pending", resolved ? rng.pick(["confirmed", "false_positive"]) : null, iso(created), resolved ? iso(resolved) : null]);
  }

  // level history: 0–5 changes per creator, sometimes two on the same day
  const history: unknown[][] = [];
  for (const c of creators) {
    let level: string | null = null;
    let t = ts(-4, 2);
    for (let k = rng.int(0, 5); k > 0; k--) {
      const to: string = rng.pick(levelIds.filter((l) => l !== level));
      history.push([rng.uuid(), c.id, level, to, iso(t)]);
      level = to;
      // next change: often within the hour (same day, or across midnight), else up to 3 days later
      t += rng.chance(0.3) ? rng.int(1, 3_600_000) : rng.int(1, 3 * DAY_MS);
    }
  }

  await insertRows(db, "creator_levels", [["id", "uuid"], ["rank", "smallint"], ["code", "char"], ["name", "text"], ["min_completed_tasks", "int"], ["min_avg_rating", "numeric"]], levels.map((l) => [...l]));
  await insertRows(db, "output_types", [["id", "uuid"], ["code", "text"], ["name", "text"], ["price", "numeric"], ["creator_payout", "numeric"]], outputTypes);
  await insertRows(db, "users", [["id", "uuid"], ["role", "user_role"], ["email", "text"], ["name", "text"], ["password_hash", "text"], ["status", "user_status"], ["suspended_at", "timestamptz"], ["created_at", "timestamptz"]], users);
  await insertRows(db, "uploads", [["id", "uuid"], ["uploader_id", "uuid"], ["title", "text"], ["status", "upload_status"], ["file_size_bytes", "bigint"], ["created_at", "timestamptz"], ["completed_at", "timestamptz"]], uploads);
  await insertRows(db, "assignments", [["id", "uuid"], ["upload_id", "uuid"], ["output_type_id", "uuid"], ["creator_id", "uuid"], ["status", "assignment_status"], ["price", "numeric"], ["creator_payout", "numeric"], ["due_at", "timestamptz"], ["claimed_at", "timestamptz"], ["completed_at", "timestamptz"], ["created_at", "timestamptz"]], assignments);
  await insertRows(db, "content_submissions", [["id", "uuid"], ["assignment_id", "uuid"], ["creator_id", "uuid"], ["version", "smallint"], ["submitted_at", "timestamptz"]], submissions);
  await insertRows(db, "reviews", [["id", "uuid"], ["submission_id", "uuid"], ["assignment_id", "uuid"], ["decision", "review_decision"], ["overall_score", "smallint"], ["completed_at", "timestamptz"]], reviews);
  await insertRows(db, "payment_transactions", [["id", "uuid"], ["uploader_id", "uuid"], ["upload_id", "uuid"], ["type", "transaction_type"], ["status", "transaction_status"], ["amount", "numeric"], ["method", "text"], ["created_at", "timestamptz"]], transactions);
  await insertRows(db, "payouts", [["id", "uuid"], ["creator_id", "uuid"], ["amount", "numeric"], ["status", "payout_status"], ["method", "text"], ["requested_at", "timestamptz"], ["completed_at", "timestamptz"]], payouts);
  await insertRows(db, "fraud_flags", [["id", "uuid"], ["user_id", "uuid"], ["flag_type", "text"], ["source", "flag_source"], ["status", "flag_status"], ["resolution", "flag_resolution"], ["created_at", "timestamptz"], ["resolved_at", "timestamptz"]], flags);
  await insertRows(db, "creator_level_history", [["id", "uuid"], ["creator_id", "uuid"], ["from_level_id", "uuid"], ["to_level_id", "uuid"], ["changed_at", "timestamptz"]], history);

  return {
    start: new Date(t0 - 5 * DAY_MS).toISOString().slice(0, 10),
    end: new Date(t0 + (days + 3) * DAY_MS).toISOString().slice(0, 10),
    counts: {
      users: users.length,
      uploads: uploads.length,
      assignments: assignments.length,
      content_submissions: submissions.length,
      reviews: reviews.length,
      payment_transactions: transactions.length,
      payouts: payouts.length,
      fraud_flags: flags.length,
      creator_level_history: history.length,
    },
    levelIds,
  };
}

/** Empties every table the generator writes to (and the rollup tables). */
export async function clearData(db: pg.Pool | pg.Client) {
  await db.query(`TRUNCATE metric_drift, job_runs, daily_metrics, creator_level_snapshots, creator_level_history,
    fraud_flags, payouts, payment_transactions, reviews, content_submissions, assignments, uploads,
    output_types, api_tokens, blocked_signups, users, creator_levels,
    creator_slot_stats, creator_running_totals, review_daily_stats, creator_totals, rollup_state CASCADE`);
}
