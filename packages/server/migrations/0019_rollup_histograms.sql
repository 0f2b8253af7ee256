CREATE TABLE "rollup_histograms" (
	"indicator_id" text NOT NULL,
	"region_code" char(6) NOT NULL,
	"month" char(7) NOT NULL,
	"bucket" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rollup_histograms_indicator_id_region_code_month_bucket_pk" PRIMARY KEY("indicator_id","region_code","month","bucket")
);
--> statement-breakpoint
CREATE INDEX "rollup_histograms_month_idx" ON "rollup_histograms" USING btree ("indicator_id","month","region_code");