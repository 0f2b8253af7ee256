CREATE TABLE "capability_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"specialty" text NOT NULL,
	"source" text NOT NULL,
	"technique" text,
	"year" smallint NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"supporter_id" uuid,
	"region_code" char(6),
	"year" smallint,
	"params" jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"roster_fingerprint" text,
	"deadline" timestamp with time zone NOT NULL,
	"requested_by" uuid NOT NULL,
	"province_code" char(6),
	"finished_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"applied_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "province_pairings" (
	"supporter_province" char(6) NOT NULL,
	"recipient_province" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "province_pairings_supporter_province_recipient_province_pk" PRIMARY KEY("supporter_province","recipient_province")
);
--> statement-breakpoint
CREATE TABLE "staff_planning" (
	"practitioner_id" uuid PRIMARY KEY NOT NULL,
	"department" text,
	"roles" text[] NOT NULL,
	"earliest_start" date,
	"unavailable" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_capacity" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"max_recipients" integer NOT NULL,
	"staff_by_specialty" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"province_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "capability_needs" ADD CONSTRAINT "capability_needs_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_runs" ADD CONSTRAINT "plan_runs_supporter_id_institutions_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_runs" ADD CONSTRAINT "plan_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_runs" ADD CONSTRAINT "plan_runs_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_planning" ADD CONSTRAINT "staff_planning_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_capacity" ADD CONSTRAINT "support_capacity_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "capability_needs_unique_idx" ON "capability_needs" USING btree ("institution_id","year","specialty","source");--> statement-breakpoint
CREATE INDEX "capability_needs_province_idx" ON "capability_needs" USING btree ("province_code","year");--> statement-breakpoint
CREATE INDEX "plan_runs_supporter_idx" ON "plan_runs" USING btree ("supporter_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_runs_requested_by_idx" ON "plan_runs" USING btree ("requested_by","created_at");--> statement-breakpoint
CREATE INDEX "province_pairings_recipient_idx" ON "province_pairings" USING btree ("recipient_province");