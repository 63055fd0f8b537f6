// Fraud flags and blocked signups (staging).
//
// - Ghost accounts (fraud = 1) are duplicates caught within days of signup,
//   before any money moved; confirming the flag suspends them.
// - Active fraudsters (fraud = 2) are flagged after their last activity; a
//   confirmed flag suspends them too.
// - Other flags land on honest users: automatic ones are mostly false
//   positives, manual ones mostly confirmed (a warning, no suspension); recent
//   ones are still pending.
// - Blocked signups are duplicates of existing accounts refused at signup.
import { DAY, type SeedConfig } from "../config";
import { num, textArray, type Step } from "./util";

const AUTO_TYPES = ["suspicious_login", "duplicate_account", "payment_fraud", "velocity_limit", "chargeback"];
const MANUAL_TYPES = ["content_plagiarism", "payment_fraud", "duplicate_account", "chargeback", "abusive_behavior"];
const DETAILS: Record<string, string> = {
  duplicate_account: "Device fingerprint and payout details match another account",
  payment_fraud: "Card issuer reported the payment as unauthorised",
  suspicious_login: "Sign-in from a new country minutes after a sign-in elsewhere",
  content_plagiarism: "Submitted text matches published content",
  chargeback: "Chargeback opened by the cardholder's bank",
  velocity_limit: "Unusual number of orders in a short period",
  abusive_behavior: "Reported by another user for abusive messages",
};

function details(): string {
  const whens = Object.entries(DETAILS).map(([t, d]) => `WHEN '${t}' THEN '${d.replace(/'/g, "''")}'`);
  return `CASE flag_type ${whens.join(" ")} END`;
}

/** Uploaders and creators with their global user number n. */
function population(c: SeedConfig): string {
  return `SELECT 'uploader' AS role, j, ${num(c.offset.uploader)} + j AS n, signup_s, fraud FROM seed_up
    UNION ALL SELECT 'creator', j, ${num(c.offset.creator)} + j, signup_s, fraud FROM seed_cr`;
}

