CREATE TABLE "agreement_compliance" (
	"agreement_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"region_code" char(6) NOT NULL,
	"status" text NOT NULL,
	"gaps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"nominal_days" integer DEFAULT 0 NOT NULL,
	"as_of" date NOT NULL,
	"evaluated_on" date NOT NULL,
	CONSTRAINT "agreement_compliance_agreement_id_year_pk" PRIMARY KEY("agreement_id","year")
);
--> statement-breakpoint
CREATE TABLE "compliance_dirty" (
	"agreement_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	CONSTRAINT "compliance_dirty_agreement_id_year_pk" PRIMARY KEY("agreement_id","year")
);
--> statement-breakpoint
ALTER TABLE "agreement_compliance" ADD CONSTRAINT "agreement_compliance_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: mark the (agreement, year) pairs whose verdict may have changed, and roll a new
-- verdict up into its county's months.
CREATE FUNCTION compliance_mark(agreement uuid, first_day date, last_day date) RETURNS void LANGUAGE sql AS $$
  INSERT INTO compliance_dirty (agreement_id, year)
  SELECT agreement, y FROM generate_series(extract(year FROM first_day)::int, extract(year FROM last_day)::int) y
  WHERE agreement IS NOT NULL AND first_day IS NOT NULL AND last_day IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;--> statement-breakpoint
CREATE FUNCTION compliance_dirty_dispatches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM compliance_mark(OLD.agreement_id, coalesce(OLD.actual_start, OLD.planned_start), coalesce(OLD.actual_end, OLD.planned_end)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM compliance_mark(NEW.agreement_id, coalesce(NEW.actual_start, NEW.planned_start), coalesce(NEW.actual_end, NEW.planned_end)); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER dispatches_compliance AFTER INSERT OR UPDATE OR DELETE ON dispatches FOR EACH ROW EXECUTE FUNCTION compliance_dirty_dispatches();--> statement-breakpoint
CREATE FUNCTION compliance_dirty_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM compliance_mark(OLD.agreement_id, OLD.date, OLD.date); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM compliance_mark(NEW.agreement_id, NEW.date, NEW.date); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER attendance_compliance AFTER INSERT OR UPDATE OR DELETE ON attendance FOR EACH ROW EXECUTE FUNCTION compliance_dirty_attendance();--> statement-breakpoint
CREATE FUNCTION compliance_dirty_agreements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM compliance_mark(OLD.id, OLD.starts_on, OLD.ends_on); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM compliance_mark(NEW.id, NEW.starts_on, NEW.ends_on); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER agreements_compliance AFTER INSERT OR UPDATE ON agreements FOR EACH ROW EXECUTE FUNCTION compliance_dirty_agreements();--> statement-breakpoint
CREATE FUNCTION compliance_dirty_packs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM compliance_mark(a.id, a.starts_on, a.ends_on) FROM agreements a WHERE a.pack_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER rule_packs_compliance AFTER UPDATE ON rule_packs FOR EACH ROW EXECUTE FUNCTION compliance_dirty_packs();--> statement-breakpoint
CREATE FUNCTION rollup_dirty_compliance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range(OLD.region_code, make_date(OLD.year, 1, 1), make_date(OLD.year, 12, 31)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range(NEW.region_code, make_date(NEW.year, 1, 1), make_date(NEW.year, 12, 31)); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER agreement_compliance_rollup AFTER INSERT OR DELETE OR UPDATE OF status, gaps, nominal_days, as_of ON agreement_compliance FOR EACH ROW EXECUTE FUNCTION rollup_dirty_compliance();
