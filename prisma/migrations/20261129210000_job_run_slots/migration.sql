-- AlterTable
ALTER TABLE "job_runs" ADD COLUMN "scheduled_for" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_scheduled_for_key" ON "job_runs"("job", "scheduled_for");
