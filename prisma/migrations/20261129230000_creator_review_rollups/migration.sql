-- Rollups that replace the per-process caches of lib/analytics (issue 8, point 12).
-- Kept by the same jobs as daily_metrics (lib/rollups/creator-stats.ts): a
-- day's rows are rewritten in the same transaction as its daily_metrics row,
-- so "the day has a daily_metrics row" also means "its rows here are written".

-- One creator's approved work and reviews per 15-minute UTC slot and output
-- type. 15 minutes: every local midnight of every IANA zone falls on a slot
-- edge, so any period or chart bucket in a viewer's zone is a set of whole slots.
CREATE TABLE "creator_slot_stats" (
    "creator_id" UUID NOT NULL,
    "slot" TIMESTAMPTZ(3) NOT NULL,
    "output_type_id" UUID NOT NULL,
    "tasks" INTEGER NOT NULL DEFAULT 0,
    "earnings" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "on_time" INTEGER NOT NULL DEFAULT 0,
    "work_ms" BIGINT NOT NULL DEFAULT 0,
    "work_n" INTEGER NOT NULL DEFAULT 0,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "score_sum" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "first_approved" INTEGER NOT NULL DEFAULT 0,

    -- covering: a creator's slots are read index-only, not from pages all over the heap
    CONSTRAINT "creator_slot_stats_pkey" PRIMARY KEY ("creator_id", "slot", "output_type_id")
      INCLUDE ("tasks", "earnings", "on_time", "work_ms", "work_n", "reviews", "score_sum", "approved", "first_approved")
);
-- a day's rows are deleted and rewritten by slot range
CREATE INDEX "creator_slot_stats_slot_idx" ON "creator_slot_stats"("slot");

-- Each creator's running totals (everything up to the end of the UTC day)
-- on each day they had work or reviews: a period of any creator is two index
-- probes (the last row before each end), so the level averages read a few
-- rows per creator, however long the period.
CREATE TABLE "creator_running_totals" (
    "creator_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "tasks" INTEGER NOT NULL DEFAULT 0,
    "earnings" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "on_time" INTEGER NOT NULL DEFAULT 0,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "score_sum" BIGINT NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "first_approved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "creator_running_totals_pkey" PRIMARY KEY ("creator_id", "date")
      INCLUDE ("tasks", "earnings", "on_time", "reviews", "score_sum", "approved", "first_approved")
);
CREATE INDEX "creator_running_totals_date_idx" ON "creator_running_totals"("date");

