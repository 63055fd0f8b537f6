-- Event tracking (issue 11, specification §5): ingestion with immediate
-- de-duplication, anonymous → user linking, write keys, rate limits in the
-- database, rollups for the events page, and the forwarding outbox.

-- The browser's anonymous id (before sign-in); linked events get user_id later.
ALTER TABLE "analytics_events" ADD COLUMN "anonymous_id" VARCHAR(100);
-- Funnels read the events of one type in a range and who did them: the
-- (event_type, created_at) index now carries the actor's columns, so that is
-- an index-only scan instead of a heap fetch per event.
DROP INDEX "idx_analytics_events_type_date";
CREATE INDEX "idx_analytics_events_type_date" ON "analytics_events"("event_type", "created_at") INCLUDE ("user_id", "anonymous_id", "session_id");

-- The live tail reads the newest events of all types (and retention their range).
CREATE INDEX "idx_analytics_events_created_at" ON "analytics_events"("created_at");
CREATE INDEX "idx_analytics_events_anonymous" ON "analytics_events"("anonymous_id") WHERE "anonymous_id" IS NOT NULL AND "user_id" IS NULL;

-- One row per client event_id ever accepted (within the retention). The events
-- table's key is (id, created_at) and it is partitioned by month, so no index
-- on it can be unique on the id alone; this small unpartitioned table is, and
-- it is written in the same statement as the event: a retry of an event lands
-- here on the primary key whatever month its (corrected) time falls in.
CREATE TABLE "event_ids" (
    "event_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "event_ids_pkey" PRIMARY KEY ("event_id")
);

-- anonymous_id → the user who signed in with it.
CREATE TABLE "event_identities" (
    "anonymous_id" VARCHAR(100) NOT NULL,
    "user_id" UUID NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_identities_pkey" PRIMARY KEY ("anonymous_id")
);

-- Write keys for server-to-server senders, created by an admin; only the sha256 is kept.
CREATE TABLE "event_write_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(100) NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "event_write_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "event_write_keys_key_hash_key" ON "event_write_keys"("key_hash");

-- Fixed one-minute windows of requests per key or client address. Shared by
-- every app instance; unlogged (a crash forgets at most a minute of counts).
CREATE UNLOGGED TABLE "event_rate_limits" (
    "bucket" VARCHAR(120) NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "requests" INTEGER NOT NULL,
    CONSTRAINT "event_rate_limits_pkey" PRIMARY KEY ("bucket", "window_start")
);

-- Events per UTC day × type. Ingestion adds to the row of its connection's
-- shard (so parallel batches do not queue on one row); readers sum the shards.
CREATE TABLE "events_daily" (
    "day" DATE NOT NULL,
    "event_type" VARCHAR(50) NOT NULL,
    "shard" SMALLINT NOT NULL,
    "events" BIGINT NOT NULL,
    CONSTRAINT "events_daily_pkey" PRIMARY KEY ("day", "event_type", "shard")
);

-- Who was active each UTC day: a 64-bit hash of the actor (user, else anonymous id, else session).
CREATE TABLE "events_daily_actors" (
    "day" DATE NOT NULL,
    "actor" BIGINT NOT NULL,
    CONSTRAINT "events_daily_actors_pkey" PRIMARY KEY ("day", "actor")
);

-- The same per UTC month (first day of the month), so the unique users of a
-- long period read a row per actor and month, not per actor and day.
CREATE TABLE "events_monthly_actors" (
    "month" DATE NOT NULL,
    "actor" BIGINT NOT NULL,
    CONSTRAINT "events_monthly_actors_pkey" PRIMARY KEY ("month", "actor")
);

-- Page views per UTC day × page path (kind 'page') or referrer (kind 'referrer').
CREATE TABLE "events_daily_pages" (
    "day" DATE NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "value" VARCHAR(500) NOT NULL,
    "shard" SMALLINT NOT NULL,
    "views" BIGINT NOT NULL,
    CONSTRAINT "events_daily_pages_pkey" PRIMARY KEY ("day", "kind", "value", "shard")
);

-- Forwarding outbox: one row per (provider, event) written with the event,
-- deleted in the transaction that records the provider's 2xx.
CREATE TABLE "event_forward_queue" (
    "seq" BIGSERIAL NOT NULL,
    "provider" VARCHAR(20) NOT NULL,
    "event_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "enqueued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_forward_queue_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX "event_forward_queue_provider_seq_idx" ON "event_forward_queue"("provider", "seq");

-- Per provider: consecutive failures and when to try again (backoff).
CREATE TABLE "event_forward_state" (
    "provider" VARCHAR(20) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_forward_state_pkey" PRIMARY KEY ("provider")
);

-- Delivery log: one row per batch attempt.
CREATE TABLE "event_forward_log" (
    "id" BIGSERIAL NOT NULL,
    "provider" VARCHAR(20) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "events" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "first_seq" BIGINT,
    "last_seq" BIGINT,
    "attempt" INTEGER NOT NULL,
    "http_status" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_forward_log_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "event_forward_log_provider_created_at_idx" ON "event_forward_log"("provider", "created_at" DESC);
ALTER TABLE "event_forward_log" ADD CONSTRAINT "event_forward_log_status_check" CHECK ("status" IN ('sent', 'failed', 'retrying'));
