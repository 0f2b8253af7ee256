CREATE TABLE "further_study" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainee_name" text NOT NULL,
	"home_institution_id" uuid NOT NULL,
	"host_institution_id" uuid NOT NULL,
	"department" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"outcome" text,
	"region_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_templates" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"template" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "techniques" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid NOT NULL,
	"supporter_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"specialty" text NOT NULL,
	"launched_on" date NOT NULL,
	"fills_provincial_gap" boolean DEFAULT false NOT NULL,
	"monthly_cases" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"region_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemedicine_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"recipient_id" uuid NOT NULL,
	"supporter_id" uuid NOT NULL,
	"title" text NOT NULL,
	"requested_start" timestamp with time zone,
	"starts_at" timestamp with time zone,
	"duration_minutes" integer NOT NULL,
	"link" text,
	"referral_id" uuid,
	"chronic_patient_id" uuid,
	"attendance" jsonb,
	"minutes" text,
	"opinion" text,
	"cancel_reason" text,
	"region_code" char(6) NOT NULL,
	"supporter_region_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "touring_rules" (
	"region_code" char(6) PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "touring_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"home_institution_id" uuid NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"region_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "touring_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"date" date NOT NULL,
	"end_date" date NOT NULL,
	"patients_seen" integer DEFAULT 0 NOT NULL,
	"health_talks" integer DEFAULT 0 NOT NULL,
	"audience" integer DEFAULT 0 NOT NULL,
	"trained" integer DEFAULT 0 NOT NULL,
	"region_code" char(6) NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_institution_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"trainer" text NOT NULL,
	"date" date NOT NULL,
	"hours" integer NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"region_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "further_study" ADD CONSTRAINT "further_study_home_institution_id_institutions_id_fk" FOREIGN KEY ("home_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "further_study" ADD CONSTRAINT "further_study_host_institution_id_institutions_id_fk" FOREIGN KEY ("host_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_templates" ADD CONSTRAINT "meeting_templates_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "techniques" ADD CONSTRAINT "techniques_recipient_id_institutions_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "techniques" ADD CONSTRAINT "techniques_supporter_id_institutions_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemedicine_sessions" ADD CONSTRAINT "telemedicine_sessions_recipient_id_institutions_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemedicine_sessions" ADD CONSTRAINT "telemedicine_sessions_supporter_id_institutions_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemedicine_sessions" ADD CONSTRAINT "telemedicine_sessions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemedicine_sessions" ADD CONSTRAINT "telemedicine_sessions_chronic_patient_id_chronic_patients_id_fk" FOREIGN KEY ("chronic_patient_id") REFERENCES "public"."chronic_patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touring_teams" ADD CONSTRAINT "touring_teams_home_institution_id_institutions_id_fk" FOREIGN KEY ("home_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touring_visits" ADD CONSTRAINT "touring_visits_team_id_touring_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."touring_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touring_visits" ADD CONSTRAINT "touring_visits_site_id_institutions_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_host_institution_id_institutions_id_fk" FOREIGN KEY ("host_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "further_study_home_idx" ON "further_study" USING btree ("home_institution_id","start_date");--> statement-breakpoint
CREATE INDEX "techniques_recipient_idx" ON "techniques" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "telemedicine_recipient_idx" ON "telemedicine_sessions" USING btree ("recipient_id","starts_at");--> statement-breakpoint
CREATE INDEX "telemedicine_supporter_idx" ON "telemedicine_sessions" USING btree ("supporter_id","starts_at");--> statement-breakpoint
CREATE INDEX "touring_visits_region_date_idx" ON "touring_visits" USING btree ("region_code","date");--> statement-breakpoint
CREATE INDEX "touring_visits_site_date_idx" ON "touring_visits" USING btree ("site_id","date");--> statement-breakpoint
CREATE INDEX "trainings_host_date_idx" ON "trainings" USING btree ("host_institution_id","date");