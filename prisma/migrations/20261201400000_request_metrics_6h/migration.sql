-- Request metrics per 6-hour block (00:00, 06:00, 12:00, 18:00 UTC), written
-- by the same statement as the minute and hour rows (lib/health/recorder.ts).
-- The 7-day window's points are 6 hours wide: it reads one row per block,
-- route, method and status class instead of six hourly ones.
CREATE TABLE "request_metrics_6h" (
    "block" TIMESTAMPTZ(0) NOT NULL,
    "route" VARCHAR(300) NOT NULL,
    "method" VARCHAR(10) NOT NULL,
    "status_class" SMALLINT NOT NULL,
    "buckets" INTEGER[],
    "count" INTEGER NOT NULL,
    "sum_ms" DOUBLE PRECISION NOT NULL,
    "max_ms" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "request_metrics_6h_pkey" PRIMARY KEY ("block", "route", "method", "status_class")
);

-- The blocks of the hours already recorded: bucket arrays summed element by element.
WITH h AS (
  SELECT date_bin('6 hours', "hour", timestamptz '2000-01-01 00:00:00+00') AS block, route, method, status_class, buckets, count, sum_ms, max_ms
  FROM "request_metrics_hourly"),
sums AS (
  SELECT block, route, method, status_class, sum(count)::int AS count, sum(sum_ms) AS sum_ms, max(max_ms) AS max_ms
  FROM h GROUP BY 1, 2, 3, 4),
elems AS (
  SELECT block, route, method, status_class, u.i, sum(u.v)::int AS v
  FROM h, unnest(h.buckets) WITH ORDINALITY AS u(v, i) GROUP BY 1, 2, 3, 4, 5),
arrays AS (
  SELECT block, route, method, status_class, array_agg(v ORDER BY i) AS buckets
  FROM elems GROUP BY 1, 2, 3, 4)
INSERT INTO "request_metrics_6h" (block, route, method, status_class, buckets, count, sum_ms, max_ms)
SELECT s.block, s.route, s.method, s.status_class, a.buckets, s.count, s.sum_ms, s.max_ms
FROM sums s LEFT JOIN arrays a USING (block, route, method, status_class);
