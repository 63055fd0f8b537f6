// Loads the staging tables into the marketplace tables. Ids derive from each
// row's key and time (rowId), so they are stable across runs; users are keyed
// by their global number n (admins, then uploaders, then creators).
import type { SeedConfig } from "../config";
import { DOMAINS, FIRST } from "./people";
import { num, rowId, textArray, USER_IDS, userId, type Step } from "./util";

export const PAYOUT_METHODS = ["stripe", "paypal", "wise", "bank_transfer"];

const INSERT_USERS = `INSERT INTO users (id, role, email, name, password_hash, status, suspended_at, country, time_zone,
    is_us_person, tin_last4, creator_level_id, created_at)
  SELECT u.id, u.role, u.email, u.name, $1,
    CASE WHEN s.n IS NULL THEN 'active' ELSE 'suspended' END::user_status, pg_temp.ts(s.suspended_s),
    u.country, u.time_zone, u.us_person,
    -- about one US creator in eight has not given a TIN yet (the 1099 report flags the reportable ones)
    CASE WHEN u.us_person AND (u.j = 0 OR abs(hashint8extended(u.n, 606)) % 8 <> 0)
         THEN CASE WHEN u.j = 0 THEN '4242' ELSE lpad((abs(hashint8extended(u.n, 605)) % 10000)::text, 4, '0') END END,
    CASE WHEN u.role = 'creator' THEN pg_temp.uid('level', u.rank) END,
    pg_temp.ts(u.signup_s)
  FROM seed_users u LEFT JOIN seed_suspended s ON s.n = u.n`;

function levelHistory(c: SeedConfig): string {
  return `INSERT INTO creator_level_history (id, creator_id, from_level_id, to_level_id, changed_at)
  WITH ${USER_IDS}
  SELECT ${rowId("level_history", "at_s", "j * 16 + seq")}, ${userId(`${num(c.offset.creator)} + j`)},
    pg_temp.uid('level', from_rank), pg_temp.uid('level', to_rank), pg_temp.ts(at_s)
  FROM seed_hist`;
}
// pg_temp.uid('level', NULL) is NULL: the first row of each history has no from-level.

function insertUploads(): string {
  return `INSERT INTO uploads (id, uploader_id, title, status, file_size_bytes, duration_seconds, created_at, completed_at)
  SELECT up.id, up.uploader_id, up.title, st.status, up.file_size, up.duration, pg_temp.ts(up.created_s),
    CASE WHEN st.status = 'completed' THEN pg_temp.ts(st.last_done_s) END
  FROM seed_uploads up JOIN seed_upload_state st ON st.ui = up.i`;
}

// first_submitted_at is kept by a trigger on content_submissions, which does not fire during the load (replica role)
const INSERT_ASSIGNMENTS = `INSERT INTO assignments (id, upload_id, output_type_id, creator_id, status, price, creator_payout,
    due_at, claimed_at, completed_at, created_at, first_submitted_at)
  SELECT id, upload_id, output_type_id, creator_id, status, price, payout,
    pg_temp.ts(due_s), pg_temp.ts(claim_s), pg_temp.ts(completed_s), pg_temp.ts(created_s), pg_temp.ts(s1)
  FROM seed_a`;

const INSERT_SUBMISSIONS = `INSERT INTO content_submissions (id, assignment_id, creator_id, version, submitted_at)
  SELECT ${rowId("submission", "v.s", "a.h * 4 + v.k")}, a.id, a.creator_id, v.k, pg_temp.ts(v.s)
  FROM seed_a a CROSS JOIN LATERAL (VALUES (1, a.s1), (2, a.s2), (3, a.s3)) v(k, s)
  WHERE v.s IS NOT NULL`;

// creator_id, output_type_id and submission_version are copies kept by a trigger, which does not fire during the load
/** The uploader who ordered the output reviews it. */
const INSERT_REVIEWS = `INSERT INTO reviews (id, submission_id, assignment_id, reviewer_id, decision, overall_score, completed_at,
    creator_id, output_type_id, submission_version)
  SELECT ${rowId("review", "v.r", "a.h * 4 + v.k")}, ${rowId("submission", "v.s", "a.h * 4 + v.k")}, a.id, a.uploader_id,
    (ARRAY['approved', 'revision_requested', 'rejected'])[v.d]::review_decision, v.sc, pg_temp.ts(v.r),
    a.creator_id, a.output_type_id, v.k
  FROM seed_a a
  CROSS JOIN LATERAL (VALUES (1, a.s1, a.r1, a.d1, a.sc1), (2, a.s2, a.r2, a.d2, a.sc2), (3, a.s3, a.r3, a.d3, a.sc3)) v(k, s, r, d, sc)
  WHERE v.r IS NOT NULL`;

