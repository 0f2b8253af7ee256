DROP INDEX "referrals_incoming_idx";--> statement-breakpoint
CREATE INDEX "referrals_incoming_order_idx" ON "referrals" USING btree ("to_institution_id","priority_rank","sla_deadline","created_at");--> statement-breakpoint
CREATE INDEX "referrals_incoming_idx" ON "referrals" USING btree ("to_institution_id","status","priority_rank","sla_deadline","created_at");