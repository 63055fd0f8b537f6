// Keeps the demo marketplace alive: every few seconds a tick writes what the
// marketplace would — signups, uploads with their orders and charges, claims,
// submissions, reviews, refunds of rejected work — as the seed writes them
// (prisma/seed: same tables, statuses, amounts, output types, level history,
// events), so the admin's live activity feed, "today" and "data as of" move
// while someone watches.
//
// Consistency: each action is one transaction over the rows it changes.
// Rows are taken with FOR UPDATE SKIP LOCKED and re-checked by status, and
// submission versions are unique per assignment, so two demos simulating on
// one database never claim, submit or review the same work twice.
//
// Believable hours: work is only submitted once its output type's typical
// working time (the seed's workMin) has passed since the claim (20+ minutes
// after a revision request) and reviewed 10+ minutes after submission, so the
// simulator first moves work that was already under way.
import crypto from "node:crypto";
import pg from "pg";
import { track } from "@/lib/events/track";
import { demoPasswordHash } from "@/prisma/seed";
import { LEVELS, OUTPUT_TYPES } from "@/prisma/seed/config";
import { DOMAINS, FIRST, GEO, LAST } from "@/prisma/seed/sql/people";
import { CHARGE_METHODS } from "@/prisma/seed/sql/util";
import { FORMATS, TOPICS } from "@/prisma/seed/sql/work";

export type Rates = {
  /** Chance per tick of a new signup (60% uploaders). */
  signup: number;
  /** Chance per tick of a new upload. */
  upload: number;
  /** Up to this many claims, submissions and reviews per tick. */
  claims: number;
  submissions: number;
  reviews: number;
  /** Share of charges that fail (the output is cancelled at once). */
  failedCharge: number;
  /** Share of rejected outputs refunded. */
  refundRejected: number;
  /** Override the review outcome odds (else the seed's, by creator level and version). */
  rejected?: number;
  revision?: number;
};

export const DEFAULT_RATES: Rates = {
  signup: 0.35, upload: 0.6, claims: 2, submissions: 2, reviews: 2, failedCharge: 0.02, refundRejected: 0.75,
};

export type TickCounts = {
  signups: number; uploads: number; assignments: number; charges: number; claims: number;
  submissions: number; approved: number; revisions: number; rejected: number; refunds: number; uploadsCompleted: number;
};

type Ctx = { c: pg.PoolClient; now: Date; rnd: () => number; rates: Rates; n: TickCounts };

const MIN = 60_000;
const pick = <T>(rnd: () => number, arr: readonly T[]): T => arr[Math.floor(rnd() * arr.length)];
const hex = (bytes: number) => crypto.randomBytes(bytes).toString("hex");
const USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

/** Through the server tracker (lib/events/track.ts), inside this tick's transaction: deduped, rolled up, queued for forwarding. */
async function event(ctx: Ctx, userId: string | null, type: string, data: object, pageUrl: string | null, session = `s_${hex(8)}`, anonymousId: string | null = null, at = ctx.now) {
  const server = pageUrl === null; // payments are recorded by the webhook: no session, agent or address
  await track(type, userId, data as Record<string, unknown>, {
    db: ctx.c, at, pageUrl, sessionId: server ? null : session, userAgent: server ? null : USER_AGENT, anonymousId,
  });
}

