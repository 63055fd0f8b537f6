-- CreateTable
CREATE TABLE "job_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "job" VARCHAR(100) NOT NULL,
    "driver" VARCHAR(20) NOT NULL,
    "trigger" VARCHAR(20) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "input" JSONB,
    "output" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_drift" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "job_run_id" UUID,
    "date" DATE NOT NULL,
    "column_name" VARCHAR(50) NOT NULL,
    "stored" TEXT,
    "recomputed" TEXT,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metric_drift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_runs_job_started_at_idx" ON "job_runs"("job", "started_at" DESC);

-- CreateIndex
CREATE INDEX "job_runs_status_idx" ON "job_runs"("status");

-- CreateIndex
CREATE INDEX "metric_drift_detected_at_idx" ON "metric_drift"("detected_at" DESC);

-- CreateIndex
CREATE INDEX "metric_drift_date_idx" ON "metric_drift"("date");

-- AddForeignKey
ALTER TABLE "metric_drift" ADD CONSTRAINT "metric_drift_job_run_id_fkey" FOREIGN KEY ("job_run_id") REFERENCES "job_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the statuses a run can have.
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_status_check" CHECK ("status" IN ('running', 'completed', 'failed'));
