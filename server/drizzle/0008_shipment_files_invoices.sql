CREATE TABLE "files" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"shipment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "shipment_invoices" (
	"workspace_id" uuid NOT NULL,
	"shipment_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipment_invoices_workspace_id_shipment_id_pk" PRIMARY KEY("workspace_id","shipment_id")
);
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_shipment_fk" FOREIGN KEY ("workspace_id","shipment_id") REFERENCES "public"."shipments"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_invoices" ADD CONSTRAINT "shipment_invoices_shipment_fk" FOREIGN KEY ("workspace_id","shipment_id") REFERENCES "public"."shipments"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_shipment_idx" ON "files" USING btree ("workspace_id","shipment_id","uploaded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_invoices_number_key" ON "shipment_invoices" USING btree ("workspace_id","number");