/** A new uploader or creator; creators start at Probation with their first level-history row, as in the seed. */
async function signup(ctx: Ctx) {
  const { c, rnd, now } = ctx;
  const role = rnd() < 0.6 ? "uploader" : "creator";
  const [first, last] = [pick(rnd, FIRST), pick(rnd, LAST)];
  const [country, zone] = pick(rnd, GEO);
  const email = `${first}.${last}.${hex(3)}@${pick(rnd, DOMAINS)}`.toLowerCase();
  const usPerson = role === "creator" && country === "US";
  const session = `s_${hex(8)}`;
  const anonymousId = crypto.randomUUID();
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO users (role, email, name, password_hash, country, time_zone, is_us_person, tin_last4, creator_level_id, created_at)
     VALUES ($1::user_role, $2, $3, $4, $5, $6, $7, $8,
       CASE WHEN $1::user_role = 'creator' THEN (SELECT id FROM creator_levels WHERE rank = 1) END, $9)
     RETURNING id`,
    [role, email, `${first} ${last}`, demoPasswordHash(), country, zone, usPerson, usPerson ? String(Math.floor(rnd() * 10000)).padStart(4, "0") : null, now],
  );
  const id = rows[0].id;
  if (role === "creator") {
    await c.query(
      `INSERT INTO creator_level_history (creator_id, from_level_id, to_level_id, changed_at)
       SELECT $1, NULL, id, $2 FROM creator_levels WHERE rank = 1`,
      [id, now],
    );
  }
  // sent before the account existed under the browser's anonymous id, and linked to it at sign-up (as lib/events/identity.ts does)
  await event(ctx, id, "signup_started", { role }, "/signup", session, anonymousId, new Date(now.getTime() - (1 + Math.floor(rnd() * 9)) * MIN));
  await event(ctx, id, "signup_completed", { role, method: pick(rnd, ["email", "email", "email", "google", "github"]) }, "/signup", session);
  ctx.n.signups++;
}

/** An upload ordering a few outputs: one open assignment and one charge per output (a failed charge cancels it). */
async function upload(ctx: Ctx) {
  const { c, rnd, now } = ctx;
  const { rows: [uploader] } = await c.query<{ id: string; method: string | null }>(
    `SELECT u.id, (SELECT method FROM payment_transactions t WHERE t.uploader_id = u.id AND t.type = 'charge'
                   ORDER BY created_at DESC LIMIT 1) AS method
     FROM users u WHERE u.role = 'uploader' AND u.status = 'active' ORDER BY random() LIMIT 1`,
  );
  if (!uploader) return;
  const { rows: types } = await c.query<{ id: string; code: string; price: string; creator_payout: string }>(
    `SELECT id, code, price::text, creator_payout::text FROM output_types WHERE active ORDER BY code`,
  );
  const share = (code: string) => OUTPUT_TYPES.find((o) => o.code === code)?.share ?? 0.3;
  let ordered = types.filter((t) => rnd() < share(t.code));
  if (ordered.length === 0 && types.length) ordered = [pick(rnd, types)];
  if (ordered.length === 0) return;
  const method = uploader.method ?? pick(rnd, CHARGE_METHODS);
  const duration = rnd() < 0.03 ? null : Math.round(240 + Math.min(-Math.log(1 - rnd()) * 1800, 10800));
  const size = duration === null ? 20000 + Math.floor(2_000_000 * rnd()) : Math.floor(duration * (rnd() < 0.3 ? 250000 : 16000) * (0.8 + 0.4 * rnd()));
  const title = `${pick(rnd, TOPICS)} ${pick(rnd, FORMATS)} — Episode ${1 + Math.floor(rnd() * 350)}`;
  await event(ctx, uploader.id, "upload_initiated", { output_types: ordered.map((t) => t.code) }, "/uploads/new");
  const { rows: [up] } = await c.query<{ id: string }>(
    `INSERT INTO uploads (uploader_id, title, status, file_size_bytes, duration_seconds, created_at)
     VALUES ($1, $2, 'processing', $3, $4, $5) RETURNING id`,
    [uploader.id, title, size, duration, now],
  );
  await event(ctx, uploader.id, "upload_completed", { file_size: size, duration }, "/uploads/new");
  let live = 0;
  for (const t of ordered) {
    const rush = rnd() < 0.07; // rush orders cost (and pay) half as much again
    const failed = rnd() < ctx.rates.failedCharge;
    await c.query(
      `INSERT INTO assignments (upload_id, output_type_id, status, price, creator_payout, created_at)
       VALUES ($1, $2, $3, round($4::numeric * $6, 2), round($5::numeric * $6, 2), $7)`,
      [up.id, t.id, failed ? "cancelled" : "open", t.price, t.creator_payout, rush ? 1.5 : 1, now],
    );
    const { rows: [charge] } = await c.query<{ amount: string }>(
      `INSERT INTO payment_transactions (uploader_id, upload_id, type, status, amount, method, created_at)
       VALUES ($1, $2, 'charge', $3, round($4::numeric * $5, 2), $6, $7) RETURNING amount::text`,
      [uploader.id, up.id, failed ? "failed" : "succeeded", t.price, rush ? 1.5 : 1, method, now],
    );
    if (!failed) {
      await event(ctx, uploader.id, "payment_completed", { amount: Number(charge.amount), method }, null);
      live++;
    }
    ctx.n.assignments++;
    ctx.n.charges++;
  }
  if (live === 0) await c.query(`UPDATE uploads SET status = 'cancelled' WHERE id = $1`, [up.id]);
  ctx.n.uploads++;
}

/** The oldest open output is claimed by an active creator; due after the type's dueHours (half for rush orders). */
async function claim(ctx: Ctx) {
  const { c, now } = ctx;
  const { rows: [a] } = await c.query<{ id: string; upload_id: string; code: string; rush: boolean }>(
    `SELECT a.id, a.upload_id, ot.code, a.price > ot.price AS rush
     FROM assignments a JOIN output_types ot ON ot.id = a.output_type_id
     WHERE a.status = 'open' AND a.creator_id IS NULL AND a.created_at <= $1
     ORDER BY a.created_at LIMIT 1 FOR UPDATE OF a SKIP LOCKED`,
    [now],
  );
  if (!a) return false;
  const { rows: [cr] } = await c.query<{ id: string; level: string | null }>(
    `SELECT u.id, l.code AS level FROM users u LEFT JOIN creator_levels l ON l.id = u.creator_level_id
     WHERE u.role = 'creator' AND u.status = 'active' ORDER BY random() LIMIT 1`,
  );
  if (!cr) return false;
  const sla = (OUTPUT_TYPES.find((o) => o.code === a.code)?.dueHours ?? 24) * (a.rush ? 0.5 : 1);
  await c.query(
    `UPDATE assignments SET status = 'claimed', creator_id = $2, claimed_at = $3, due_at = $4 WHERE id = $1 AND status = 'open'`,
    [a.id, cr.id, now, new Date(now.getTime() + sla * 3600_000)],
  );
  await c.query(`UPDATE uploads SET status = 'in_progress' WHERE id = $1 AND status = 'processing'`, [a.upload_id]);
  await event(ctx, cr.id, "assignment_claimed", { output_type: a.code, level: cr.level }, "/assignments/available");
  ctx.n.claims++;
  return true;
}

/** Each output type's typical working time (seed's workMin), as SQL parameters. */
const WORK_CODES = OUTPUT_TYPES.map((o) => o.code);
const WORK_MINUTES = OUTPUT_TYPES.map((o) => o.workMin);

/**
 * The next version of claimed work, once the type's typical working time has
 * passed since the claim (so hours per task stay believable), or of work sent
 * back, 20+ minutes after the request.
 */
async function submit(ctx: Ctx) {
  const { c, now } = ctx;
  const { rows: [a] } = await c.query<{ id: string; creator_id: string; since: Date }>(
    `SELECT a.id, a.creator_id,
       CASE WHEN a.status = 'claimed' THEN a.claimed_at
            ELSE (SELECT max(r.completed_at) FROM reviews r WHERE r.assignment_id = a.id) END AS since
     FROM assignments a
     JOIN output_types ot ON ot.id = a.output_type_id
     LEFT JOIN unnest($2::text[], $3::int[]) w(code, mins) ON w.code = ot.code
     WHERE (a.status = 'claimed' AND a.claimed_at <= $1::timestamptz - make_interval(mins => coalesce(w.mins, 30)))
        OR (a.status = 'revision_requested' AND NOT EXISTS (
              SELECT 1 FROM reviews r WHERE r.assignment_id = a.id AND r.completed_at > $1::timestamptz - interval '20 minutes'))
     ORDER BY a.claimed_at LIMIT 1 FOR UPDATE OF a SKIP LOCKED`,
    [now, WORK_CODES, WORK_MINUTES],
  );
  if (!a) return false;
  const { rows: [{ v }] } = await c.query<{ v: number }>(
    `SELECT coalesce(max(version), 0)::int + 1 AS v FROM content_submissions WHERE assignment_id = $1`, [a.id]);
  await c.query(
    `INSERT INTO content_submissions (assignment_id, creator_id, version, submitted_at) VALUES ($1, $2, $3, $4)`,
    [a.id, a.creator_id, v, now],
  );
  await c.query(`UPDATE assignments SET status = 'submitted' WHERE id = $1`, [a.id]);
  const hours = Math.round(((now.getTime() - new Date(a.since).getTime()) / 3600_000) * 100) / 100;
  await event(ctx, a.creator_id, "assignment_submitted", { time_to_complete: hours, version: v }, "/assignments");
  ctx.n.submissions++;
  return true;
}

/** The seed's outcome odds: better creators get fewer revision requests and rejections; a third version is approved or rejected. */
function decide(ctx: Ctx, rank: number, version: number): "approved" | "revision_requested" | "rejected" {
  const [rej, rev] =
    version === 1 ? [(35 - 6 * rank) / 1000, (235 - 25 * rank) / 1000] : version === 2 ? [0.04, 0.1] : [0.15, 0];
  const pRej = ctx.rates.rejected ?? rej;
  const pRev = version >= 3 ? 0 : (ctx.rates.revision ?? rev);
  const u = ctx.rnd();
  return u < pRej ? "rejected" : u < pRej + pRev ? "revision_requested" : "approved";
}

/** 1..5, skewed high for better creators, bounded by the decision (as pg_temp.score in the seed). */
function score(ctx: Ctx, rank: number, decision: string): number {
  const q = [3.8, 4.15, 4.45, 4.7, 4.95][rank - 1] ?? 4;
  const tri = ctx.rnd() + ctx.rnd() - 1;
  const clamp = (lo: number, hi: number, x: number) => Math.max(lo, Math.min(hi, Math.round(x)));
  if (decision === "approved") return clamp(3, 5, q + 0.9 * tri);
  if (decision === "revision_requested") return clamp(2, 4, q - 1.2 + 0.9 * tri);
  return clamp(1, 2, q - 3 + 0.9 * tri);
}

/** The uploader reviews the latest version (10+ min after it came in); approval or rejection completes the output. */
async function review(ctx: Ctx) {
  const { c, now } = ctx;
  const { rows: [a] } = await c.query<{ id: string; upload_id: string; uploader_id: string; price: string; rank: number | null; sub_id: string; version: number }>(
    `SELECT a.id, a.upload_id, up.uploader_id, a.price::text, l.rank, s.id AS sub_id, s.version
     FROM assignments a
     JOIN uploads up ON up.id = a.upload_id
     JOIN LATERAL (SELECT id, version, submitted_at FROM content_submissions s
                   WHERE s.assignment_id = a.id ORDER BY version DESC LIMIT 1) s ON true
     LEFT JOIN users cr ON cr.id = a.creator_id LEFT JOIN creator_levels l ON l.id = cr.creator_level_id
     WHERE a.status IN ('submitted', 'in_review') AND s.submitted_at <= $1::timestamptz - interval '10 minutes'
       AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.submission_id = s.id)
     ORDER BY s.submitted_at LIMIT 1 FOR UPDATE OF a SKIP LOCKED`,
    [now],
  );
  if (!a) return false;
  const rank = a.rank ?? 1;
  const decision = decide(ctx, rank, a.version);
  await c.query(
    `INSERT INTO reviews (submission_id, assignment_id, reviewer_id, decision, overall_score, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.sub_id, a.id, a.uploader_id, decision, score(ctx, rank, decision), now],
  );
  const done = decision !== "revision_requested";
  await c.query(
    `UPDATE assignments SET status = $2::assignment_status, completed_at = CASE WHEN $3::boolean THEN $4::timestamptz END WHERE id = $1`,
    [a.id, decision, done, now],
  );
  if (decision === "approved") ctx.n.approved++;
  else if (decision === "rejected") ctx.n.rejected++;
  else ctx.n.revisions++;
  if (decision === "rejected" && ctx.rnd() < ctx.rates.refundRejected) {
    await c.query(
      `INSERT INTO payment_transactions (uploader_id, upload_id, type, status, amount, method, created_at)
       SELECT $1, $2, 'refund', 'succeeded', $3, coalesce((SELECT method FROM payment_transactions
         WHERE upload_id = $2 AND type = 'charge' ORDER BY created_at LIMIT 1), 'card'), $4`,
      [a.uploader_id, a.upload_id, a.price, now],
    );
    ctx.n.refunds++;
  }
  if (done) await completeUpload(ctx, a.upload_id);
  return true;
}

