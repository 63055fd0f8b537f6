-- Scheduled deliveries of saved reports (issue 12): one row per (saved report,
-- scheduled instant) — the unique key makes a second dispatcher, a retry or a
-- restart unable to run a slot twice — and one delivery row per recipient
-- (sent, failed with the provider's error, skipped), the delivery log.
CREATE TABLE "report_schedule_slots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    -- schedule: a cron instant; send_now / run_now: a manual request (scheduled_for = when it was made)
    "trigger" VARCHAR(20) NOT NULL DEFAULT 'schedule',
    "requested_by" UUID,
    "reason" TEXT,
    "run_id" UUID,
    "rows_hash" CHAR(64),
    "row_count" INTEGER,
    "period_start" DATE,
    "period_end" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_schedule_slots_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "report_schedule_slots_status_check" CHECK ("status" IN ('pending', 'running', 'sent', 'skipped', 'failed', 'missed'))
);
CREATE UNIQUE INDEX "report_schedule_slots_report_id_scheduled_for_key" ON "report_schedule_slots" ("report_id", "scheduled_for");
CREATE INDEX "report_schedule_slots_status_idx" ON "report_schedule_slots" ("status", "created_at");
ALTER TABLE "report_schedule_slots" ADD CONSTRAINT "report_schedule_slots_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "saved_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "report_schedule_slots" ADD CONSTRAINT "report_schedule_slots_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "report_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "report_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slot_id" UUID NOT NULL,
    "recipient" VARCHAR(320) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "outbox_email_id" UUID,
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "report_deliveries_status_check" CHECK ("status" IN ('pending', 'sent', 'failed', 'skipped'))
);
CREATE UNIQUE INDEX "report_deliveries_slot_id_recipient_key" ON "report_deliveries" ("slot_id", "recipient");
CREATE INDEX "report_deliveries_retry_idx" ON "report_deliveries" ("next_attempt_at") WHERE "status" = 'pending';
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "report_schedule_slots"("id") ON DELETE CASCADE ON UPDATE CASCADE;
