-- Hand-written: a county hospital's yearly capability assessment rolls up in December of its year.
CREATE FUNCTION rollup_dirty_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = OLD.institution_id), OLD.year || '-12'); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = NEW.institution_id), NEW.year || '-12'); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER institution_assessments_rollup AFTER INSERT OR UPDATE OR DELETE ON institution_assessments FOR EACH ROW EXECUTE FUNCTION rollup_dirty_assessments();
