-- Every email the product sends, one row per recipient: the local outbox when
-- no provider is configured, and the delivery log when one is.
CREATE TABLE "outbox_emails" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "to_address" VARCHAR(320) NOT NULL,
    "subject" VARCHAR(300) NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    -- outbox (kept locally, no provider) | sent | failed
    "status" VARCHAR(20) NOT NULL,
    "provider" VARCHAR(20) NOT NULL,
    "provider_message_id" VARCHAR(200),
    "error" TEXT,
    -- [{filename, content_type, size}] (content is not kept)
    "attachments" JSONB,
    -- what sent it, e.g. 'report_run' + the run id, so a retry can find an earlier send
    "kind" VARCHAR(50),
    "ref" VARCHAR(100),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "outbox_emails_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "outbox_emails_created_at_idx" ON "outbox_emails" ("created_at" DESC);
CREATE INDEX "outbox_emails_kind_ref_idx" ON "outbox_emails" ("kind", "ref");
