-- Saved reports of the custom report builder (issue 12, US-7.9): the
-- schedule's zone, the file format (none = inline only), when to send, and
-- the next scheduled instant and last run status the saved reports list shows.
-- created_by is the report's owner (failure notices go to them).
ALTER TABLE "saved_reports"
    ADD COLUMN "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    ADD COLUMN "format" VARCHAR(10) NOT NULL DEFAULT 'csv',
    ADD COLUMN "send_condition" VARCHAR(20) NOT NULL DEFAULT 'always',
    ADD COLUMN "next_run_at" TIMESTAMPTZ(3),
    ADD COLUMN "last_run_status" VARCHAR(20);

ALTER TABLE "saved_reports" ADD CONSTRAINT "saved_reports_format_check" CHECK ("format" IN ('csv', 'xlsx', 'json', 'none'));
ALTER TABLE "saved_reports" ADD CONSTRAINT "saved_reports_send_condition_check" CHECK ("send_condition" IN ('always', 'if_rows', 'if_changed'));

-- the dispatcher's scan: scheduled reports due by next_run_at
CREATE INDEX "saved_reports_next_run_at_idx" ON "saved_reports" ("next_run_at") WHERE "is_scheduled";
CREATE INDEX "saved_reports_created_by_idx" ON "saved_reports" ("created_by");
