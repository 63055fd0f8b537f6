-- System health (issue 10, US-7.11): request histograms, external service
-- probes, alert rules and their history.

-- One row per minute × route template × method × status class: counts per
-- fixed log-spaced latency bucket (lib/health/histogram.ts), plus count, sum
-- and max. Instances add into the same row, so percentiles merge exactly.
-- Buckets are stored up to the last non-empty one (a missing tail is zeros).
-- (Arrays are nullable, as Prisma creates scalar lists; the app always writes them.)
CREATE TABLE "request_metrics" (
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "route" VARCHAR(300) NOT NULL,
    "method" VARCHAR(10) NOT NULL,
    -- 1..5 for 1xx..5xx
    "status_class" SMALLINT NOT NULL,
    "buckets" INTEGER[],
    "count" INTEGER NOT NULL,
    "sum_ms" DOUBLE PRECISION NOT NULL,
    "max_ms" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "request_metrics_pkey" PRIMARY KEY ("minute", "route", "method", "status_class")
);

-- The same, per hour: written by the same statement, read for the 24 h and 7 day windows.
CREATE TABLE "request_metrics_hourly" (
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "route" VARCHAR(300) NOT NULL,
    "method" VARCHAR(10) NOT NULL,
    "status_class" SMALLINT NOT NULL,
    "buckets" INTEGER[],
    "count" INTEGER NOT NULL,
    "sum_ms" DOUBLE PRECISION NOT NULL,
    "max_ms" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "request_metrics_hourly_pkey" PRIMARY KEY ("hour", "route", "method", "status_class")
);

-- Periodic probes of external services' health URLs (lib/health/external.ts).
CREATE TABLE "external_checks" (
    "id" BIGSERIAL NOT NULL,
    "service" VARCHAR(50) NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "ok" BOOLEAN NOT NULL,
    "latency_ms" DOUBLE PRECISION,
    "status_code" INTEGER,
    "error" TEXT,
    CONSTRAINT "external_checks_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "external_checks_service_checked_at_idx" ON "external_checks" ("service", "checked_at" DESC);

CREATE TABLE "alert_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(200) NOT NULL,
    "metric" VARCHAR(40) NOT NULL,
    "route" VARCHAR(300),
    "queue" VARCHAR(50),
    "service" VARCHAR(50),
    "window_minutes" INTEGER NOT NULL,
    "comparator" VARCHAR(3) NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "pending_minutes" INTEGER NOT NULL DEFAULT 0,
    "keep_firing_minutes" INTEGER NOT NULL DEFAULT 0,
    "min_samples" INTEGER NOT NULL DEFAULT 1,
    -- ok | keep | alerting
    "no_data" VARCHAR(10) NOT NULL DEFAULT 'ok',
    "severity" VARCHAR(10) NOT NULL DEFAULT 'warning',
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "webhook_url" VARCHAR(500),
    "silenced_until" TIMESTAMPTZ(3),
    "cooldown_minutes" INTEGER NOT NULL DEFAULT 0,
    -- normal | pending | firing | recovering | no_data | error
    "state" VARCHAR(12) NOT NULL DEFAULT 'normal',
    "state_since" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "last_value" DOUBLE PRECISION,
    "last_samples" INTEGER,
    "last_error" TEXT,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "last_fired_notice_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- Every state change of a rule, with the value seen and what was sent.
CREATE TABLE "alert_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "rule_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "from_state" VARCHAR(12) NOT NULL,
    "to_state" VARCHAR(12) NOT NULL,
    "value" DOUBLE PRECISION,
    "samples" INTEGER,
    "message" TEXT,
    -- firing | resolved | null (no notification for this transition)
    "notification" VARCHAR(10),
    -- sent | cooldown | silenced | failed | null
    "delivery" VARCHAR(10),
    "emails" INTEGER NOT NULL DEFAULT 0,
    "webhook_status" VARCHAR(100),
    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_events_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE
);
CREATE INDEX "alert_events_rule_id_at_idx" ON "alert_events" ("rule_id", "at" DESC);

-- Slowest statements for the database panel. Needs the library preloaded
-- (the embedded and test servers do: lib/db/embedded.ts); elsewhere it is
-- created when available and permitted, and the panel says when it is not.
-- In a schema of its own, so its views do not mix with the app's tables.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') THEN
    CREATE SCHEMA IF NOT EXISTS extensions;
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA extensions;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_stat_statements not created: %', SQLERRM;
END $$;
