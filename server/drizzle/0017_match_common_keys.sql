CREATE TABLE "customer_match_common_keys" (
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "customer_match_common_keys_workspace_id_kind_value_pk" PRIMARY KEY("workspace_id","kind","value")
);
--> statement-breakpoint
INSERT INTO "customer_match_common_keys" ("workspace_id", "kind", "value")
SELECT "workspace_id", "kind", "value" FROM "customer_match_keys"
WHERE "kind" = 'token' AND "value" NOT LIKE '=%'
GROUP BY "workspace_id", "kind", "value"
HAVING count(*) > 50;