/** An upload is completed when every output is approved, rejected or cancelled (locked, so two simulators agree). */
async function completeUpload(ctx: Ctx, uploadId: string) {
  await ctx.c.query(`SELECT 1 FROM uploads WHERE id = $1 FOR UPDATE`, [uploadId]);
  const r = await ctx.c.query(
    `UPDATE uploads SET status = 'completed', completed_at = $2
     WHERE id = $1 AND status <> 'completed'
       AND NOT EXISTS (SELECT 1 FROM assignments WHERE upload_id = $1 AND status NOT IN ('approved', 'rejected', 'cancelled'))
       AND EXISTS (SELECT 1 FROM assignments WHERE upload_id = $1 AND status <> 'cancelled')`,
    [uploadId, ctx.now],
  );
  ctx.n.uploadsCompleted += r.rowCount ?? 0;
}

async function inTransaction(pool: pg.Pool, ctx: Omit<Ctx, "c">, fn: (ctx: Ctx) => Promise<unknown>) {
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    await fn({ ...ctx, c });
    await c.query("COMMIT");
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/** One tick: each action in its own transaction, so one conflict does not undo the rest. */
export async function simulateTick(
  pool: pg.Pool,
  opts: { now?: Date; random?: () => number; rates?: Partial<Rates> } = {},
): Promise<TickCounts> {
  const rates = { ...DEFAULT_RATES, ...opts.rates };
  const rnd = opts.random ?? Math.random;
  const n: TickCounts = { signups: 0, uploads: 0, assignments: 0, charges: 0, claims: 0, submissions: 0, approved: 0, revisions: 0, rejected: 0, refunds: 0, uploadsCompleted: 0 };
  const base = { now: opts.now ?? new Date(), rnd, rates, n };
  const upTo = (max: number) => Math.floor(rnd() * (max + 1));
  if (rnd() < rates.signup) await inTransaction(pool, base, signup);
  if (rnd() < rates.upload) await inTransaction(pool, base, upload);
  for (let i = upTo(rates.claims); i > 0; i--) await inTransaction(pool, base, claim);
  for (let i = Math.max(1, upTo(rates.submissions)); i > 0; i--) await inTransaction(pool, base, submit);
  for (let i = Math.max(1, upTo(rates.reviews)); i > 0; i--) await inTransaction(pool, base, review);
  return n;
}

export type Simulator = { stop: () => Promise<void> };

/** Runs a tick every `intervalMs` (default 4 s) until stopped; errors are logged, once per distinct message. */
export function startSimulator(url: string, opts: { intervalMs?: number; log?: (s: string) => void } = {}): Simulator {
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: "demo-simulator" });
  pool.on("error", () => {}); // an idle client dropped by the server at shutdown
  const log = opts.log ?? ((s) => console.log(`[simulator] ${s}`));
  const seen = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const loop = () => {
    current = simulateTick(pool)
      .catch((err: Error) => {
        if (!seen.has(err.message)) log(`tick failed: ${err.message}`);
        seen.add(err.message);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, opts.intervalMs ?? 4000);
      });
  };
  timer = setTimeout(loop, 0);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
      await pool.end();
    },
  };
}
