-- Hand-written: stationed person-days roll up by the recipient's county and every month a stay touches.
CREATE FUNCTION rollup_mark_range(region char(6), first_day date, last_day date) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_dirty (region_code, month)
  SELECT region, to_char(m, 'YYYY-MM') FROM generate_series(date_trunc('month', first_day), date_trunc('month', last_day), interval '1 month') m
  WHERE region IS NOT NULL AND first_day IS NOT NULL AND last_day IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;--> statement-breakpoint
CREATE FUNCTION rollup_dirty_dispatches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM rollup_mark_range((SELECT region_code FROM institutions WHERE id = OLD.recipient_id), coalesce(OLD.actual_start, OLD.planned_start), coalesce(OLD.actual_end, OLD.planned_end));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM rollup_mark_range((SELECT region_code FROM institutions WHERE id = NEW.recipient_id), coalesce(NEW.actual_start, NEW.planned_start), coalesce(NEW.actual_end, NEW.planned_end));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER dispatches_rollup AFTER INSERT OR UPDATE OR DELETE ON dispatches FOR EACH ROW EXECUTE FUNCTION rollup_dirty_dispatches();
