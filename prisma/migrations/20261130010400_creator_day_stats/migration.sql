-- creator_slot_stats summed per UTC day (lib/rollups/creator-stats.ts): the
-- creator pages read whole days that hold no window edge from here (one row
-- per day and output type instead of one per 15-minute slot), and the
-- 15-minute slots only for the days a window edge cuts (a viewer's local
-- midnight off UTC, a split "same elapsed point").
CREATE TABLE "creator_day_stats" (
    "creator_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "output_type_id" UUID NOT NULL,
    "tasks" INTEGER NOT NULL DEFAULT 0,
    "earnings" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "on_time" INTEGER NOT NULL DEFAULT 0,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "score_sum" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "first_approved" INTEGER NOT NULL DEFAULT 0,

    -- covering: a creator's days are read index-only
    CONSTRAINT "creator_day_stats_pkey" PRIMARY KEY ("creator_id", "date", "output_type_id")
      INCLUDE ("tasks", "earnings", "on_time", "reviews", "score_sum", "approved", "first_approved")
);
-- a day's rows are deleted and rewritten by date
CREATE INDEX "creator_day_stats_date_idx" ON "creator_day_stats"("date");

INSERT INTO "creator_day_stats" (creator_id, "date", output_type_id, tasks, earnings, on_time, reviews, score_sum, approved, first_approved)
SELECT creator_id, (slot AT TIME ZONE 'UTC')::date, output_type_id, sum(tasks), sum(earnings), sum(on_time), sum(reviews), sum(score_sum),
  sum(approved), sum(first_approved)
FROM creator_slot_stats
GROUP BY 1, 2, 3;
