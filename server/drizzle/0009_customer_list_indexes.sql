DROP INDEX "customers_owner_idx";--> statement-breakpoint
DROP INDEX "customers_created_idx";--> statement-breakpoint
DROP INDEX "customers_updated_idx";--> statement-breakpoint
DROP INDEX "customers_name_idx";--> statement-breakpoint
CREATE INDEX "customers_owner_updated_idx" ON "customers" USING btree ("workspace_id","owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_stage_tier_idx" ON "customers" USING btree ("workspace_id","stage","tier");--> statement-breakpoint
CREATE INDEX "customers_created_id_idx" ON "customers" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_updated_id_idx" ON "customers" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_name_id_idx" ON "customers" USING btree ("workspace_id","name_normalized","id");--> statement-breakpoint
CREATE INDEX "customers_last_follow_up_idx" ON "customers" USING btree ("workspace_id","last_follow_up_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "customers_next_follow_up_idx" ON "customers" USING btree ("workspace_id","next_follow_up_at","id");