CREATE INDEX "referrals_incoming_updated_idx" ON "referrals" USING btree ("to_institution_id","updated_at");--> statement-breakpoint
DROP INDEX "referrals_incoming_idx";--> statement-breakpoint
CREATE INDEX "referrals_incoming_idx" ON "referrals" USING btree ("to_institution_id","status","priority_rank","sla_deadline","created_at","id");