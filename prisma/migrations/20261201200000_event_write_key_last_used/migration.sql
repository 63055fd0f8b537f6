-- Issue 13, Segment-compatible intake: when a write key was last used (shown
-- on /admin/events/keys and in GET /api/v1/admin/event-keys; written at most
-- once a minute per key, so ingestion does not update the row on every batch).
ALTER TABLE "event_write_keys" ADD COLUMN "last_used_at" TIMESTAMPTZ(3);
