-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('uploader', 'creator', 'admin');

-- CreateEnum
CREATE TYPE "user_status" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "upload_status" AS ENUM ('processing', 'in_progress', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "assignment_status" AS ENUM ('open', 'claimed', 'submitted', 'in_review', 'revision_requested', 'approved', 'rejected', 'cancelled');

-- CreateEnum
CREATE TYPE "review_decision" AS ENUM ('approved', 'revision_requested', 'rejected');

-- CreateEnum
CREATE TYPE "transaction_type" AS ENUM ('charge', 'refund');

-- CreateEnum
CREATE TYPE "transaction_status" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "payout_status" AS ENUM ('pending', 'processing', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "flag_source" AS ENUM ('auto', 'manual');

-- CreateEnum
CREATE TYPE "flag_status" AS ENUM ('pending', 'resolved');

-- CreateEnum
CREATE TYPE "flag_resolution" AS ENUM ('confirmed', 'false_positive');

-- CreateEnum
CREATE TYPE "token_kind" AS ENUM ('personal', 'session');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "role" "user_role" NOT NULL,
    "email" CITEXT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "status" "user_status" NOT NULL DEFAULT 'active',
    "suspended_at" TIMESTAMPTZ(3),
    "country" CHAR(2) NOT NULL DEFAULT 'US',
    "time_zone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "is_us_person" BOOLEAN NOT NULL DEFAULT false,
    "tin_last4" CHAR(4),
    "creator_level_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "creator_levels" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "rank" SMALLINT NOT NULL,
    "code" CHAR(1) NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "min_completed_tasks" INTEGER NOT NULL,
    "min_avg_rating" DECIMAL(3,2) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "creator_levels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "creator_level_history" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "creator_id" UUID NOT NULL,
    "from_level_id" UUID,
    "to_level_id" UUID NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "creator_level_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "output_types" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" VARCHAR(50) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "price" DECIMAL(12,2) NOT NULL,
    "creator_payout" DECIMAL(12,2) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "output_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "uploads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "uploader_id" UUID NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "status" "upload_status" NOT NULL DEFAULT 'processing',
    "file_size_bytes" BIGINT NOT NULL,
    "duration_seconds" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "upload_id" UUID NOT NULL,
    "output_type_id" UUID NOT NULL,
    "creator_id" UUID,
    "status" "assignment_status" NOT NULL DEFAULT 'open',
    "price" DECIMAL(12,2) NOT NULL,
    "creator_payout" DECIMAL(12,2) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "claimed_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_submissions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assignment_id" UUID NOT NULL,
    "creator_id" UUID NOT NULL,
    "version" SMALLINT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "content_submissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "submission_id" UUID NOT NULL,
    "assignment_id" UUID NOT NULL,
    "reviewer_id" UUID,
    "decision" "review_decision" NOT NULL,
    "overall_score" SMALLINT NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_transactions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "uploader_id" UUID NOT NULL,
    "upload_id" UUID,
    "type" "transaction_type" NOT NULL,
    "status" "transaction_status" NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "method" VARCHAR(30) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payouts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "creator_id" UUID NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "status" "payout_status" NOT NULL,
    "method" VARCHAR(30) NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fraud_flags" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "flag_type" VARCHAR(50) NOT NULL,
    "source" "flag_source" NOT NULL,
    "status" "flag_status" NOT NULL DEFAULT 'pending',
    "resolution" "flag_resolution",
    "resolved_by" UUID,
    "details" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "fraud_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "blocked_signups" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" CITEXT NOT NULL,
    "matched_user_id" UUID,
    "reason" VARCHAR(50) NOT NULL,
    "ip_address" INET,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "blocked_signups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "kind" "token_kind" NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" CITEXT NOT NULL,
    "ip" VARCHAR(64),
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_metrics" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "date" DATE NOT NULL,
    "total_revenue" DECIMAL(12,2) DEFAULT 0,
    "total_payouts" DECIMAL(12,2) DEFAULT 0,
    "total_refunds" DECIMAL(12,2) DEFAULT 0,
    "transaction_count" INTEGER DEFAULT 0,
    "new_uploaders" INTEGER DEFAULT 0,
    "new_creators" INTEGER DEFAULT 0,
    "active_uploaders" INTEGER DEFAULT 0,
    "active_creators" INTEGER DEFAULT 0,
    "uploads_count" INTEGER DEFAULT 0,
    "assignments_created" INTEGER DEFAULT 0,
    "assignments_completed" INTEGER DEFAULT 0,
    "assignments_rejected" INTEGER DEFAULT 0,
    "avg_rating" DECIMAL(3,2),
    "first_approval_rate" DECIMAL(5,2),
    "revision_rate" DECIMAL(5,2),
    "flags_created" INTEGER DEFAULT 0,
    "flags_resolved" INTEGER DEFAULT 0,
    "accounts_suspended" INTEGER DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_metrics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "creator_level_snapshots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "snapshot_date" DATE NOT NULL,
    "level_id" UUID,
    "creator_count" INTEGER NOT NULL,
    "avg_rating" DECIMAL(3,2),
    "total_completed" INTEGER,
    "created_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "creator_level_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_by" UUID,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT,
    "report_type" VARCHAR(50) NOT NULL,
    "config" JSONB NOT NULL,
    "is_scheduled" BOOLEAN DEFAULT false,
    "schedule_cron" VARCHAR(50),
    "recipients" TEXT[],
    "last_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "result_url" VARCHAR(500),
    "row_count" INTEGER,
    "file_size_bytes" BIGINT,
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable (partitioned by month, EPIC-07 §3.1)
CREATE TABLE "analytics_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID,
    "session_id" VARCHAR(100),
    "event_type" VARCHAR(50) NOT NULL,
    "event_data" JSONB,
    "page_url" VARCHAR(500),
    "referrer" VARCHAR(500),
    "user_agent" TEXT,
    "ip_address" INET,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_events_pkey" PRIMARY KEY ("id","created_at")
) PARTITION BY RANGE ("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_role_created_at_idx" ON "users"("role", "created_at");

-- CreateIndex
CREATE INDEX "users_suspended_at_idx" ON "users"("suspended_at");

-- CreateIndex
CREATE UNIQUE INDEX "creator_levels_rank_key" ON "creator_levels"("rank");

-- CreateIndex
CREATE UNIQUE INDEX "creator_levels_code_key" ON "creator_levels"("code");

-- CreateIndex
CREATE UNIQUE INDEX "creator_levels_name_key" ON "creator_levels"("name");

-- CreateIndex
CREATE INDEX "creator_level_history_creator_id_changed_at_idx" ON "creator_level_history"("creator_id", "changed_at");

-- CreateIndex
CREATE INDEX "creator_level_history_changed_at_idx" ON "creator_level_history"("changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "output_types_code_key" ON "output_types"("code");

-- CreateIndex
CREATE INDEX "uploads_uploader_id_created_at_idx" ON "uploads"("uploader_id", "created_at");

-- CreateIndex
CREATE INDEX "uploads_created_at_idx" ON "uploads"("created_at");

-- CreateIndex
CREATE INDEX "uploads_completed_at_idx" ON "uploads"("completed_at");

-- CreateIndex
CREATE INDEX "assignments_upload_id_idx" ON "assignments"("upload_id");

-- CreateIndex
CREATE INDEX "assignments_creator_id_completed_at_idx" ON "assignments"("creator_id", "completed_at");

-- CreateIndex
CREATE INDEX "assignments_completed_at_idx" ON "assignments"("completed_at");

-- CreateIndex
CREATE INDEX "assignments_created_at_idx" ON "assignments"("created_at");

-- CreateIndex
CREATE INDEX "assignments_status_idx" ON "assignments"("status");

-- CreateIndex
CREATE INDEX "content_submissions_submitted_at_idx" ON "content_submissions"("submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "content_submissions_assignment_id_version_key" ON "content_submissions"("assignment_id", "version");

-- CreateIndex
CREATE INDEX "reviews_completed_at_idx" ON "reviews"("completed_at");

-- CreateIndex
CREATE INDEX "reviews_assignment_id_idx" ON "reviews"("assignment_id");

-- CreateIndex
CREATE INDEX "reviews_submission_id_idx" ON "reviews"("submission_id");

-- CreateIndex
CREATE INDEX "payment_transactions_created_at_idx" ON "payment_transactions"("created_at");

-- CreateIndex
CREATE INDEX "payment_transactions_uploader_id_created_at_idx" ON "payment_transactions"("uploader_id", "created_at");

-- CreateIndex
CREATE INDEX "payment_transactions_upload_id_idx" ON "payment_transactions"("upload_id");

-- CreateIndex
CREATE INDEX "payouts_creator_id_requested_at_idx" ON "payouts"("creator_id", "requested_at");

-- CreateIndex
CREATE INDEX "payouts_completed_at_idx" ON "payouts"("completed_at");

-- CreateIndex
CREATE INDEX "payouts_requested_at_idx" ON "payouts"("requested_at");

-- CreateIndex
CREATE INDEX "fraud_flags_created_at_idx" ON "fraud_flags"("created_at");

-- CreateIndex
CREATE INDEX "fraud_flags_resolved_at_idx" ON "fraud_flags"("resolved_at");

-- CreateIndex
CREATE INDEX "fraud_flags_status_created_at_idx" ON "fraud_flags"("status", "created_at");

-- CreateIndex
CREATE INDEX "fraud_flags_user_id_idx" ON "fraud_flags"("user_id");

-- CreateIndex
CREATE INDEX "blocked_signups_created_at_idx" ON "blocked_signups"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_kind_idx" ON "api_tokens"("user_id", "kind");

-- CreateIndex
CREATE INDEX "auth_attempts_email_created_at_idx" ON "auth_attempts"("email", "created_at");

-- CreateIndex
CREATE INDEX "auth_attempts_ip_created_at_idx" ON "auth_attempts"("ip", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "daily_metrics_date_key" ON "daily_metrics"("date");

-- CreateIndex
CREATE INDEX "idx_daily_metrics_date" ON "daily_metrics"("date" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "creator_level_snapshots_snapshot_date_level_id_key" ON "creator_level_snapshots"("snapshot_date", "level_id");

-- CreateIndex
CREATE INDEX "idx_analytics_events_type_date" ON "analytics_events"("event_type", "created_at");

-- CreateIndex
CREATE INDEX "idx_analytics_events_user" ON "analytics_events"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_creator_level_id_fkey" FOREIGN KEY ("creator_level_id") REFERENCES "creator_levels"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "creator_level_history" ADD CONSTRAINT "creator_level_history_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "creator_level_history" ADD CONSTRAINT "creator_level_history_from_level_id_fkey" FOREIGN KEY ("from_level_id") REFERENCES "creator_levels"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "creator_level_history" ADD CONSTRAINT "creator_level_history_to_level_id_fkey" FOREIGN KEY ("to_level_id") REFERENCES "creator_levels"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_output_type_id_fkey" FOREIGN KEY ("output_type_id") REFERENCES "output_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_submissions" ADD CONSTRAINT "content_submissions_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_submissions" ADD CONSTRAINT "content_submissions_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "content_submissions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fraud_flags" ADD CONSTRAINT "fraud_flags_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fraud_flags" ADD CONSTRAINT "fraud_flags_resolved_by_fkey" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocked_signups" ADD CONSTRAINT "blocked_signups_matched_user_id_fkey" FOREIGN KEY ("matched_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "creator_level_snapshots" ADD CONSTRAINT "creator_level_snapshots_level_id_fkey" FOREIGN KEY ("level_id") REFERENCES "creator_levels"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_reports" ADD CONSTRAINT "saved_reports_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "saved_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: constraints Prisma's schema language cannot express.
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_overall_score_check" CHECK ("overall_score" BETWEEN 1 AND 5);
ALTER TABLE "report_runs" ADD CONSTRAINT "valid_status" CHECK ("status" IN ('pending', 'processing', 'completed', 'failed'));
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_amount_check" CHECK ("amount" >= 0);
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_amount_check" CHECK ("amount" >= 0);

-- Hand-written: monthly partitions of analytics_events. A default partition
-- catches anything outside the created months; ensure_analytics_event_partitions
-- adds months ahead (the seed and the nightly job call it).
CREATE TABLE "analytics_events_default" PARTITION OF "analytics_events" DEFAULT;

CREATE FUNCTION ensure_analytics_event_partitions(from_month DATE, to_month DATE) RETURNS INTEGER AS $$
DECLARE
    m DATE := date_trunc('month', from_month)::date;
    created INTEGER := 0;
    part TEXT;
BEGIN
    WHILE m <= to_month LOOP
        part := format('analytics_events_%s', to_char(m, 'YYYY_MM'));
        IF to_regclass(part) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF analytics_events FOR VALUES FROM (%L) TO (%L)',
                part, m::timestamp AT TIME ZONE 'UTC', (m + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        m := (m + INTERVAL '1 month')::date;
    END LOOP;
    RETURN created;
END;
$$ LANGUAGE plpgsql;

SELECT ensure_analytics_event_partitions(DATE '2025-01-01', DATE '2027-12-01');
