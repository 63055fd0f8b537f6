// The admin's real-time activity feed: the latest marketplace events, newest
// first, read straight from the ledger tables (no rollup: it must be live).
//
// Events and the timestamp that dates them:
//   task_claimed      assignments.claimed_at
//   payment_received  payment_transactions.created_at (succeeded charges)
//   new_signup        users.created_at
//   review_submitted  reviews.completed_at
//   upload_completed  uploads.completed_at (status 'completed': every output delivered)
// Each source takes its own newest `limit` rows through its timestamp index
// (ORDER BY ts DESC LIMIT n) before any join, so names are looked up for at
// most 5 × limit rows.
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { withArticle } from "@/lib/format";
import { tsParam } from "@/lib/rollups";
import { clockNow } from "@/lib/clock";

export const ACTIVITY_TYPES = ["task_claimed", "payment_received", "new_signup", "review_submitted", "upload_completed"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export type ActivityEvent = { id: string; type: ActivityType; description: string; timestamp: string };

const iso = (col: string) => Prisma.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The newest `limit` events at or before `now`, newest first (ties: type, id). */
export async function recentActivity(db: Db, opts: { limit?: number; now?: Date } = {}): Promise<ActivityEvent[]> {
  const n = Math.min(Math.max(Math.trunc(opts.limit ?? 15), 1), 50);
  const now = tsParam(opts.now ?? clockNow());
  const rows = await db.$queryRaw<(ActivityEvent & { claimed_type: string | null })[]>(Prisma.sql`
WITH
  claimed AS (
    SELECT id, creator_id, output_type_id, claimed_at FROM assignments
    WHERE claimed_at <= ${now}::timestamptz ORDER BY claimed_at DESC LIMIT ${n}),
  paid AS (
    SELECT id, uploader_id, amount, method, created_at FROM payment_transactions
    WHERE type = 'charge' AND status = 'succeeded' AND created_at <= ${now}::timestamptz
    ORDER BY created_at DESC LIMIT ${n}),
  -- one index range per role on (role, created_at)
  joined AS (
    (SELECT id, role, name, created_at FROM users
     WHERE role = 'uploader' AND created_at <= ${now}::timestamptz ORDER BY created_at DESC LIMIT ${n})
    UNION ALL
    (SELECT id, role, name, created_at FROM users
     WHERE role = 'creator' AND created_at <= ${now}::timestamptz ORDER BY created_at DESC LIMIT ${n})
    UNION ALL
    (SELECT id, role, name, created_at FROM users
     WHERE role = 'admin' AND created_at <= ${now}::timestamptz ORDER BY created_at DESC LIMIT ${n})),
  reviewed AS (
    SELECT id, assignment_id, decision, overall_score, completed_at FROM reviews
    WHERE completed_at <= ${now}::timestamptz ORDER BY completed_at DESC LIMIT ${n}),
  finished AS (
    SELECT id, uploader_id, title, completed_at FROM uploads
    WHERE status = 'completed' AND completed_at <= ${now}::timestamptz ORDER BY completed_at DESC LIMIT ${n}),
  events AS (
    SELECT 'task_claimed' AS type, c.id, c.claimed_at AS ts,
           -- the article ("a"/"an") is added in TS: withArticle() in lib/format.ts
           format('%s claimed %s task', coalesce(u.name, 'A creator'), ot.name) AS description, ot.name AS claimed_type
    FROM claimed c LEFT JOIN users u ON u.id = c.creator_id JOIN output_types ot ON ot.id = c.output_type_id
    UNION ALL
    SELECT 'payment_received', p.id, p.created_at,
           format('Payment of $%s received from %s (%s)', to_char(p.amount, 'FM999,999,990.00'), u.name, replace(p.method, '_', ' ')), NULL
    FROM paid p JOIN users u ON u.id = p.uploader_id
    UNION ALL
    SELECT 'new_signup', j.id, j.created_at, format('New %s signed up: %s', j.role, j.name), NULL
    FROM joined j
    UNION ALL
    SELECT 'review_submitted', r.id, r.completed_at,
           format('%s review (%s/5) of %s''s %s',
                  CASE r.decision WHEN 'approved' THEN 'Approval' WHEN 'rejected' THEN 'Rejection' ELSE 'Revision request' END,
                  r.overall_score, coalesce(u.name, 'a creator'), ot.name), NULL
    FROM reviewed r JOIN assignments a ON a.id = r.assignment_id
    JOIN output_types ot ON ot.id = a.output_type_id LEFT JOIN users u ON u.id = a.creator_id
    UNION ALL
    SELECT 'upload_completed', f.id, f.completed_at, format('Upload “%s” by %s completed: every output delivered', f.title, u.name), NULL
    FROM finished f JOIN users u ON u.id = f.uploader_id)
SELECT e.type || ':' || e.id::text AS id, e.type, e.description, e.claimed_type, ${iso("e.ts")} AS "timestamp"
FROM events e
ORDER BY e.ts DESC, e.type, e.id
LIMIT ${n}`);
  return rows.map(({ claimed_type, ...e }) =>
    claimed_type == null ? e : { ...e, description: e.description.replace(` ${claimed_type} task`, ` ${withArticle(claimed_type)} task`) });
}
