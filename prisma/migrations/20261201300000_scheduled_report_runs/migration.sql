-- Issue 12, scheduled reports through the run engine.
--
-- A saved report's run (scheduled slot, "Run now", "Send now") keeps what its
-- email needs from the rows the file was written from: the sha256 of the
-- main table's rows (if_changed compares it with the last sent slot's), its
-- first rows (the inline table) and the totals row (the key numbers).
ALTER TABLE "report_runs" ADD COLUMN "summary" JSONB;

-- One run per slot: a slot's run is created once, whichever dispatcher or
-- retry gets there (a second insert for the same slot cannot attach).
CREATE UNIQUE INDEX "report_schedule_slots_run_id_key" ON "report_schedule_slots"("run_id");

-- "Run now" ends its slot "completed" (the file written, nothing emailed).
ALTER TABLE "report_schedule_slots" DROP CONSTRAINT "report_schedule_slots_status_check";
ALTER TABLE "report_schedule_slots" ADD CONSTRAINT "report_schedule_slots_status_check"
    CHECK ("status" IN ('pending', 'running', 'sent', 'skipped', 'failed', 'missed', 'completed'));
