-- creator_slot_stats.work_ms / work_n were never read: hours worked come from
-- the work-interval sweep (lib/analytics/work-hours.ts, METRICS.md "Work"),
-- not from a sum of claim → submission times. Dropping a column that the
-- primary key INCLUDEs would drop the key with it, so the key is rebuilt
-- without them (same name, same key columns, same covering columns otherwise).
ALTER TABLE "creator_slot_stats" DROP CONSTRAINT "creator_slot_stats_pkey";
ALTER TABLE "creator_slot_stats" DROP COLUMN "work_ms", DROP COLUMN "work_n";
ALTER TABLE "creator_slot_stats" ADD CONSTRAINT "creator_slot_stats_pkey" PRIMARY KEY ("creator_id", "slot", "output_type_id")
  INCLUDE ("tasks", "earnings", "on_time", "reviews", "score_sum", "approved", "first_approved");