function flags(c: SeedConfig): string {
  const now = num(c.now);
  const people = c.uploaders + c.creators;
  return `CREATE TEMP TABLE seed_flags AS
  WITH pop AS (${population(c)}),
  last_seen AS (
    SELECT ${num(c.offset.uploader)} + uj AS n, max(created_s) AS last_s FROM seed_uploads GROUP BY uj
    UNION ALL
    SELECT ${num(c.offset.creator)} + cj, max(greatest(claim_s, s1, s2, s3)) FROM seed_a WHERE cj IS NOT NULL GROUP BY cj
  ), fraudsters AS (
    SELECT pop.n, pop.role, pop.fraud, 0 AS slot,
      CASE WHEN pop.fraud = 1 THEN pop.signup_s + 300 + 3 * ${DAY} * pg_temp.u(pop.n, 501)
           ELSE coalesce(ls.last_s, pop.signup_s) + 3600 + 2 * ${DAY} * pg_temp.u(pop.n, 501) END AS flag_s,
      CASE WHEN pop.fraud = 1 THEN
             CASE WHEN pg_temp.u(pop.n, 502) < 0.75 THEN 'duplicate_account'
                  WHEN pop.role = 'uploader' THEN 'payment_fraud' ELSE 'suspicious_login' END
           WHEN pop.role = 'uploader' THEN CASE WHEN pg_temp.u(pop.n, 502) < 0.5 THEN 'chargeback' ELSE 'payment_fraud' END
           ELSE CASE WHEN pg_temp.u(pop.n, 502) < 0.7 THEN 'content_plagiarism' ELSE 'duplicate_account' END END AS flag_type,
      CASE WHEN pg_temp.u(pop.n, 503) < 0.75 THEN 'auto' ELSE 'manual' END AS source,
      'confirmed' AS outcome
    FROM pop LEFT JOIN last_seen ls ON ls.n = pop.n
    WHERE pop.fraud > 0
  ), others AS (
    SELECT pop.n, pop.role, 0 AS fraud, 1 + g.i AS slot,
      pop.signup_s + (${now} - pop.signup_s) * sqrt(pg_temp.u(g.i, 512)) AS flag_s,
      CASE WHEN pg_temp.u(g.i, 513) < 0.7 THEN pg_temp.pick(${textArray(AUTO_TYPES)}, g.i, 514)
           ELSE pg_temp.pick(${textArray(MANUAL_TYPES)}, g.i, 514) END AS flag_type,
      CASE WHEN pg_temp.u(g.i, 513) < 0.7 THEN 'auto' ELSE 'manual' END AS source,
      CASE WHEN pg_temp.u(g.i, 513) < 0.7 THEN CASE WHEN pg_temp.u(g.i, 515) < 0.7 THEN 'false_positive' ELSE 'confirmed' END
           ELSE CASE WHEN pg_temp.u(g.i, 515) < 0.7 THEN 'confirmed' ELSE 'false_positive' END END AS outcome
    FROM generate_series(0, ${num(c.otherFlags - 1)}) AS g(i)
    JOIN pop ON pop.n = ${num(c.offset.uploader)} + floor(pg_temp.u(g.i, 511) * ${num(people)})::bigint
    WHERE pop.fraud = 0 AND pop.j > 0
  ), f AS (
    SELECT x.*,
      x.flag_s + 7200 + 5 * ${DAY} * pg_temp.u(x.k, 520) AS resolve_s,
      -- part of last week's flags are still waiting for an admin
      x.flag_s > ${now} - 7 * ${DAY} AND pg_temp.u(x.k, 521) < 0.65 AS waiting
    FROM (SELECT *, slot * 10000000::bigint + n AS k FROM fraudsters UNION ALL SELECT *, slot * 10000000::bigint + n FROM others) x
    WHERE x.flag_s <= ${now}
  )
  SELECT n, role, fraud, k, flag_type, source::flag_source AS source, flag_s,
    ${details()} AS details,
    CASE WHEN waiting OR resolve_s > ${now} THEN NULL ELSE resolve_s END AS resolved_s,
    CASE WHEN waiting OR resolve_s > ${now} THEN NULL ELSE outcome END::flag_resolution AS resolution,
    ${num(0)} + floor(pg_temp.u(k, 522) * ${num(c.admins)})::bigint AS resolver_n
  FROM f`;
}

/** Suspended users: the fraudsters whose flag has been confirmed by now. */
const SUSPENSIONS = `CREATE TEMP TABLE seed_suspended AS
  SELECT n, min(resolved_s) AS suspended_s FROM seed_flags
  WHERE fraud > 0 AND resolution = 'confirmed' GROUP BY n`;

function blocked(c: SeedConfig): string {
  return `CREATE TEMP TABLE seed_blocked AS
  WITH a AS (SELECT * FROM pg_temp.alloc(${num(c.blockedSignups)}, 530))
  SELECT a.i, a.t AS created_s,
    CASE WHEN pg_temp.u(a.i, 531) < 0.6
         THEN ${num(c.offset.uploader)} + floor(pg_temp.u(a.i, 532) * e.k_up)::bigint
         ELSE ${num(c.offset.creator)} + floor(pg_temp.u(a.i, 532) * e.k_cr)::bigint END AS matched_n,
    CASE WHEN pg_temp.u(a.i, 533) < 0.4 THEN 'duplicate_email' WHEN pg_temp.u(a.i, 533) < 0.7 THEN 'duplicate_device'
         WHEN pg_temp.u(a.i, 533) < 0.9 THEN 'duplicate_payment_method' ELSE 'duplicate_ip' END AS reason
  FROM a JOIN seed_elig e ON e.d = a.d`;
}

export function trustSteps(c: SeedConfig): Step[] {
  return [{ name: "fraud flags & blocked signups", sql: [flags(c), SUSPENSIONS, blocked(c)] }];
}