function insertPayments(c: SeedConfig): string[] {
  return [
    `INSERT INTO payment_transactions (id, uploader_id, upload_id, type, status, amount, method, created_at)
     SELECT ${rowId("charge", "charge_s", "h")}, uploader_id, upload_id, 'charge', charge_status, price, method, pg_temp.ts(charge_s)
     FROM seed_a`,
    `INSERT INTO payment_transactions (id, uploader_id, upload_id, type, status, amount, method, created_at)
     SELECT ${rowId("refund", "refund_s", "h")}, uploader_id, upload_id, 'refund',
       CASE WHEN refund_s > ${num(c.now - 3 * 3600)} AND pg_temp.u(h, 612) < 0.5 THEN 'pending' ELSE 'succeeded' END::transaction_status,
       amount, method, pg_temp.ts(refund_s)
     FROM seed_refunds`,
  ];
}

function insertPayouts(c: SeedConfig): string {
  return `INSERT INTO payouts (id, creator_id, amount, status, method, requested_at, completed_at)
  WITH ${USER_IDS}
  SELECT ${rowId("payout", "req_s", "k * 2 + attempt")}, ${userId(`${num(c.offset.creator)} + cj`)}, amount, status,
    pg_temp.pick(${textArray(PAYOUT_METHODS)}, cj, 620), pg_temp.ts(req_s), pg_temp.ts(done_s)
  FROM seed_payouts`;
}

const INSERT_FLAGS = `INSERT INTO fraud_flags (id, user_id, flag_type, source, status, resolution, resolved_by, details, created_at, resolved_at)
  WITH ${USER_IDS}
  SELECT ${rowId("flag", "flag_s", "k")}, ${userId("n")}, flag_type, source,
    CASE WHEN resolved_s IS NULL THEN 'pending' ELSE 'resolved' END::flag_status, resolution,
    CASE WHEN resolved_s IS NOT NULL THEN ${userId("resolver_n")} END, details,
    pg_temp.ts(flag_s), pg_temp.ts(resolved_s)
  FROM seed_flags`;

/** Same mailbox with a "+tag", or another address from the same device / card / network. */
function insertBlocked(): string {
  return `INSERT INTO blocked_signups (id, email, matched_user_id, reason, ip_address, created_at)
  SELECT ${rowId("blocked", "b.created_s", "b.i")},
    CASE WHEN b.reason = 'duplicate_email'
         THEN split_part(u.email, '@', 1) || '+' || (1 + b.i % 9) || '@' || split_part(u.email, '@', 2)
         ELSE lower(pg_temp.pick(${textArray(FIRST)}, b.i, 640)) || (b.i * 7919 % 100000) || '@' || pg_temp.pick(${textArray(DOMAINS)}, b.i, 641) END,
    u.id, b.reason,
    CASE WHEN b.reason IN ('duplicate_ip', 'duplicate_device') THEN pg_temp.ip(u.n) ELSE pg_temp.ip(1000000000 + b.i) END,
    pg_temp.ts(b.created_s)
  FROM seed_blocked b JOIN seed_users u ON u.n = b.matched_n`;
}

export function loadSteps(c: SeedConfig): Step[] {
  return [
    { name: "users", sql: [INSERT_USERS, levelHistory(c)] },
    { name: "uploads", sql: [insertUploads()] },
    { name: "assignments", sql: [INSERT_ASSIGNMENTS] },
    { name: "submissions", sql: [INSERT_SUBMISSIONS] },
    { name: "reviews", sql: [INSERT_REVIEWS] },
    { name: "payment transactions", sql: insertPayments(c) },
    { name: "payouts", sql: [insertPayouts(c)] },
    { name: "fraud flags", sql: [INSERT_FLAGS, insertBlocked()] },
  ];
}
