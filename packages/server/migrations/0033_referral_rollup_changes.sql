CREATE TABLE "referral_rollup_changes" (
	"sign" smallint NOT NULL,
	"region_code" char(6) NOT NULL,
	"submitted_month" char(7),
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"direction" text NOT NULL
);
--> statement-breakpoint
-- Hand-written: the referrals trigger also logs the changed row's old (−1) and new (+1) counted
-- columns, which a refresh folds into the counted indicators as deltas; the dirty mark stays for
-- the indicators still recomputed (the out-of-county rate reads the receiver). An update that
-- leaves every column a referral indicator reads as it was (a status, a note, the patient link —
-- 10,000,000 rows at a first start) neither logs nor marks: test/indicator-sources.test.ts checks
-- the list below against the columns the indicators' queries name.
CREATE OR REPLACE FUNCTION rollup_dirty_referrals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.region_code, OLD.submitted_at, OLD.accepted_at, OLD.direction, OLD.to_institution_id)
                         IS NOT DISTINCT FROM (NEW.region_code, NEW.submitted_at, NEW.accepted_at, NEW.direction, NEW.to_institution_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO referral_rollup_changes (sign, region_code, submitted_month, submitted_at, accepted_at, direction)
    VALUES (-1, OLD.region_code, OLD.submitted_month, OLD.submitted_at, OLD.accepted_at, OLD.direction);
    PERFORM rollup_mark(OLD.region_code, rollup_china_month(OLD.submitted_at), TG_TABLE_NAME);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO referral_rollup_changes (sign, region_code, submitted_month, submitted_at, accepted_at, direction)
    VALUES (1, NEW.region_code, NEW.submitted_month, NEW.submitted_at, NEW.accepted_at, NEW.direction);
    PERFORM rollup_mark(NEW.region_code, rollup_china_month(NEW.submitted_at), TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Marks a referral change left before this migration have no logged deltas: they are turned into
-- marks of everything (`*`), which recount the county-month's counted indicators from the facts.
INSERT INTO rollup_dirty (region_code, month, source)
SELECT region_code, month, '*' FROM rollup_dirty WHERE source = 'referrals'
ON CONFLICT DO NOTHING;
