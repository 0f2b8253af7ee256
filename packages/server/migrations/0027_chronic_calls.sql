CREATE TABLE "chronic_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"called_on" date NOT NULL,
	"result" text NOT NULL,
	"agreed_date" date,
	"note" text,
	"caller_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "next_call_on" date;--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "unanswered_calls" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "off_list_reason" text;--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "last_call_result" text;--> statement-breakpoint
ALTER TABLE "chronic_patients" ADD COLUMN "last_call_on" date;--> statement-breakpoint
ALTER TABLE "chronic_calls" ADD CONSTRAINT "chronic_calls_patient_id_chronic_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."chronic_patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chronic_calls" ADD CONSTRAINT "chronic_calls_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chronic_calls" ADD CONSTRAINT "chronic_calls_caller_id_users_id_fk" FOREIGN KEY ("caller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chronic_calls_patient_idx" ON "chronic_calls" USING btree ("patient_id","created_at");