-- Reviews per UTC day and output type (the quality page's counts).
CREATE TABLE "review_daily_stats" (
    "date" DATE NOT NULL,
    "output_type_id" UUID NOT NULL,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "score_sum" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "first_approved" INTEGER NOT NULL DEFAULT 0,
    "revisions" INTEGER NOT NULL DEFAULT 0,
    "rejections" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "review_daily_stats_pkey" PRIMARY KEY ("date", "output_type_id")
);

-- Every creator's totals over the rolled-up days (all of creator_slot_stats):
-- reviews of their assignments, approved assignments and their payout. The
-- day they run through is in rollup_state; later days are read live.
CREATE TABLE "creator_totals" (
    "creator_id" UUID NOT NULL,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "score_sum" BIGINT NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "earnings" DECIMAL(14,2) NOT NULL DEFAULT 0,

    CONSTRAINT "creator_totals_pkey" PRIMARY KEY ("creator_id")
);

-- Named markers of the rollups (one row each): creator_totals' last day.
CREATE TABLE "rollup_state" (
    "name" VARCHAR(50) NOT NULL,
    "through" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollup_state_pkey" PRIMARY KEY ("name")
);

-- The day's metrics SQL reads the reviewed submission's version through its
-- primary key one review at a time (a correlated subquery): this index lets it
-- read the version without the heap (index-only), at any hour of the day.
CREATE INDEX "content_submissions_id_version_idx" ON "content_submissions"("id") INCLUDE ("version");

-- Existing databases: the days that already have a daily_metrics row get
-- their rows here now (same definitions as lib/rollups/creator-stats.ts).
INSERT INTO "creator_slot_stats" (creator_id, slot, output_type_id, tasks, earnings, on_time, work_ms, work_n, reviews, score_sum, approved, first_approved)
SELECT creator_id, slot, output_type_id, sum(tasks), sum(earnings), sum(on_time), sum(work_ms), sum(work_n), sum(reviews), sum(score_sum), sum(approved), sum(first_approved)
FROM (
  SELECT a.creator_id, date_bin('15 minutes', a.completed_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS slot, a.output_type_id,
    1 AS tasks, a.creator_payout AS earnings, (COALESCE(s.submitted_at <= a.due_at, FALSE))::int AS on_time,
    COALESCE(round(extract(epoch FROM s.submitted_at - a.claimed_at) * 1000), 0)::bigint AS work_ms,
    (s.submitted_at - a.claimed_at IS NOT NULL)::int AS work_n,
    0 AS reviews, 0 AS score_sum, 0 AS approved, 0 AS first_approved
  FROM assignments a
  LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
  WHERE a.status = 'approved' AND a.creator_id IS NOT NULL AND (a.completed_at AT TIME ZONE 'UTC')::date IN (SELECT "date" FROM daily_metrics)
  UNION ALL
  SELECT a.creator_id, date_bin('15 minutes', r.completed_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'), a.output_type_id,
    0, 0, 0, 0, 0, 1, r.overall_score, (r.decision = 'approved')::int,
    (r.decision = 'approved' AND s.version = 1)::int
  FROM reviews r
  JOIN assignments a ON a.id = r.assignment_id
  JOIN content_submissions s ON s.id = r.submission_id
  WHERE a.creator_id IS NOT NULL AND (r.completed_at AT TIME ZONE 'UTC')::date IN (SELECT "date" FROM daily_metrics)
) x
GROUP BY creator_id, slot, output_type_id;

INSERT INTO "creator_running_totals" (creator_id, "date", tasks, earnings, on_time, reviews, score_sum, approved, first_approved)
SELECT creator_id, d, sum(tasks) OVER w, sum(earnings) OVER w, sum(on_time) OVER w, sum(reviews) OVER w, sum(score_sum) OVER w,
  sum(approved) OVER w, sum(first_approved) OVER w
FROM (
  SELECT creator_id, (slot AT TIME ZONE 'UTC')::date AS d, sum(tasks) AS tasks, sum(earnings) AS earnings, sum(on_time) AS on_time,
    sum(reviews) AS reviews, sum(score_sum) AS score_sum, sum(approved) AS approved, sum(first_approved) AS first_approved
  FROM creator_slot_stats GROUP BY 1, 2) x
WINDOW w AS (PARTITION BY creator_id ORDER BY d);

INSERT INTO "review_daily_stats" ("date", output_type_id, reviews, score_sum, approved, first_approved, revisions, rejections)
SELECT (r.completed_at AT TIME ZONE 'UTC')::date, a.output_type_id, count(*), sum(r.overall_score),
  count(*) FILTER (WHERE r.decision = 'approved'),
  count(*) FILTER (WHERE r.decision = 'approved' AND s.version = 1),
  count(*) FILTER (WHERE r.decision = 'revision_requested'),
  count(*) FILTER (WHERE r.decision = 'rejected')
FROM reviews r
JOIN assignments a ON a.id = r.assignment_id
JOIN content_submissions s ON s.id = r.submission_id
WHERE (r.completed_at AT TIME ZONE 'UTC')::date IN (SELECT "date" FROM daily_metrics)
GROUP BY 1, 2;

-- creator_totals: the closed days (before today) among them
INSERT INTO "rollup_state" ("name", "through")
SELECT 'creator_totals', max("date") FROM daily_metrics WHERE "date" < (now() AT TIME ZONE 'UTC')::date
HAVING max("date") IS NOT NULL;

INSERT INTO "creator_totals" (creator_id, reviews, score_sum, completed, earnings)
SELECT creator_id, sum(reviews), sum(score_sum), sum(tasks), sum(earnings) FROM creator_slot_stats
WHERE slot < (SELECT ("through" + 1)::timestamp AT TIME ZONE 'UTC' FROM rollup_state WHERE "name" = 'creator_totals')
GROUP BY creator_id;
