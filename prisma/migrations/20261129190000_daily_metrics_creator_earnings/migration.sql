-- Creator earnings per UTC day (METRICS.md "creator earnings": approved
-- assignments' creator_payout by completed_at), so the platform's accrued
-- margin (revenue − refunds − creator earnings) is additive over days like
-- revenue and payouts. Stored days are filled in here; new days come from
-- lib/rollups/metrics-sql.ts.
ALTER TABLE "daily_metrics" ADD COLUMN "total_creator_earnings" DECIMAL(12,2) DEFAULT 0;

UPDATE "daily_metrics" d
SET "total_creator_earnings" = COALESCE(e.earnings, 0)
FROM "daily_metrics" d2
LEFT JOIN (
    SELECT (completed_at AT TIME ZONE 'UTC')::date AS day, SUM(creator_payout) AS earnings
    FROM "assignments"
    WHERE status = 'approved' AND completed_at IS NOT NULL
    GROUP BY 1
) e ON e.day = d2."date"
WHERE d2.id = d.id;
