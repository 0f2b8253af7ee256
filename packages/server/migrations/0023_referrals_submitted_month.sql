DROP INDEX "referrals_region_submitted_idx";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "submitted_month" char(7) GENERATED ALWAYS AS (rollup_china_month(submitted_at)) STORED;--> statement-breakpoint
CREATE INDEX "referrals_region_month_idx" ON "referrals" USING btree ("region_code","submitted_month");