DROP INDEX "customers_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "customers_owner_idle_idx" ON "customers" USING btree ("workspace_id","owner_id",coalesce("last_follow_up_at", "created_at"));--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "customers_search_pending_idx" ON "customers" USING btree ("workspace_id","id") WHERE "customers"."search_vector" is null;