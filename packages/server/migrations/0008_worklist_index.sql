DROP INDEX "referrals_to_status_idx";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "priority_rank" smallint GENERATED ALWAYS AS (case priority when 'green_channel' then 0 when 'urgent' then 1 else 2 end) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "referrals_incoming_idx" ON "referrals" USING btree ("to_institution_id","status","priority_rank","sla_deadline");