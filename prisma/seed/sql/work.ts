// Uploads and assignments (staging). Each assignment gets its whole life
// story up front — claim, deadline, submissions, reviews — and is then cut at
// "now": what has not happened yet is left out, and its status is where the
// story stands at that instant. Old work is therefore mostly approved and the
// last days are open, claimed, submitted or in review.
import { BUNDLE_SHARE, DAY, OUTPUT_TYPES, type SeedConfig } from "../config";
import { CHARGE_METHODS, num, rowId, textArray, USER_IDS, userId, type Step } from "./util";

export const TOPICS = [
  "AI Trends", "Marketing", "Tech Recap", "Product", "Sales", "Leadership", "Growth", "Founder",
  "Customer Success", "Design", "Engineering", "Finance", "Health & Wellness", "Science", "Startup",
  "Real Estate", "Remote Work", "Data", "Security", "Creator Economy",
];
export const FORMATS = ["Podcast", "Webinar", "Interview", "All-Hands", "Keynote", "Workshop", "Standup", "Panel", "Lecture", "Q&A", "Town Hall", "Briefing"];

/** Bit t of the mask: the upload orders output type t. */
function orderMask(c: SeedConfig): string {
  const bits = OUTPUT_TYPES.map((o, t) => {
    const until = "untilMonth" in o ? ` AND a.t < ${num(c.start + o.untilMonth * 30 * DAY)}` : "";
    return `((pg_temp.u(a.i, ${130 + t}) < ${o.share}${until})::int << ${t})`;
  });
  return bits.join(" | ");
}

/** Weighted pick among the first k people of a staging table (those signed up before the day). */
function weightedPick(arr: string, k: string, key: string, salt: number): string {
  return `width_bucket(pg_temp.u(${key}, ${salt}) * (SELECT lb FROM ${arr})[${k} + 1], (SELECT lb FROM ${arr})) - 1`;
}

/** The weights' lower bounds as one in-memory array (a table column would be re-read per row). */
const bounds = (table: string) =>
  `SELECT array_append(array_agg(cprev ORDER BY j), max(cum)) AS lb FROM ${table}`;

/** Demo accounts get a fixed share, tripled in the last 10 days so "this week" always has some. */
function demoShare(share: number, c: SeedConfig, t: string): string {
  return `CASE WHEN ${t} > ${num(c.now - 10 * DAY)} THEN ${num(3 * share)} ELSE ${num(share)} END`;
}

function uploads(c: SeedConfig): string {
  return `CREATE TEMP TABLE seed_uploads AS
  WITH arr AS MATERIALIZED (${bounds("seed_up")}), ${USER_IDS},
  a AS (SELECT * FROM pg_temp.alloc(${num(c.uploads)}, 120)),
  m AS (
    SELECT a.i, a.t AS created_s, a.d,
      CASE WHEN pg_temp.u(a.i, 121) < ${demoShare(c.demoUploadShare, c, "a.t")} THEN 0
           ELSE ${weightedPick("arr", "e.k_up", "a.i", 122)} END AS uj,
      ${orderMask(c)} AS mask
    FROM a JOIN seed_elig e ON e.d = a.d
  )
  SELECT ${rowId("upload", "x.created_s", "x.i")} AS id, ${userId(`${num(c.offset.uploader)} + x.uj`)} AS uploader_id, x.*,
    -- audio ~16 kB/s, video ~250 kB/s; documents (no duration) up to 2 MB
    CASE WHEN duration IS NULL THEN 20000 + floor(2000000 * pg_temp.u(i, 145))
         ELSE floor(duration::float8 * CASE WHEN pg_temp.u(i, 142) < 0.3 THEN 250000 ELSE 16000 END * (0.8 + 0.4 * pg_temp.u(i, 146))) END::bigint AS file_size
  FROM (
  SELECT i, created_s, d, uj, CASE WHEN mask = 0 THEN 1 ELSE mask END AS mask,
    CASE WHEN pg_temp.u(i, 140) < 0.03 THEN NULL
         ELSE (240 + least(pg_temp.ex(i, 141) * 1800, 10800))::int END AS duration,
    pg_temp.pick(${textArray(TOPICS)}, i, 143) || ' ' || pg_temp.pick(${textArray(FORMATS)}, i, 144)
      || ' — Episode ' || (1 + (i * 7 + uj) % 350) AS title
  FROM m) x`;
}

/**
 * One row per ordered output. Times are epoch seconds (float8) until loaded.
 * The OFFSET 0 fences matter: without them the planner inlines every derived
 * time into every place it is used and recomputes each many times per row.
 * kind: 0 normal, 1 charge failed (cancelled at once), 2 cancelled by the uploader before anyone claimed it.
 */
