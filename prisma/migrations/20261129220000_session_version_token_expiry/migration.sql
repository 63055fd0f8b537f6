-- Security hardening (issue 14).

-- Sessions that end: every browser session JWT carries the user's
-- session_version from sign-in and stops working once it changes
-- (lib/auth/session-policy.ts). Sign-out bumps it in the app; a password
-- change or a suspension bumps it here, whichever code (or SQL) makes it.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "users_bump_session_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR (NEW.status = 'suspended' AND OLD.status IS DISTINCT FROM 'suspended') THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "users_bump_session_version"
  BEFORE UPDATE OF "password_hash", "status" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "users_bump_session_version"();

-- Tokens with an end: every token expires, personal ones within a year
-- (default 90 days, lib/auth/tokens.ts). Tokens made before this had none:
-- they get 90 days from now.
UPDATE "api_tokens" SET "expires_at" = now() + interval '90 days' WHERE "expires_at" IS NULL;
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_expiry_at_most_a_year"
  CHECK ("expires_at" <= "created_at" + interval '366 days');

-- The nightly purge deletes old sign-in attempts by age.
CREATE INDEX "auth_attempts_created_at_idx" ON "auth_attempts"("created_at");
