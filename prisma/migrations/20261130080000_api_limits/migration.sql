-- Issue 13, safe retries and limits.
--
-- Idempotency keys: one row per (user, key). The first request inserts the row
-- (status NULL = in progress) before doing the work, so a concurrent request
-- with the same key finds it and does not run twice; the finished answer is
-- stored for replays for 24 h (expires_at), then purged nightly. The key is
-- stored hashed and the answer encrypted with a key derived from it (an
-- answer may hold a secret, e.g. a new API token): reading the table does not
-- give it away, only a client that knows the key can have it replayed.
CREATE TABLE "idempotency_keys" (
    "user_id" UUID NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key_hash"),
    CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
);
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

-- API request counts per bucket (token, user or address) and fixed window,
-- shared by every app instance. Unlogged: losing counts in a crash only
-- forgives a window, and it keeps the per-request upsert cheap.
CREATE UNLOGGED TABLE "api_rate_limits" (
    "bucket" VARCHAR(120) NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "requests" INTEGER NOT NULL,
    CONSTRAINT "api_rate_limits_pkey" PRIMARY KEY ("bucket", "window_start")
);
