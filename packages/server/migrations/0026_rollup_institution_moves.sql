-- An institution's county places its reserved slots and beds, its capability assessments and the
-- stays it receives, and the county of a referral's receiver decides whether the referral left its
-- county. Only a move (or a removal) changes those: the months the old county has figures for are
-- marked in the old and the new county, and the months of the referrals it received in the
-- senders' counties. The source is 'institutions', so only the indicators reading it are recomputed.
CREATE FUNCTION rollup_dirty_institutions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m record;
BEGIN
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code) THEN RETURN NULL; END IF;
  FOR m IN SELECT DISTINCT month FROM indicator_rollups WHERE region_code = OLD.region_code LOOP
    PERFORM rollup_mark(OLD.region_code, m.month, TG_TABLE_NAME);
    IF TG_OP = 'UPDATE' THEN PERFORM rollup_mark(NEW.region_code, m.month, TG_TABLE_NAME); END IF;
  END LOOP;
  FOR m IN SELECT DISTINCT region_code, rollup_china_month(submitted_at) AS month FROM referrals WHERE to_institution_id = OLD.id AND submitted_at IS NOT NULL LOOP
    PERFORM rollup_mark(m.region_code, m.month, TG_TABLE_NAME);
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER institutions_rollup AFTER INSERT OR UPDATE OR DELETE ON institutions FOR EACH ROW EXECUTE FUNCTION rollup_dirty_institutions();
