CREATE TABLE "county_visit_stats" (
	"region_code" char(6) NOT NULL,
	"month" char(7) NOT NULL,
	"total_visits" integer NOT NULL,
	"within_county_visits" integer NOT NULL,
	"grassroots_visits" integer,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "county_visit_stats_region_code_month_pk" PRIMARY KEY("region_code","month"),
	CONSTRAINT "county_visit_stats_within_total" CHECK ("county_visit_stats"."within_county_visits" <= "county_visit_stats"."total_visits")
);
--> statement-breakpoint
-- Hand-written: imported visit totals feed the within-county and out-of-county rates.
CREATE FUNCTION rollup_dirty_visit_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark(OLD.region_code, OLD.month); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark(NEW.region_code, NEW.month); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER county_visit_stats_rollup AFTER INSERT OR UPDATE OR DELETE ON county_visit_stats FOR EACH ROW EXECUTE FUNCTION rollup_dirty_visit_stats();
