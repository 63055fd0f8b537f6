-- Each assignment's first submission instant (content_submissions.version = 1),
-- copied onto the assignment so a creator's work intervals (METRICS.md "work
-- interval": claimed_at → first submission) are read from one index instead of
-- one submissions probe per assignment (a 3-year earnings range of a busy
-- creator: ~6,000 probes). A trigger keeps it equal to the submission row
-- whoever writes it; the seed fills it directly (its bulk load runs with
-- session_replication_role = replica, where triggers do not fire).

-- AddColumn
ALTER TABLE "assignments" ADD COLUMN "first_submitted_at" TIMESTAMPTZ(3);

UPDATE "assignments" a SET "first_submitted_at" = s."submitted_at"
FROM "content_submissions" s
WHERE s."assignment_id" = a."id" AND s."version" = 1;

CREATE FUNCTION "assignments_sync_first_submission"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."version" = 1 THEN
    UPDATE "assignments" SET "first_submitted_at" = NULL
    WHERE "id" = OLD."assignment_id" AND "first_submitted_at" IS NOT NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."version" = 1 THEN
    UPDATE "assignments" SET "first_submitted_at" = NEW."submitted_at"
    WHERE "id" = NEW."assignment_id" AND "first_submitted_at" IS DISTINCT FROM NEW."submitted_at";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "content_submissions_first_submission"
AFTER INSERT OR UPDATE OR DELETE ON "content_submissions"
FOR EACH ROW EXECUTE FUNCTION "assignments_sync_first_submission"();

-- Covering version of the creator's assignments index (same name and key
-- columns as Prisma declares; INCLUDE is not expressible in the schema): the
-- work-hours sweep and the earnings reads need no heap visit once the
-- visibility map is set.
DROP INDEX "assignments_creator_id_completed_at_idx";
CREATE INDEX "assignments_creator_id_completed_at_idx" ON "assignments"("creator_id", "completed_at")
  INCLUDE ("status", "output_type_id", "claimed_at", "first_submitted_at");
