-- Hand-written: each dirty (county, month) also names the table whose change made it dirty, so a
-- refresh recomputes only the indicators that read that table (10,000 new referrals no longer
-- recount the hypertension register). The two-argument markers stay and mean "everything".
ALTER TABLE "rollup_dirty" DROP CONSTRAINT "rollup_dirty_region_code_month_pk";--> statement-breakpoint
ALTER TABLE "rollup_dirty" ADD COLUMN "source" text DEFAULT '*' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_dirty" ADD CONSTRAINT "rollup_dirty_region_code_month_source_pk" PRIMARY KEY("region_code","month","source");--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark(region char(6), month text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_dirty (region_code, month, source) SELECT region, month, '*' WHERE region IS NOT NULL AND month IS NOT NULL ON CONFLICT DO NOTHING;
$$;--> statement-breakpoint
CREATE FUNCTION rollup_mark(region char(6), month text, source text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_dirty (region_code, month, source) SELECT region, month, source WHERE region IS NOT NULL AND month IS NOT NULL ON CONFLICT DO NOTHING;
$$;--> statement-breakpoint
CREATE FUNCTION rollup_mark_range(region char(6), first_day date, last_day date, source text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_dirty (region_code, month, source)
  SELECT region, to_char(m, 'YYYY-MM'), source FROM generate_series(date_trunc('month', first_day), date_trunc('month', last_day), interval '1 month') m
  WHERE region IS NOT NULL AND first_day IS NOT NULL AND last_day IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_range(region char(6), first_day date, last_day date) RETURNS void LANGUAGE sql AS $$
  SELECT rollup_mark_range(region, first_day, last_day, '*');
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_referrals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark(OLD.region_code, rollup_china_month(OLD.submitted_at), TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark(NEW.region_code, rollup_china_month(NEW.submitted_at), TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = OLD.institution_id), to_char(OLD.date, 'YYYY-MM'), TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = NEW.institution_id), to_char(NEW.date, 'YYYY-MM'), TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark(OLD.region_code, rollup_china_month(OLD.starts_at), TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark(NEW.region_code, rollup_china_month(NEW.starts_at), TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_dated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_day date;
  new_day date;
BEGIN
  -- The date column differs per table: touring visits and trainings `date`, further study `start_date`, techniques `launched_on`.
  IF TG_OP <> 'INSERT' THEN
    old_day := CASE TG_TABLE_NAME WHEN 'further_study' THEN (to_jsonb(OLD) ->> 'start_date')::date WHEN 'techniques' THEN (to_jsonb(OLD) ->> 'launched_on')::date ELSE (to_jsonb(OLD) ->> 'date')::date END;
    PERFORM rollup_mark(OLD.region_code, to_char(old_day, 'YYYY-MM'), TG_TABLE_NAME);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_day := CASE TG_TABLE_NAME WHEN 'further_study' THEN (to_jsonb(NEW) ->> 'start_date')::date WHEN 'techniques' THEN (to_jsonb(NEW) ->> 'launched_on')::date ELSE (to_jsonb(NEW) ->> 'date')::date END;
    PERFORM rollup_mark(NEW.region_code, to_char(new_day, 'YYYY-MM'), TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_visit_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark(OLD.region_code, OLD.month, TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark(NEW.region_code, NEW.month, TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_dispatches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_mark_range((SELECT region_code FROM institutions WHERE id = OLD.recipient_id), coalesce(OLD.actual_start, OLD.planned_start), coalesce(OLD.actual_end, OLD.planned_end), TG_TABLE_NAME);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_mark_range((SELECT region_code FROM institutions WHERE id = NEW.recipient_id), coalesce(NEW.actual_start, NEW.planned_start), coalesce(NEW.actual_end, NEW.planned_end), TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = OLD.institution_id), OLD.year || '-12', TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = NEW.institution_id), NEW.year || '-12', TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_compliance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range(OLD.region_code, make_date(OLD.year, 1, 1), make_date(OLD.year, 12, 31), TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range(NEW.region_code, make_date(NEW.year, 1, 1), make_date(NEW.year, 12, 31), TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_chronic_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = OLD.patient_id), OLD.visit_on, (OLD.visit_on + interval '3 months')::date, TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = NEW.patient_id), NEW.visit_on, (NEW.visit_on + interval '3 months')::date, TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_dirty_chronic_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range(OLD.region_code, OLD.enrolled_on, (now() AT TIME ZONE 'Asia/Shanghai')::date, TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range(NEW.region_code, NEW.enrolled_on, (now() AT TIME ZONE 'Asia/Shanghai')::date, TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;
