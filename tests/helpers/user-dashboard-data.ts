// Seeded data for the uploader / creator dashboard tests. Deterministic for a
// seed. Most timestamps sit on or within a millisecond / minute of an
// "interesting" instant: the start of the current and previous week, month,
// quarter and year and the cut of the previous period, in UTC,
// Pacific/Auckland and Asia/Kolkata, and local midnights of the last days in
// each of those zones (for NOW and NOW_OFF_GRID) — so a wrong time zone or an
// off-by-one bound changes a number. A few rows lie after NOW (must not count) and other users' rows sit
// at the same instants (must not leak).
//
// Cast: uploader U (time zone Pacific/Auckland) and noise uploader U2; U3 who
// only started this week (previous period zero); U0 with nothing at all.
// Creators C (Asia/Kolkata, level Silver), C2 (Silver), C3 (Silver, idle),
// CT (Gold, the top level), CB (Bronze, idle) and CN (no level yet), and two
// more idle Silver creators (Silver has 5, enough to show level averages).
import type pg from "pg";
import { periodRanges, type Period } from "@/lib/period";
import { Rng } from "./fake-data";

export const NOW = new Date("2026-03-18T20:45:00.000Z");
/** A "now" off the 15-minute grid, so the previous period's cut splits a slot (lib/analytics/creator-facts.ts). */
export const NOW_OFF_GRID = new Date("2026-03-18T20:52:13.500Z");
export const ZONES = ["UTC", "Pacific/Auckland", "Asia/Kolkata"] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type DashboardCast = {
  uploader: string; uploader2: string; uploaderNew: string; uploaderEmpty: string;
  creator: string; creator2: string; creatorIdle: string; creatorTop: string; creatorBronze: string; creatorNoLevel: string;
  levels: { bronze: string; silver: string; gold: string };
  types: string[];
};

/** The instants rows are placed around (see the top of this file). */
export function interestingInstants(now = NOW): number[] {
  const out = new Set<number>();
  for (const tz of ZONES) {
    for (const p of ["week", "month", "quarter", "year"] as Period[]) {
      const r = periodRanges(p, tz, now);
      for (const d of [r.current.start, r.previous.start, r.previous.end]) out.add(d.getTime());
    }
    // local midnights of the last 12 days in this zone
    const week = periodRanges("day", tz, now).current.start.getTime();
    for (let i = 0; i < 12; i++) out.add(periodRanges("day", tz, new Date(week - i * DAY + HOUR)).current.start.getTime());
  }
  return [...out].sort((a, b) => a - b);
}

async function insert(db: pg.Pool, table: string, columns: [string, string][], rows: unknown[][]) {
  if (!rows.length) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
  const params = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  await db.query(`INSERT INTO ${table} (${columns.map(([c]) => c).join(", ")}) SELECT * FROM unnest(${params})`, arrays);
}

