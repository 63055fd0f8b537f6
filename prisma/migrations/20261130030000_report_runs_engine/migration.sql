-- Report runs and exports as background runs (issue 9): what was asked, by
-- whom, how far it got, where the file is, and the heartbeat the reaper
-- watches. Existing columns are kept; a run of a saved report keeps report_id.
ALTER TABLE "report_runs"
    -- 'report' (financial report) | 'export' (entity export)
    ADD COLUMN "kind" VARCHAR(10) NOT NULL DEFAULT 'report',
    ADD COLUMN "report_type" VARCHAR(40),
    ADD COLUMN "entity" VARCHAR(20),
    -- the validated request (dates, filters, zone, group_by)
    ADD COLUMN "parameters" JSONB NOT NULL DEFAULT '{}',
    ADD COLUMN "format" VARCHAR(10),
    ADD COLUMN "progress" SMALLINT NOT NULL DEFAULT 0,
    ADD COLUMN "requested_by" UUID,
    ADD COLUMN "notify" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "estimated_rows" BIGINT,
    -- the storage key (same key on every attempt, so a retry never leaves a second file)
    ADD COLUMN "file_key" VARCHAR(500),
    ADD COLUMN "file_name" VARCHAR(200),
    ADD COLUMN "sha256" CHAR(64),
    ADD COLUMN "expires_at" TIMESTAMPTZ(3),
    ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3),
    -- attempts started; a worker only writes while the row still carries its attempt
    ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    -- the "ready" email: null (not sent / not asked) | outbox | sent | failed
    ADD COLUMN "email_status" VARCHAR(20),
    ADD COLUMN "email_error" TEXT,
    -- the app's origin when it was requested, for the emailed link (a background worker has no request)
    ADD COLUMN "link_origin" VARCHAR(200),
    -- set when the file was deleted after expiry
    ADD COLUMN "file_deleted_at" TIMESTAMPTZ(3);

ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_requested_by_fkey" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_kind_check" CHECK ("kind" IN ('report', 'export'));
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_format_check" CHECK ("format" IS NULL OR "format" IN ('csv', 'xlsx', 'json', 'ndjson'));
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_progress_check" CHECK ("progress" BETWEEN 0 AND 100);

-- The runs list (newest first, by kind and status).
CREATE INDEX "report_runs_kind_created_at_idx" ON "report_runs" ("kind", "created_at" DESC);
-- The reaper (processing runs by heartbeat) and the queue depth.
CREATE INDEX "report_runs_active_heartbeat_idx" ON "report_runs" ("heartbeat_at") WHERE "status" IN ('pending', 'processing');
-- The nightly clean-up of expired files.
CREATE INDEX "report_runs_expires_at_idx" ON "report_runs" ("expires_at") WHERE "file_key" IS NOT NULL AND "file_deleted_at" IS NULL;
