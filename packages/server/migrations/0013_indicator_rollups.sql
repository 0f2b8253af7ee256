CREATE TABLE "indicator_rollups" (
	"indicator_id" text NOT NULL,
	"region_code" char(6) NOT NULL,
	"month" char(7) NOT NULL,
	"numerator" double precision NOT NULL,
	"denominator" double precision,
	CONSTRAINT "indicator_rollups_indicator_id_region_code_month_pk" PRIMARY KEY("indicator_id","region_code","month")
);
--> statement-breakpoint
CREATE TABLE "rollup_dirty" (
	"region_code" char(6) NOT NULL,
	"month" char(7) NOT NULL,
	CONSTRAINT "rollup_dirty_region_code_month_pk" PRIMARY KEY("region_code","month")
);
--> statement-breakpoint
CREATE INDEX "indicator_rollups_month_idx" ON "indicator_rollups" USING btree ("indicator_id","month","region_code");--> statement-breakpoint
-- Hand-written: triggers that mark the (county, month) of every changed fact as dirty, so the
-- rollup refresh recomputes only those (and both the old and the new place of an updated row).
CREATE FUNCTION rollup_mark(region char(6), month text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_dirty (region_code, month) SELECT region, month WHERE region IS NOT NULL AND month IS NOT NULL ON CONFLICT DO NOTHING;
$$;--> statement-breakpoint
CREATE FUNCTION rollup_china_month(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char((t AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM');
$$;--> statement-breakpoint
CREATE FUNCTION rollup_dirty_referrals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark(OLD.region_code, rollup_china_month(OLD.submitted_at)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark(NEW.region_code, rollup_china_month(NEW.submitted_at)); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER referrals_rollup AFTER INSERT OR UPDATE OR DELETE ON referrals FOR EACH ROW EXECUTE FUNCTION rollup_dirty_referrals();--> statement-breakpoint
CREATE FUNCTION rollup_dirty_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = OLD.institution_id), to_char(OLD.date, 'YYYY-MM')); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = NEW.institution_id), to_char(NEW.date, 'YYYY-MM')); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER slots_rollup AFTER INSERT OR UPDATE OR DELETE ON slots FOR EACH ROW EXECUTE FUNCTION rollup_dirty_pool();--> statement-breakpoint
CREATE TRIGGER beds_rollup AFTER INSERT OR UPDATE OR DELETE ON beds FOR EACH ROW EXECUTE FUNCTION rollup_dirty_pool();--> statement-breakpoint
CREATE FUNCTION rollup_dirty_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark(OLD.region_code, rollup_china_month(OLD.starts_at)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark(NEW.region_code, rollup_china_month(NEW.starts_at)); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER telemedicine_rollup AFTER INSERT OR UPDATE OR DELETE ON telemedicine_sessions FOR EACH ROW EXECUTE FUNCTION rollup_dirty_sessions();--> statement-breakpoint
CREATE FUNCTION rollup_dirty_dated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_day date;
  new_day date;
BEGIN
  -- The date column differs per table: touring visits and trainings `date`, further study `start_date`, techniques `launched_on`.
  IF TG_OP <> 'INSERT' THEN
    old_day := CASE TG_TABLE_NAME WHEN 'further_study' THEN (to_jsonb(OLD) ->> 'start_date')::date WHEN 'techniques' THEN (to_jsonb(OLD) ->> 'launched_on')::date ELSE (to_jsonb(OLD) ->> 'date')::date END;
    PERFORM rollup_mark(OLD.region_code, to_char(old_day, 'YYYY-MM'));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_day := CASE TG_TABLE_NAME WHEN 'further_study' THEN (to_jsonb(NEW) ->> 'start_date')::date WHEN 'techniques' THEN (to_jsonb(NEW) ->> 'launched_on')::date ELSE (to_jsonb(NEW) ->> 'date')::date END;
    PERFORM rollup_mark(NEW.region_code, to_char(new_day, 'YYYY-MM'));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER touring_visits_rollup AFTER INSERT OR UPDATE OR DELETE ON touring_visits FOR EACH ROW EXECUTE FUNCTION rollup_dirty_dated();--> statement-breakpoint
CREATE TRIGGER trainings_rollup AFTER INSERT OR UPDATE OR DELETE ON trainings FOR EACH ROW EXECUTE FUNCTION rollup_dirty_dated();--> statement-breakpoint
CREATE TRIGGER further_study_rollup AFTER INSERT OR UPDATE OR DELETE ON further_study FOR EACH ROW EXECUTE FUNCTION rollup_dirty_dated();--> statement-breakpoint
CREATE TRIGGER techniques_rollup AFTER INSERT OR UPDATE OR DELETE ON techniques FOR EACH ROW EXECUTE FUNCTION rollup_dirty_dated();
