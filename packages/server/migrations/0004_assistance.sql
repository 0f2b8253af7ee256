CREATE TABLE "agreement_supporters" (
	"agreement_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	CONSTRAINT "agreement_supporters_agreement_id_institution_id_pk" PRIMARY KEY("agreement_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"recipient_id" uuid NOT NULL,
	"pack_id" text NOT NULL,
	"mode" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"region_code" char(6) NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"date" date NOT NULL,
	"activities" text[] NOT NULL,
	"patients" integer,
	"trainees" integer,
	"note" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"role" text NOT NULL,
	"title" text NOT NULL,
	"batch" text,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"actual_start" date,
	"actual_end" date,
	"status" text NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_packs" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" jsonb NOT NULL,
	"based_on" text NOT NULL,
	"rules" jsonb NOT NULL,
	"region_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_supporters" ADD CONSTRAINT "agreement_supporters_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_supporters" ADD CONSTRAINT "agreement_supporters_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_recipient_id_institutions_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_recipient_id_institutions_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_supporters_institution_idx" ON "agreement_supporters" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_code_idx" ON "agreements" USING btree ("code");--> statement-breakpoint
CREATE INDEX "agreements_region_idx" ON "agreements" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "agreements_recipient_idx" ON "agreements" USING btree ("recipient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_person_day_idx" ON "attendance" USING btree ("practitioner_id","date");--> statement-breakpoint
CREATE INDEX "attendance_agreement_idx" ON "attendance" USING btree ("agreement_id","date");--> statement-breakpoint
CREATE INDEX "dispatches_agreement_idx" ON "dispatches" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "dispatches_practitioner_idx" ON "dispatches" USING btree ("practitioner_id");