CREATE TABLE "sms_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"gateway_message_id" text,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"merged_by" uuid NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unmerged_by" uuid,
	"unmerged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"id_hash" text,
	"id_cipher" text,
	"id_masked" text,
	"local_id" text,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text,
	"home_county" char(6),
	"merged_into" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_identified" CHECK ("patients"."id_hash" is not null or "patients"."local_id" is not null)
);
--> statement-breakpoint
DROP INDEX "chronic_patients_institution_id_idx";--> statement-breakpoint
ALTER TABLE "chronic_patients" ALTER COLUMN "id_cipher" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chronic_patients" ALTER COLUMN "id_masked" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chronic_visits" ALTER COLUMN "sbp" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chronic_visits" ALTER COLUMN "dbp" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "patient_id_cipher" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "patient_id_masked" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "sms_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "sms_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chronic_visits" ADD COLUMN "kind" text DEFAULT 'follow_up' NOT NULL;--> statement-breakpoint
ALTER TABLE "chronic_visits" ADD COLUMN "referral_id" uuid;--> statement-breakpoint
ALTER TABLE "telemedicine_sessions" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "chronic_patient_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "sms_reminders" ADD CONSTRAINT "sms_reminders_patient_id_chronic_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."chronic_patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_reminders" ADD CONSTRAINT "sms_reminders_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_merges" ADD CONSTRAINT "patient_merges_source_id_patients_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_merges" ADD CONSTRAINT "patient_merges_target_id_patients_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_merges" ADD CONSTRAINT "patient_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_merges" ADD CONSTRAINT "patient_merges_unmerged_by_users_id_fk" FOREIGN KEY ("unmerged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_home_county_regions_code_fk" FOREIGN KEY ("home_county") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_reminders_once_idx" ON "sms_reminders" USING btree ("patient_id","kind","due_on");--> statement-breakpoint
CREATE INDEX "sms_reminders_pending_idx" ON "sms_reminders" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sms_reminders_gateway_idx" ON "sms_reminders" USING btree ("gateway_message_id");--> statement-breakpoint
CREATE INDEX "patient_merges_source_idx" ON "patient_merges" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "patient_merges_target_idx" ON "patient_merges" USING btree ("target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_id_hash_idx" ON "patients" USING btree ("id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_local_id_idx" ON "patients" USING btree ("local_id");--> statement-breakpoint
CREATE INDEX "patients_merged_into_idx" ON "patients" USING btree ("merged_into");--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD CONSTRAINT "chronic_patients_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemedicine_sessions" ADD CONSTRAINT "telemedicine_sessions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_chronic_patient_id_chronic_patients_id_fk" FOREIGN KEY ("chronic_patient_id") REFERENCES "public"."chronic_patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chronic_patients_institution_patient_idx" ON "chronic_patients" USING btree ("institution_id","patient_id");--> statement-breakpoint
CREATE INDEX "chronic_patients_patient_idx" ON "chronic_patients" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "telemedicine_patient_idx" ON "telemedicine_sessions" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "referrals_patient_idx" ON "referrals" USING btree ("patient_id");--> statement-breakpoint
ALTER TABLE "chronic_patients" DROP COLUMN "id_hash";--> statement-breakpoint
-- Hand-written: the follow-up indicators. "Lost to follow-up" at a month looks back six months for
-- a visit, so a visit now moves its own month and the six after it (was three for the control rate).
CREATE OR REPLACE FUNCTION rollup_dirty_chronic_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = OLD.patient_id), OLD.visit_on, (OLD.visit_on + interval '6 months')::date, TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = NEW.patient_id), NEW.visit_on, (NEW.visit_on + interval '6 months')::date, TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A call result counts in the month it was made, in the patient's county.
CREATE FUNCTION rollup_dirty_chronic_calls() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = OLD.patient_id), OLD.called_on, OLD.called_on, TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark_range((SELECT region_code FROM chronic_patients WHERE id = NEW.patient_id), NEW.called_on, NEW.called_on, TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER chronic_calls_rollup AFTER INSERT OR UPDATE OR DELETE ON chronic_calls FOR EACH ROW EXECUTE FUNCTION rollup_dirty_chronic_calls();
--> statement-breakpoint
-- Linking a referral to the patient index changes no fact: that update must not mark its month
-- (the linking migration updates every referral; 10,000,000 marks would follow for nothing). Only
-- the linking sets patient_id on an existing referral (a merge never re-points rows).
CREATE OR REPLACE FUNCTION rollup_dirty_referrals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.patient_id IS DISTINCT FROM NEW.patient_id THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM rollup_mark(OLD.region_code, rollup_china_month(OLD.submitted_at), TG_TABLE_NAME); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM rollup_mark(NEW.region_code, rollup_china_month(NEW.submitted_at), TG_TABLE_NAME); END IF;
  RETURN NULL;
END $$;
