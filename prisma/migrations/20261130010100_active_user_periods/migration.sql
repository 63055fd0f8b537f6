-- Distinct active users per UTC calendar period (lib/rollups/active-users.ts):
-- each user's first active day in each week (from Monday), month, quarter and
-- year, over the rolled-up days. The platform dashboard counts a period's
-- distinct active uploaders / creators up to a closed day as the period's
-- rows with first_day before it: one index range, not one probe per user.
CREATE TABLE "active_user_periods" (
    "kind" VARCHAR(10) NOT NULL,
    "grain" VARCHAR(10) NOT NULL,
    "period_start" DATE NOT NULL,
    "user_id" UUID NOT NULL,
    "first_day" DATE NOT NULL,

    -- covering: a period's count and a user's membership are read index-only
    CONSTRAINT "active_user_periods_pkey" PRIMARY KEY ("kind", "grain", "period_start", "user_id") INCLUDE ("first_day")
);

-- Existing databases: every rolled-up day (up to the last daily_metrics row),
-- with the same definitions as lib/rollups/active-users.ts.
INSERT INTO "active_user_periods" (kind, grain, period_start, user_id, first_day)
SELECT d.kind, g.grain, date_trunc(g.grain, d.day)::date, d.user_id, min(d.day)
FROM (
  SELECT DISTINCT kind, user_id, day FROM (
    SELECT 'uploader'::text AS kind, up.uploader_id AS user_id, (up.created_at AT TIME ZONE 'UTC')::date AS day
    FROM uploads up JOIN users u ON u.id = up.uploader_id AND u.role = 'uploader'
    UNION ALL
    SELECT 'creator', a.creator_id, (a.completed_at AT TIME ZONE 'UTC')::date
    FROM assignments a JOIN users u ON u.id = a.creator_id AND u.role = 'creator'
    WHERE a.status IN ('approved', 'rejected') AND a.completed_at IS NOT NULL
  ) x
  WHERE day <= (SELECT max("date") FROM daily_metrics)
) d
CROSS JOIN (VALUES ('week'), ('month'), ('quarter'), ('year')) g(grain)
GROUP BY 1, 2, 3, 4;
