DROP INDEX "institutions_name_trgm_idx";--> statement-breakpoint
DROP INDEX "practitioners_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "institutions_name_bigrams_idx" ON "institutions" USING gin (name_bigrams("name"));--> statement-breakpoint
CREATE INDEX "practitioners_name_bigrams_idx" ON "practitioners" USING gin (name_bigrams("name"));