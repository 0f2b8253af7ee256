CREATE TABLE "beds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"ward" text NOT NULL,
	"date" date NOT NULL,
	"reserved" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "beds_booked_within_reserved" CHECK ("beds"."booked" >= 0 and "beds"."booked" <= "beds"."reserved")
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction" text NOT NULL,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"from_institution_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_institution_id" uuid NOT NULL,
	"department" text NOT NULL,
	"patient_name" text NOT NULL,
	"patient_sex" text NOT NULL,
	"patient_birth_date" date NOT NULL,
	"patient_id_cipher" text NOT NULL,
	"patient_id_masked" text NOT NULL,
	"patient_phone" text,
	"patient_region_code" char(6),
	"reason_icd10" text NOT NULL,
	"reason_text" text NOT NULL,
	"summary" text,
	"slot_id" uuid,
	"bed_id" uuid,
	"parent_id" uuid,
	"outcome" text,
	"submitted_at" timestamp with time zone,
	"sla_deadline" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"region_code" char(6) NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"department" text NOT NULL,
	"date" date NOT NULL,
	"reserved" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"released_at" timestamp with time zone,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slots_booked_within_reserved" CHECK ("slots"."booked" >= 0 and "slots"."booked" <= "slots"."reserved")
);
--> statement-breakpoint
ALTER TABLE "beds" ADD CONSTRAINT "beds_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_institution_id_institutions_id_fk" FOREIGN KEY ("from_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_institution_id_institutions_id_fk" FOREIGN KEY ("to_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_bed_id_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "beds_institution_ward_date_idx" ON "beds" USING btree ("institution_id","ward","date");--> statement-breakpoint
CREATE INDEX "follow_ups_institution_due_idx" ON "follow_ups" USING btree ("institution_id","due_on");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_to_status_idx" ON "referrals" USING btree ("to_institution_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "referrals_from_status_idx" ON "referrals" USING btree ("from_institution_id","status","created_at");--> statement-breakpoint
CREATE INDEX "referrals_sla_idx" ON "referrals" USING btree ("sla_deadline");--> statement-breakpoint
CREATE INDEX "referrals_region_idx" ON "referrals" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_institution_department_date_idx" ON "slots" USING btree ("institution_id","department","date");