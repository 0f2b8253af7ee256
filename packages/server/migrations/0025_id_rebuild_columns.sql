ALTER TABLE "referrals" DROP COLUMN "patient_region_code";--> statement-breakpoint
-- The masked form kept the last four characters, which with the birth date and the county above
-- rebuilt the whole number. It now keeps the last two (see core/referral/id-number.ts).
UPDATE "referrals" SET "patient_id_masked" = repeat('*', 16) || right("patient_id_masked", 2);--> statement-breakpoint
UPDATE "chronic_patients" SET "id_masked" = repeat('*', 16) || right("id_masked", 2);
