-- Each review carries what every analytics read of it needs: its
-- assignment's creator and output type and its submission's version (copies,
-- kept equal to their source rows by triggers, whoever writes). The live part
-- of a day (today so far at 23:30: thousands of reviews) is then read from
-- one covering index, instead of one assignments probe and one submissions
-- probe per review: a creator's own reviews are one index range
-- (creator_id, completed_at), the quality counts and the level averages one
-- index-only scan of the day's reviews. The seed writes the copies directly
-- (its bulk load runs with session_replication_role = replica).
ALTER TABLE "reviews" ADD COLUMN "creator_id" UUID, ADD COLUMN "output_type_id" UUID, ADD COLUMN "submission_version" INTEGER;

UPDATE "reviews" r SET "creator_id" = a."creator_id", "output_type_id" = a."output_type_id", "submission_version" = s."version"
FROM "assignments" a, "content_submissions" s
WHERE a."id" = r."assignment_id" AND s."id" = r."submission_id";

-- a review's copies come from its rows, whatever the writer put in them
CREATE FUNCTION "reviews_copy_work"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT a."creator_id", a."output_type_id" INTO NEW."creator_id", NEW."output_type_id" FROM "assignments" a WHERE a."id" = NEW."assignment_id";
  SELECT s."version" INTO NEW."submission_version" FROM "content_submissions" s WHERE s."id" = NEW."submission_id";
  RETURN NEW;
END $$;

CREATE TRIGGER "reviews_copy_work"
BEFORE INSERT OR UPDATE OF "assignment_id", "submission_id", "creator_id", "output_type_id", "submission_version" ON "reviews"
FOR EACH ROW EXECUTE FUNCTION "reviews_copy_work"();

-- an assignment whose creator or output type changes takes its reviews' copies along
CREATE FUNCTION "assignments_sync_review_copies"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "reviews" SET "creator_id" = NEW."creator_id", "output_type_id" = NEW."output_type_id"
  WHERE "assignment_id" = NEW."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "assignments_sync_review_copies"
AFTER UPDATE OF "creator_id", "output_type_id" ON "assignments"
FOR EACH ROW WHEN (OLD."creator_id" IS DISTINCT FROM NEW."creator_id" OR OLD."output_type_id" IS DISTINCT FROM NEW."output_type_id")
EXECUTE FUNCTION "assignments_sync_review_copies"();

-- likewise a submission whose version changes
CREATE FUNCTION "content_submissions_sync_review_copies"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "reviews" SET "submission_version" = NEW."version" WHERE "submission_id" = NEW."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "content_submissions_sync_review_copies"
AFTER UPDATE OF "version" ON "content_submissions"
FOR EACH ROW WHEN (OLD."version" IS DISTINCT FROM NEW."version")
EXECUTE FUNCTION "content_submissions_sync_review_copies"();

-- Covering indexes: the day's reviews (quality, level averages, daily
-- metrics, rollups) and one creator's reviews (creator pages), index-only.
DROP INDEX "reviews_completed_at_idx";
CREATE INDEX "reviews_completed_at_idx" ON "reviews"("completed_at")
  INCLUDE ("creator_id", "output_type_id", "decision", "overall_score", "submission_version");
CREATE INDEX "reviews_creator_id_completed_at_idx" ON "reviews"("creator_id", "completed_at")
  INCLUDE ("output_type_id", "decision", "overall_score", "submission_version");

-- Only the per-review version probe used it (20261129230000_creator_review_rollups).
DROP INDEX "content_submissions_id_version_idx";

-- The creator's assignments index covers the live approved work too (due
-- date and payout beside the first submission): the creator pages read
-- today's approved work index-only.
DROP INDEX "assignments_creator_id_completed_at_idx";
CREATE INDEX "assignments_creator_id_completed_at_idx" ON "assignments"("creator_id", "completed_at")
  INCLUDE ("status", "output_type_id", "claimed_at", "first_submitted_at", "due_at", "creator_payout");

ANALYZE "reviews";
