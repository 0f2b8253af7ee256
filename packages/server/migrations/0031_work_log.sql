CREATE TABLE "stay_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"period" text NOT NULL,
	"attendance_score" integer NOT NULL,
	"clinical_score" integer NOT NULL,
	"teaching_score" integer NOT NULL,
	"conduct_score" integer NOT NULL,
	"comment" text,
	"rated_by" uuid NOT NULL,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"province_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"patients" integer,
	"operation_name" text,
	"procedure_code" text,
	"operation_role" text,
	"topic" text,
	"attendees" integer,
	"minutes" integer,
	"mentees" integer,
	"technique_id" uuid,
	"note" text,
	"source" text DEFAULT 'log' NOT NULL,
	"attendance_id" uuid,
	"status" text DEFAULT 'recorded' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_months" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"month" char(7) NOT NULL,
	"plan" text,
	"plan_updated_at" timestamp with time zone,
	"summary" text,
	"status" text DEFAULT 'open' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stay_ratings" ADD CONSTRAINT "stay_ratings_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_ratings" ADD CONSTRAINT "stay_ratings_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_ratings" ADD CONSTRAINT "stay_ratings_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_ratings" ADD CONSTRAINT "stay_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_recipient_id_institutions_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_technique_id_techniques_id_fk" FOREIGN KEY ("technique_id") REFERENCES "public"."techniques"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_attendance_id_attendance_id_fk" FOREIGN KEY ("attendance_id") REFERENCES "public"."attendance"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_months" ADD CONSTRAINT "work_months_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_months" ADD CONSTRAINT "work_months_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_months" ADD CONSTRAINT "work_months_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stay_ratings_period_idx" ON "stay_ratings" USING btree ("dispatch_id","period");--> statement-breakpoint
CREATE INDEX "stay_ratings_agreement_idx" ON "stay_ratings" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "work_log_person_day_idx" ON "work_log_entries" USING btree ("practitioner_id","date");--> statement-breakpoint
CREATE INDEX "work_log_agreement_idx" ON "work_log_entries" USING btree ("agreement_id","date");--> statement-breakpoint
CREATE INDEX "work_log_recipient_idx" ON "work_log_entries" USING btree ("recipient_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "work_months_person_month_idx" ON "work_months" USING btree ("agreement_id","practitioner_id","month");--> statement-breakpoint
CREATE INDEX "work_months_month_idx" ON "work_months" USING btree ("month");--> statement-breakpoint
-- Hand-written: the work log grows from the check-in. Each check-in's activities and counts become
-- log lines (source check_in) with the check-in's review status: clinic → an outpatient session
-- with its patients, ward_round → a ward round, surgery → an operation (its name was never asked),
-- teaching or training → a teaching session with its trainees. The check-in itself stays as it was.
INSERT INTO work_log_entries (agreement_id, dispatch_id, practitioner_id, recipient_id, date, kind, patients, attendees, source, attendance_id, status, review_note, reviewed_by, reviewed_at, province_code, created_at, updated_at)
SELECT a.agreement_id, a.dispatch_id, a.practitioner_id, d.recipient_id, a.date, k.kind,
  CASE WHEN k.kind = 'outpatient' THEN a.patients END,
  CASE WHEN k.kind = 'teaching' THEN a.trainees END,
  'check_in', a.id,
  CASE a.status WHEN 'confirmed' THEN 'confirmed' WHEN 'disputed' THEN 'disputed' ELSE 'recorded' END,
  a.review_note, a.reviewed_by, a.reviewed_at, a.province_code, a.created_at, a.created_at
FROM attendance a
JOIN dispatches d ON d.id = a.dispatch_id
CROSS JOIN LATERAL (VALUES ('outpatient', 'clinic', NULL), ('ward_round', 'ward_round', NULL), ('operation', 'surgery', NULL), ('teaching', 'teaching', 'training')) AS k(kind, activity, also)
WHERE k.activity = ANY(a.activities) OR k.also = ANY(a.activities);--> statement-breakpoint
-- Work-log lines roll up by the recipient's county and the line's month (the indicators of stationed work).
CREATE FUNCTION rollup_dirty_work_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = OLD.recipient_id), to_char(OLD.date, 'YYYY-MM'), TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark((SELECT region_code FROM institutions WHERE id = NEW.recipient_id), to_char(NEW.date, 'YYYY-MM'), TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER work_log_entries_rollup AFTER INSERT OR UPDATE OR DELETE ON work_log_entries FOR EACH ROW EXECUTE FUNCTION rollup_dirty_work_log();
