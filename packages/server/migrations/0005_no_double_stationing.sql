-- Nobody is stationed at two different recipients on the same day: the database settles it, also
-- between concurrent requests. The period is the actual dates where recorded, else the planned ones.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "dispatches" ADD COLUMN "period" daterange GENERATED ALWAYS AS (daterange(coalesce("actual_start", "planned_start"), coalesce("actual_end", "planned_end"), '[]')) STORED;
--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_no_double_stationing" EXCLUDE USING gist ("practitioner_id" WITH =, "recipient_id" WITH <>, "period" WITH &&) WHERE ("status" <> 'cancelled');
