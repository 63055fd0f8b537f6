// Creator level history (staging), consistent with the work each creator did:
// a creator joins at Probation, and is promoted to level r an hour after
// approving their min_completed_tasks(r)-th assignment. A creator who never did
// that much work (small scales) gets evenly spaced promotions instead. About
// one in ten also had a stint one level up that ended in a demotion, so their
// last row is a demotion back to the current level.
import type { SeedConfig } from "../config";
import { num, type Step } from "./util";

function history(c: SeedConfig): string {
  const now = num(c.now);
  return `CREATE TEMP TABLE seed_hist AS
  WITH approvals AS (
    SELECT cj, completed_s, row_number() OVER (PARTITION BY cj ORDER BY completed_s, h) AS n
    FROM seed_a WHERE status = 'approved'
  ), done AS (
    SELECT cj, count(*) AS approved FROM approvals GROUP BY cj
  ), cr AS (
    SELECT cr.j, cr.rank, cr.signup_s, coalesce(d.approved, 0) >= lv.min_tasks AS earned
    FROM seed_cr cr JOIN seed_levels lv ON lv.rank = cr.rank LEFT JOIN done d ON d.cj = cr.j
  ), promos AS (
    SELECT cr.j, r AS to_rank, least(
        CASE WHEN cr.earned THEN ap.completed_s + 3600
             ELSE cr.signup_s + (${now} - 3600 - cr.signup_s) * (r - 1 + 0.5 * pg_temp.u(cr.j * 8 + r, 301)) / cr.rank END,
        ${now} - 60 * (cr.rank - r + 1)) AS at_s
    FROM cr
    CROSS JOIN LATERAL generate_series(2, cr.rank) AS r
    LEFT JOIN seed_levels lv ON lv.rank = r
    LEFT JOIN approvals ap ON cr.earned AND ap.cj = cr.j AND ap.n = lv.min_tasks
  ), last_promo AS (
    SELECT cr.j, cr.rank, coalesce(max(p.at_s), cr.signup_s) AS since
    FROM cr LEFT JOIN promos p ON p.j = cr.j GROUP BY cr.j, cr.rank, cr.signup_s
  ), stint AS (
    -- up one level at a, back down at b; only for creators settled for 30+ days
    SELECT j, rank, a, a + (${now} - a) * (0.2 + 0.5 * pg_temp.u(j, 303)) AS b
    FROM (SELECT lp.*, since + (${now} - since) * (0.3 + 0.3 * pg_temp.u(j, 302)) AS a FROM last_promo lp) x
    WHERE rank < 5 AND j > 0 AND ${now} - since > 30 * 86400 AND pg_temp.u(j, 304) < 0.1
  )
  SELECT j, 0 AS seq, NULL::int AS from_rank, 1 AS to_rank, signup_s AS at_s FROM seed_cr
  UNION ALL SELECT j, to_rank - 1, to_rank - 1, to_rank, at_s FROM promos
  UNION ALL SELECT j, 10, rank, rank + 1, a FROM stint
  UNION ALL SELECT j, 11, rank + 1, rank, b FROM stint`;
}

export function careerSteps(c: SeedConfig): Step[] {
  return [{ name: "level history", sql: [history(c)] }];
}
