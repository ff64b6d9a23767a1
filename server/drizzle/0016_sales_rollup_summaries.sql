CREATE TABLE "sales_monthly_by_country" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"country" text NOT NULL,
	"currency" text NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	"reporting_amount" numeric(18, 4) NOT NULL,
	"unconverted_amount" numeric(18, 4) NOT NULL,
	"orders" integer NOT NULL,
	"lines" integer NOT NULL,
	CONSTRAINT "sales_monthly_by_country_workspace_id_month_country_currency_pk" PRIMARY KEY("workspace_id","month","country","currency")
);
--> statement-breakpoint
CREATE TABLE "sales_monthly_by_owner" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	"reporting_amount" numeric(18, 4) NOT NULL,
	"unconverted_amount" numeric(18, 4) NOT NULL,
	"orders" integer NOT NULL,
	"lines" integer NOT NULL,
	CONSTRAINT "sales_monthly_by_owner_workspace_id_month_owner_id_currency_pk" PRIMARY KEY("workspace_id","month","owner_id","currency")
);
--> statement-breakpoint
CREATE INDEX "sales_monthly_by_owner_owner_idx" ON "sales_monthly_by_owner" USING btree ("workspace_id","owner_id","month");--> statement-breakpoint
INSERT INTO "sales_monthly_by_owner" ("workspace_id","month","owner_id","currency","amount","reporting_amount","unconverted_amount","orders","lines")
SELECT "workspace_id", "month", "owner_id", "currency", sum("amount"), sum("reporting_amount"), sum("unconverted_amount"), sum("orders"), sum("lines")
FROM "sales_monthly" GROUP BY "workspace_id", "month", "owner_id", "currency";
--> statement-breakpoint
INSERT INTO "sales_monthly_by_country" ("workspace_id","month","country","currency","amount","reporting_amount","unconverted_amount","orders","lines")
SELECT "workspace_id", "month", "country", "currency", sum("amount"), sum("reporting_amount"), sum("unconverted_amount"), sum("orders"), sum("lines")
FROM "sales_monthly" GROUP BY "workspace_id", "month", "country", "currency";
