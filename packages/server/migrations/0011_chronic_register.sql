CREATE TABLE "chronic_patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_cipher" text NOT NULL,
	"id_masked" text NOT NULL,
	"id_hash" text NOT NULL,
	"phone" text,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"risk_factors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enrolled_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_visit_on" date,
	"last_controlled" boolean,
	"next_due_on" date,
	"region_code" char(6) NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chronic_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"visit_on" date NOT NULL,
	"input" jsonb NOT NULL,
	"edition" text NOT NULL,
	"recommendation" jsonb NOT NULL,
	"action" text NOT NULL,
	"controlled" boolean NOT NULL,
	"sbp" smallint NOT NULL,
	"dbp" smallint NOT NULL,
	"next_due_on" date NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD CONSTRAINT "chronic_patients_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chronic_visits" ADD CONSTRAINT "chronic_visits_patient_id_chronic_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."chronic_patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chronic_visits" ADD CONSTRAINT "chronic_visits_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chronic_patients_institution_due_idx" ON "chronic_patients" USING btree ("institution_id","next_due_on");--> statement-breakpoint
CREATE INDEX "chronic_patients_region_idx" ON "chronic_patients" USING btree ("region_code","active");--> statement-breakpoint
CREATE UNIQUE INDEX "chronic_patients_institution_id_idx" ON "chronic_patients" USING btree ("institution_id","id_hash");--> statement-breakpoint
CREATE INDEX "chronic_visits_patient_idx" ON "chronic_visits" USING btree ("patient_id","visit_on");