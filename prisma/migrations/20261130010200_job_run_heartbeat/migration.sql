-- A run of the in-process driver writes heartbeat_at every 30 s while it runs
-- (lib/jobs/run-job.ts). A run still "running" without a heartbeat for 5
-- minutes belongs to a process that stopped (crash, kill, deploy): it is
-- marked failed (lib/jobs/runs.ts failStaleRuns), instead of staying
-- "running" forever and holding its cron slot.
ALTER TABLE "job_runs" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP;
