-- Hand-written: the hypertension control rate of a month looks at the latest visit by its end
-- within three months, so a visit moves its own month and the three after it; a patient joining,
-- leaving or moving moves every month from enrolment to now. Visit bookkeeping on the patient row
-- (last visit, next due) does not fire this trigger.
CREATE FUNCTION rollup_dirty_chronic_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = OLD.patient_id), OLD.visit_on, (OLD.visit_on + interval '3 months')::date); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = NEW.patient_id), NEW.visit_on, (NEW.visit_on + interval '3 months')::date); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER chronic_visits_rollup AFTER INSERT OR UPDATE OR DELETE ON chronic_visits FOR EACH ROW EXECUTE FUNCTION rollup_dirty_chronic_visits();--> statement-breakpoint
CREATE FUNCTION rollup_dirty_chronic_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range(OLD.region_code, OLD.enrolled_on, (now() AT TIME ZONE 'Asia/Shanghai')::date); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range(NEW.region_code, NEW.enrolled_on, (now() AT TIME ZONE 'Asia/Shanghai')::date); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER chronic_patients_rollup AFTER INSERT OR DELETE OR UPDATE OF active, enrolled_on, region_code ON chronic_patients FOR EACH ROW EXECUTE FUNCTION rollup_dirty_chronic_patients();
