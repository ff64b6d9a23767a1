CREATE TABLE "customer_search_words" (
	"workspace_id" uuid NOT NULL,
	"word" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "customers_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE UNIQUE INDEX "customer_search_words_idx" ON "customer_search_words" USING btree ("workspace_id","word" collate "C");--> statement-breakpoint
CREATE INDEX "customers_owner_idle_idx" ON "customers" USING btree ("workspace_id","owner_id",coalesce("last_follow_up_at", "created_at"));--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "customers_search_pending_idx" ON "customers" USING btree ("workspace_id","id") WHERE "customers"."search_vector" is null;--> statement-breakpoint
-- Without a long list of the most common words, the planner takes a rare word for a common one and
-- walks a whole sort index for it instead of asking the GIN index (seconds at a million customers).
ALTER TABLE "customers" ALTER COLUMN "search_vector" SET STATISTICS 1000;
