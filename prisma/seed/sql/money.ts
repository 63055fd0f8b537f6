// Refunds and weekly payouts (staging). Charges are one per assignment and
// come straight from seed_a when loading.
//
// Refunds (~3% of charges, of settled charges only): every output cancelled by
// the uploader, most rejected outputs, and a few partial goodwill refunds of
// approved ones; each after its charge and only once it has happened by "now".
//
// Payouts: every Monday each creator is paid what they earned (approved
// assignments' creator_payout, by completed_at) in the week before. Payouts of
// the current week are still pending or processing; ~1.5% of older ones failed
// and were retried two days later.
import { DAY, type SeedConfig } from "../config";
import { num, type Step } from "./util";

const WEEK = 7 * DAY;
/** Monday 1970-01-05 00:00 UTC: weeks are counted from there. */
const MONDAY0 = 4 * DAY;

function refunds(c: SeedConfig): string {
  return `CREATE TEMP TABLE seed_refunds AS
  SELECT * FROM (
    SELECT h, ui, uj, uploader_id, upload_id, method, price AS charge,
      CASE WHEN status = 'cancelled' THEN price
           WHEN status = 'rejected' THEN price
           ELSE round(price * 0.5, 2) END AS amount,
      CASE WHEN status = 'cancelled' THEN cancel_s + 60 + 600 * pg_temp.u(h, 401)
           WHEN status = 'rejected' THEN completed_s + 3600 + 169200 * pg_temp.u(h, 401)
           ELSE completed_s + ${DAY} + 9 * ${DAY} * pg_temp.u(h, 401) END AS refund_s
    FROM seed_a
    WHERE charge_status = 'succeeded' AND ((status = 'cancelled' AND kind = 2)
       OR (status = 'rejected' AND pg_temp.u(h, 402) < 0.75)
       OR (status = 'approved' AND pg_temp.u(h, 402) < 0.004))
  ) r WHERE refund_s <= ${num(c.now)}`;
}

function payouts(c: SeedConfig): string {
  const now = num(c.now);
  const thisWeek = MONDAY0 + Math.floor((c.now - MONDAY0) / WEEK) * WEEK;
  return `CREATE TEMP TABLE seed_payouts AS
  WITH earned AS (
    SELECT cj, floor((completed_s - ${MONDAY0}) / ${WEEK})::bigint AS w, sum(payout) AS amount
    FROM seed_a WHERE status = 'approved' GROUP BY 1, 2
  ), req AS (
    SELECT cj, w, amount, cj * 100000 + w AS k,
      (${MONDAY0} + (w + 1) * ${WEEK})::float8 + CASE WHEN cj = 0 THEN 3600 ELSE 1800 + 28800 * pg_temp.u(cj * 100000 + w, 410) END AS req_s
    FROM earned
  ), first_try AS (
    SELECT req.*, 0 AS attempt,
      CASE WHEN req_s > ${now} - 3 * ${DAY} OR req_s >= ${thisWeek} THEN
             CASE WHEN cj = 0 OR pg_temp.u(k, 411) < 0.6 THEN 'pending' ELSE 'processing' END
           WHEN pg_temp.u(k, 412) < 0.015 THEN 'failed'
           ELSE 'completed' END AS status,
      req_s + CASE WHEN pg_temp.u(k, 413) < 0.75 THEN 1800 + 28800 * pg_temp.u(k, 414)
                   ELSE ${DAY} + 3 * ${DAY} * pg_temp.u(k, 414) END AS done_s
    FROM req WHERE req_s <= ${now}
  ), retry AS (
    SELECT cj, w, amount, k, req_s + 2 * ${DAY} AS req_s, 1 AS attempt,
      CASE WHEN req_s + 2 * ${DAY} > ${now} - ${DAY} THEN 'pending' ELSE 'completed' END AS status,
      req_s + 2 * ${DAY} + 3600 + 28800 * pg_temp.u(k, 415) AS done_s
    FROM first_try WHERE status = 'failed' AND req_s + 2 * ${DAY} <= ${now}
  ), all_tries AS (SELECT * FROM first_try UNION ALL SELECT * FROM retry)
  SELECT cj, w, k, attempt, amount, req_s,
    -- a payout whose completion would fall after now is still processing
    (CASE WHEN status = 'completed' AND done_s > ${now} THEN 'processing' ELSE status END)::payout_status AS status,
    CASE WHEN status = 'completed' AND done_s <= ${now} THEN done_s END AS done_s
  FROM all_tries`;
}

export function moneySteps(c: SeedConfig): Step[] {
  return [{ name: "refunds & payouts", sql: [refunds(c), payouts(c)] }];
}
