ALTER TABLE "attendance" ADD COLUMN "position_latitude" double precision;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "position_longitude" double precision;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "position_accuracy" double precision;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "location_class" text;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "distance_meters" integer;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "location_approximate" boolean DEFAULT false NOT NULL;