CREATE TABLE "order_watchers" (
	"workspace_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_watchers_workspace_id_order_id_user_id_pk" PRIMARY KEY("workspace_id","order_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "order_watchers" ADD CONSTRAINT "order_watchers_order_fk" FOREIGN KEY ("workspace_id","order_id") REFERENCES "public"."orders"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_watchers" ADD CONSTRAINT "order_watchers_user_fk" FOREIGN KEY ("workspace_id","user_id") REFERENCES "public"."users"("workspace_id","id") ON DELETE cascade ON UPDATE no action;