-- The event intake now counts its requests with the API's limiter
-- (lib/http/rate-limit.ts, table api_rate_limits, buckets "events-ip:…" and
-- "events-key:…"); the events' own table is no longer read or written.
-- Unlogged counts of the last minutes only: nothing of value is lost.
DROP TABLE "event_rate_limits";