function assignments(c: SeedConfig): string {
  const now = num(c.now);
  const reviewState = (s: string, r: string) =>
    `CASE WHEN ${now} - ${s} < 0.3 * (${r} - ${s}) THEN 'submitted' ELSE 'in_review' END`;
  return `CREATE TEMP TABLE seed_a AS
  WITH arr AS MATERIALIZED (${bounds("seed_cr")}), ${USER_IDS},
  b AS (
    SELECT up.i * 16 + ot.t AS h, up.i AS ui, up.uj, up.d, ot.t, ot.work_min, ot.due_h, up.id AS upload_id, up.uploader_id, ot.id AS output_type_id,
      -- bundled outputs of an upload share one key (i * 16 + 15, never an output's h): one creator claims them together
      CASE WHEN pg_temp.u(up.i * 16 + ot.t, 230) < ${num(BUNDLE_SHARE)} THEN up.i * 16 + 15 ELSE up.i * 16 + ot.t END AS bk,
      -- the order is placed (and charged) within minutes of the upload, never after now
      up.created_s + least(30 + 570 * pg_temp.u(up.i * 16 + ot.t, 201), 0.9 * (${num(c.now)} - up.created_s)) AS created_s,
      up.created_s AS upload_s,
      pg_temp.u(up.i * 16 + ot.t, 202) < 0.07 AS rush,
      ot.price, ot.payout
    FROM seed_uploads up JOIN seed_ot ot ON (up.mask >> ot.t) & 1 = 1
  ), p AS (
    SELECT b.*,
      CASE WHEN pg_temp.u(bk, 203) < ${demoShare(c.demoClaimShare, c, "b.created_s")} THEN 0
           ELSE ${weightedPick("arr", "e.k_cr", "bk", 204)} END AS cj,
      CASE WHEN pg_temp.u(h, 205) < 0.02 THEN 1 WHEN pg_temp.u(h, 205) < 0.03 THEN 2 ELSE 0 END AS kind
    FROM b JOIN seed_elig e ON e.d = b.d OFFSET 0
  ), l AS (
    SELECT p.*, cr.rank, cr.q,
      p.created_s + 120 + least(pg_temp.ex(bk, 206) * 7200, ${DAY}) AS claim_s,
      (CASE WHEN rush THEN 0.6 ELSE 1 END) * p.due_h * 3600 AS due_span,
      -- minutes from claim to first submission: the type's typical time, this creator's pace
      -- (higher levels a little faster) and this task's spread (log-symmetric, about ×0.6–×1.7)
      p.work_min * 60 * (1.12 - 0.06 * cr.rank) * exp(0.4 * pg_temp.tri(p.cj, 231))
        * exp(0.3 * (pg_temp.tri(h, 232) + pg_temp.tri(h, 233))) AS work_s,
      p.created_s + 600 + 21600 * pg_temp.u(h, 207) AS cancel_s,
      -- a charge still pending blocks the claim; only in the last 20 minutes
      p.kind = 0 AND p.created_s > ${num(c.now - 1200)} AND pg_temp.u(h, 208) < 0.6 AS pay_pending
    FROM p JOIN seed_cr cr ON cr.j = p.cj OFFSET 0
  ), v1 AS (
    SELECT l.*, claim_s + due_span AS due_s,
      -- most start within minutes; about one in five gets to it later (on average 75% of the way to the
      -- deadline), and the late ones (~12%) are those whose start and work overrun it
      claim_s + CASE WHEN pg_temp.u(h, 210) < 0.78 THEN 240 ELSE 0.75 * due_span END * pg_temp.ex(h, 211) + work_s AS s1,
      -- better creators get fewer revision requests and rejections
      pg_temp.decide(pg_temp.u(h, 212), (35 - 6 * rank) / 1000.0::float8, (235 - 25 * rank) / 1000.0::float8) AS d1
    FROM l
  ), v2 AS (
    SELECT v1.*, s1 + 1800 + least(pg_temp.ex(h, 213) * 18000, 172800) AS r1 FROM v1 OFFSET 0
  ), v3 AS (
    SELECT v2.*,
      CASE WHEN d1 = 2 THEN r1 + 3600 + least(pg_temp.ex(h, 214) * 28800, 172800) END AS s2,
      CASE WHEN d1 = 2 THEN pg_temp.decide(pg_temp.u(h, 215), 0.04, 0.10) END AS d2
    FROM v2
  ), v4 AS (
    SELECT v3.*, s2 + 1800 + least(pg_temp.ex(h, 216) * 18000, 172800) AS r2 FROM v3 OFFSET 0
  ), v5 AS (
    SELECT v4.*,
      CASE WHEN d2 = 2 THEN r2 + 3600 + least(pg_temp.ex(h, 217) * 21600, 86400) END AS s3,
      CASE WHEN d2 = 2 THEN pg_temp.decide(pg_temp.u(h, 218), 0.15, 0) END AS d3
    FROM v4
  ), v6 AS (
    SELECT v5.*, s3 + 1800 + least(pg_temp.ex(h, 219) * 14400, 172800) AS r3,
      kind = 0 AND NOT pay_pending AND claim_s <= ${now} AS claimed
    FROM v5 OFFSET 0
  ), st AS (
    SELECT v6.*, CASE
      WHEN kind = 1 THEN 'cancelled'
      WHEN kind = 2 THEN CASE WHEN cancel_s <= ${now} THEN 'cancelled' ELSE 'open' END
      WHEN NOT claimed THEN 'open'
      WHEN s1 > ${now} THEN 'claimed'
      WHEN r1 > ${now} THEN ${reviewState("s1", "r1")}
      WHEN d1 = 1 THEN 'approved' WHEN d1 = 3 THEN 'rejected'
      WHEN s2 > ${now} THEN 'revision_requested'
      WHEN r2 > ${now} THEN ${reviewState("s2", "r2")}
      WHEN d2 = 1 THEN 'approved' WHEN d2 = 3 THEN 'rejected'
      WHEN s3 > ${now} THEN 'revision_requested'
      WHEN r3 > ${now} THEN ${reviewState("s3", "r3")}
      WHEN d3 = 1 THEN 'approved' ELSE 'rejected' END AS status
    FROM v6 OFFSET 0
  )
  SELECT ${rowId("assignment", "created_s", "h")} AS id, upload_id, uploader_id, output_type_id,
    CASE WHEN claimed THEN ${userId(`${num(c.offset.creator)} + cj`)} END AS creator_id,
    h, ui, uj, t, rank, q, kind, status::assignment_status AS status,
    CASE WHEN rush THEN round(price * 1.5, 2) ELSE price END AS price,
    CASE WHEN rush THEN round(payout * 1.5, 2) ELSE payout END AS payout,
    created_s,
    -- the charge goes through between the upload and the assignment's creation
    created_s - (created_s - upload_s) * (0.1 + 0.4 * pg_temp.u(h, 611)) AS charge_s,
    CASE WHEN claimed THEN cj END AS cj,
    CASE WHEN claimed THEN claim_s END AS claim_s,
    CASE WHEN claimed THEN due_s END AS due_s,
    CASE WHEN status IN ('approved', 'rejected') THEN coalesce(r3, r2, r1) END AS completed_s,
    CASE WHEN status = 'cancelled' AND kind = 2 THEN cancel_s END AS cancel_s,
    CASE WHEN claimed AND s1 <= ${now} THEN s1 END AS s1,
    CASE WHEN claimed AND r1 <= ${now} THEN r1 END AS r1,
    CASE WHEN claimed AND s2 <= ${now} THEN s2 END AS s2,
    CASE WHEN claimed AND r2 <= ${now} THEN r2 END AS r2,
    CASE WHEN claimed AND s3 <= ${now} THEN s3 END AS s3,
    CASE WHEN claimed AND r3 <= ${now} THEN r3 END AS r3,
    d1, d2, d3,
    pg_temp.score(q, d1, h, 221) AS sc1,
    pg_temp.score(q, d2, h, 222) AS sc2,
    pg_temp.score(q, d3, h, 223) AS sc3,
    method,
    CASE WHEN kind = 1 THEN 'failed'
         WHEN pay_pending OR (method = 'bank_transfer' AND created_s > ${num(c.now - 2 * DAY)}) THEN 'pending'
         ELSE 'succeeded' END::transaction_status AS charge_status
  FROM (SELECT st.*, pg_temp.pick(${textArray(CHARGE_METHODS)}, uj, 610) AS method FROM st) st`;
}

/** An upload is done when all its outputs are; cancelled when all were cancelled. */
const UPLOAD_STATE = `CREATE TEMP TABLE seed_upload_state AS
  SELECT ui,
    CASE WHEN count(*) FILTER (WHERE status = 'cancelled') = count(*) THEN 'cancelled'
         WHEN count(*) FILTER (WHERE status IN ('approved', 'rejected', 'cancelled')) = count(*) THEN 'completed'
         WHEN count(*) FILTER (WHERE status IN ('open', 'cancelled')) = count(*) THEN 'processing'
         ELSE 'in_progress' END::upload_status AS status,
    max(completed_s) AS last_done_s
  FROM seed_a GROUP BY ui`;

export function workSteps(c: SeedConfig): Step[] {
  return [
    { name: "uploads", sql: [uploads(c), `ANALYZE seed_uploads`] },
    { name: "assignment lifecycles", sql: [assignments(c), `ANALYZE seed_a`] },
    { name: "upload status", sql: [UPLOAD_STATE] },
  ];
}
