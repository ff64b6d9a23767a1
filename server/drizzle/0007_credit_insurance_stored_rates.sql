CREATE TABLE "customer_credit_insurance" (
	"workspace_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"insurer" text NOT NULL,
	"policy_number" text,
	"approved_limit" numeric(18, 4),
	"currency" text,
	"expires_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_credit_insurance_workspace_id_customer_id_pk" PRIMARY KEY("workspace_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "order_approvals" ADD COLUMN "shipment_id" uuid;--> statement-breakpoint
ALTER TABLE "order_instalments" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fx_rate" numeric(20, 10);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fx_rate_date" date;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fx_rate_currency" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "fx_rate" numeric(20, 10);--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "fx_rate_date" date;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "fx_rate_currency" text;--> statement-breakpoint
ALTER TABLE "customer_credit_insurance" ADD CONSTRAINT "customer_credit_insurance_customer_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_approvals" ADD CONSTRAINT "order_approvals_shipment_fk" FOREIGN KEY ("workspace_id","shipment_id") REFERENCES "public"."shipments"("workspace_id","id") ON DELETE cascade ON UPDATE no action;