export async function insertDashboardData(db: pg.Pool, seed = 7, now = NOW_OFF_GRID): Promise<DashboardCast> {
  const rng = new Rng(seed);
  const iso = (t: number) => new Date(t).toISOString();
  const nowMs = now.getTime();
  const anchors = [...new Set([...interestingInstants(NOW), ...interestingInstants(now)])].sort((a, b) => a - b);
  const OFFSETS = [-60_000, -1, 0, 1, 60_000];
  const near = () => rng.pick(anchors) + rng.pick(OFFSETS);
  const start = Date.parse("2025-01-01T00:00:00Z");
  /** Mostly near an anchor, sometimes anywhere in the last ~15 months, rarely just after now. */
  const when = () => {
    const r = rng.next();
    if (r < 0.6) return near();
    if (r < 0.97) return start + Math.floor(rng.next() * (nowMs - start));
    return nowMs + rng.pick([0, 1, 60_000, 5 * HOUR]);
  };

  const levels = { bronze: rng.uuid(), silver: rng.uuid(), gold: rng.uuid() };
  await insert(db, "creator_levels", [["id", "uuid"], ["rank", "int2"], ["code", "bpchar"], ["name", "text"], ["min_completed_tasks", "int4"], ["min_avg_rating", "numeric"]], [
    [levels.bronze, 1, "B", "Bronze", 0, "0.00"],
    [levels.silver, 2, "S", "Silver", 5, "3.50"],
    [levels.gold, 3, "G", "Gold", 400, "4.20"],
  ]);
  const types = [rng.uuid(), rng.uuid(), rng.uuid(), rng.uuid()];
  const prices = [["20.00", "12.00"], ["45.50", "30.25"], ["9.99", "6.01"], ["100.00", "60.00"]];
  await insert(db, "output_types", [["id", "uuid"], ["code", "text"], ["name", "text"], ["price", "numeric"], ["creator_payout", "numeric"]],
    types.map((id, i) => [id, `type_${i}`, ["Summary", "Clips", "Captions", "Unused"][i], prices[i][0], prices[i][1]]));

  const cast: DashboardCast = {
    uploader: rng.uuid(), uploader2: rng.uuid(), uploaderNew: rng.uuid(), uploaderEmpty: rng.uuid(),
    creator: rng.uuid(), creator2: rng.uuid(), creatorIdle: rng.uuid(), creatorTop: rng.uuid(), creatorBronze: rng.uuid(), creatorNoLevel: rng.uuid(),
    levels, types,
  };
  const users: [string, string, string, string | null][] = [
    [cast.uploader, "uploader", "Pacific/Auckland", null], [cast.uploader2, "uploader", "UTC", null],
    [cast.uploaderNew, "uploader", "UTC", null], [cast.uploaderEmpty, "uploader", "Asia/Kolkata", null],
    [cast.creator, "creator", "Asia/Kolkata", levels.silver], [cast.creator2, "creator", "UTC", levels.silver],
    [cast.creatorIdle, "creator", "UTC", levels.silver], [cast.creatorTop, "creator", "Pacific/Auckland", levels.gold],
    [cast.creatorBronze, "creator", "UTC", levels.bronze], [cast.creatorNoLevel, "creator", "UTC", null],
    // two more idle Silver creators: level averages are shown only from 5 creators up (issue 14)
    [rng.uuid(), "creator", "UTC", levels.silver], [rng.uuid(), "creator", "UTC", levels.silver],
  ];
  await insert(db, "users", [["id", "uuid"], ["role", "user_role"], ["email", "text"], ["name", "text"], ["password_hash", "text"], ["time_zone", "text"], ["creator_level_id", "uuid"], ["created_at", "timestamptz"]],
    users.map(([id, role, tz, level], i) => [id, role, `dash-${i}-${seed}@test.local`, `${role} ${i}`, "x", tz, level, iso(start - 30 * DAY)]));

  const uploads: unknown[][] = [];
  const assignments: unknown[][] = [];
  const submissions: unknown[][] = [];
  const reviews: unknown[][] = [];
  const payments: unknown[][] = [];
  const working = [cast.creator, cast.creator, cast.creator, cast.creator2, cast.creatorTop, cast.creatorNoLevel];

  /** An assignment's life inside [claimed, done]: 1–3 review rounds, the last one deciding. */
  function lifecycle(aId: string, creator: string, reviewer: string, claimed: number, done: number, final: "approved" | "rejected" | null) {
    const rounds = rng.weighted([[1, 70], [2, 20], [3, 10]] as const);
    const span = Math.max(done - claimed, 10 * rounds);
    for (let k = 1; k <= rounds; k++) {
      const last = k === rounds;
      const sub = claimed + Math.floor((span * (k - 0.6)) / rounds);
      const rev = last && final ? done : claimed + Math.floor((span * (k - 0.2)) / rounds);
      const sId = rng.uuid();
      submissions.push([sId, aId, creator, k, iso(sub)]);
      if (rev > nowMs && !final) break;
      const decision = last ? (final ?? "revision_requested") : "revision_requested";
      const score = decision === "approved" ? rng.int(3, 5) : decision === "rejected" ? rng.int(1, 2) : rng.int(2, 4);
      reviews.push([rng.uuid(), sId, aId, reviewer, decision, score, iso(rev)]);
    }
    return claimed + Math.floor((span * 0.4) / rounds);
  }

  function addUpload(uploader: string, created: number) {
    const id = rng.uuid();
    const status = created >= nowMs ? "processing" : rng.weighted([["completed", 55], ["in_progress", 15], ["processing", 12], ["cancelled", 18]] as const);
    let completedAt: number | null = null;
    const n = rng.int(1, 3);
    for (let j = 0; j < n; j++) {
      const aId = rng.uuid();
      const t = rng.int(0, 2);
      const aCreated = created + 60_000;
      const rush = rng.chance(0.1);
      const price = rush ? (Number(prices[t][0]) * 1.5).toFixed(2) : prices[t][0];
      const payout = rush ? (Number(prices[t][1]) * 1.5).toFixed(2) : prices[t][1];
      let aStatus: string = "open";
      let creator: string | null = null;
      let claimed: number | null = null;
      let due: number | null = null;
      let done: number | null = null;
      if (status === "completed" || status === "in_progress") {
        creator = rng.pick(working);
        claimed = aCreated + rng.int(1, 300) * 60_000;
        due = claimed + 24 * HOUR;
        if (status === "completed" || rng.chance(0.4)) {
          // finishing at an interesting instant when one fits, else a day or two later
          const later = anchors.filter((a) => a > claimed! + 2 * HOUR && a < nowMs && a < claimed! + 40 * DAY);
          done = later.length && rng.chance(0.7) ? rng.pick(later) + rng.pick(OFFSETS.filter((o) => o >= 0)) : claimed + rng.int(3, 60) * HOUR;
          if (done >= nowMs) done = null;
        }
        if (done != null) {
          aStatus = rng.chance(0.85) ? "approved" : "rejected";
          const s1 = lifecycle(aId, creator, uploader, claimed, done, aStatus as "approved" | "rejected");
          // on time is "at or before due_at": some first submissions land exactly on it
          if (rng.chance(0.1)) due = s1;
          else if (rng.chance(0.15)) due = s1 - 1;
          if (status === "completed") completedAt = Math.max(completedAt ?? 0, done);
        } else {
          aStatus = rng.pick(["claimed", "submitted", "in_review", "revision_requested"]);
          if (aStatus !== "claimed") lifecycle(aId, creator, uploader, claimed, Math.min(nowMs - 1, claimed + 30 * HOUR), null);
        }
      } else if (status === "cancelled") {
        aStatus = "cancelled";
      }
      assignments.push([aId, id, types[t], creator, aStatus, price, payout, due && iso(due), claimed && iso(claimed), done && iso(done), iso(aCreated)]);
      const chargeStatus = rng.weighted([["succeeded", 88], ["failed", 6], ["pending", 6]] as const);
      payments.push([rng.uuid(), uploader, id, "charge", chargeStatus, price, "card", iso(created - rng.int(0, 2) * 1000)]);
      if (chargeStatus === "succeeded" && (aStatus === "cancelled" || aStatus === "rejected" || rng.chance(0.05))) {
        const refundAt = rng.chance(0.5) ? near() : created + rng.int(1, 200) * HOUR;
        const amount = aStatus === "approved" || rng.chance(0.3) ? (Number(price) / 2).toFixed(2) : price;
        payments.push([rng.uuid(), uploader, id, "refund", rng.weighted([["succeeded", 85], ["pending", 10], ["failed", 5]] as const), amount, "card", iso(Math.max(refundAt, created + 1))]);
      }
    }
    // a completed upload is done when its last output is (or, without any, some hours in)
    if (status === "completed") completedAt = completedAt ?? created + rng.int(1, 90) * HOUR;
    const finalStatus = status === "completed" && completedAt! >= nowMs ? "in_progress" : status;
    uploads.push([id, uploader, `Upload ${uploads.length}`, finalStatus, rng.int(1000, 9_000_000), iso(created), finalStatus === "completed" ? iso(completedAt!) : null]);
  }

  // work finishing a millisecond either side of every previous-period cut off the 15-minute grid
  for (const tz of ZONES) {
    for (const p of ["week", "month", "quarter", "year"] as Period[]) {
      const cut = periodRanges(p, tz, now).previous.end.getTime();
      for (const done of [cut - 1, cut]) {
        const upload = rng.uuid();
        const aId = rng.uuid();
        const claimed = done - rng.int(5, 30) * HOUR;
        uploads.push([upload, cast.uploader2, `Edge ${uploads.length}`, "in_progress", 1000, iso(claimed - HOUR), null]);
        assignments.push([aId, upload, types[0], cast.creator, "approved", prices[0][0], prices[0][1], iso(claimed + 24 * HOUR), iso(claimed), iso(done), iso(claimed - HOUR)]);
        lifecycle(aId, cast.creator, cast.uploader2, claimed, done, "approved");
      }
    }
  }
  for (let i = 0; i < 170; i++) addUpload(cast.uploader, when());
  for (let i = 0; i < 70; i++) addUpload(cast.uploader2, when());
  // U3 started this week in every zone (the latest week start is Monday 00:00 UTC)
  for (let i = 0; i < 6; i++) addUpload(cast.uploaderNew, Date.parse("2026-03-16T01:00:00Z") + i * 7 * HOUR);
  // top-ups and stray transactions straddling boundaries, with and without an upload
  for (let i = 0; i < 40; i++) {
    const who = rng.pick([cast.uploader, cast.uploader, cast.uploader2]);
    payments.push([rng.uuid(), who, null, rng.chance(0.8) ? "charge" : "refund", rng.weighted([["succeeded", 80], ["failed", 10], ["pending", 10]] as const), rng.money(1, 80), "paypal", iso(when())]);
  }

  await insert(db, "uploads", [["id", "uuid"], ["uploader_id", "uuid"], ["title", "text"], ["status", "upload_status"], ["file_size_bytes", "int8"], ["created_at", "timestamptz"], ["completed_at", "timestamptz"]], uploads);
  await insert(db, "assignments", [["id", "uuid"], ["upload_id", "uuid"], ["output_type_id", "uuid"], ["creator_id", "uuid"], ["status", "assignment_status"], ["price", "numeric"], ["creator_payout", "numeric"], ["due_at", "timestamptz"], ["claimed_at", "timestamptz"], ["completed_at", "timestamptz"], ["created_at", "timestamptz"]], assignments);
  await insert(db, "content_submissions", [["id", "uuid"], ["assignment_id", "uuid"], ["creator_id", "uuid"], ["version", "int2"], ["submitted_at", "timestamptz"]], submissions);
  await insert(db, "reviews", [["id", "uuid"], ["submission_id", "uuid"], ["assignment_id", "uuid"], ["reviewer_id", "uuid"], ["decision", "review_decision"], ["overall_score", "int2"], ["completed_at", "timestamptz"]], reviews);
  await insert(db, "payment_transactions", [["id", "uuid"], ["uploader_id", "uuid"], ["upload_id", "uuid"], ["type", "transaction_type"], ["status", "transaction_status"], ["amount", "numeric"], ["method", "text"], ["created_at", "timestamptz"]], payments);

  // payouts: every status, failed ones with a completed_at too (never counted as paid)
  const payouts: unknown[][] = [];
  for (const creator of [cast.creator, cast.creator2, cast.creatorTop]) {
    for (let i = 0; i < 30; i++) {
      const requested = when();
      const status = requested > nowMs - 3 * DAY ? rng.pick(["pending", "processing"]) : rng.weighted([["completed", 80], ["failed", 10], ["pending", 5], ["processing", 5]] as const);
      const completed = status === "completed" || status === "failed" ? (rng.chance(0.5) ? Math.max(near(), requested) : requested + rng.int(1, 96) * HOUR) : null;
      payouts.push([rng.uuid(), creator, rng.money(5, 400), status, "stripe", iso(requested), completed && iso(completed)]);
    }
  }
  await insert(db, "payouts", [["id", "uuid"], ["creator_id", "uuid"], ["amount", "numeric"], ["status", "payout_status"], ["method", "text"], ["requested_at", "timestamptz"], ["completed_at", "timestamptz"]], payouts);
  return cast;
}
