CREATE TABLE "sales_monthly" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"country" text NOT NULL,
	"currency" text NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	"reporting_amount" numeric(18, 4) NOT NULL,
	"unconverted_amount" numeric(18, 4) NOT NULL,
	"orders" integer NOT NULL,
	"lines" integer NOT NULL,
	CONSTRAINT "sales_monthly_workspace_id_month_owner_id_country_currency_pk" PRIMARY KEY("workspace_id","month","owner_id","country","currency")
);
--> statement-breakpoint
CREATE INDEX "sales_monthly_owner_idx" ON "sales_monthly" USING btree ("workspace_id","owner_id","month");--> statement-breakpoint
INSERT INTO "sales_monthly" ("workspace_id", "month", "owner_id", "country", "currency", "amount", "reporting_amount", "unconverted_amount", "orders", "lines")
SELECT o.workspace_id, (date_trunc('month', o.confirmed_at at time zone w.time_zone))::date,
  o.owner_id, c.country, o.currency,
  sum(o.total),
  sum(case when o.fx_rate is not null and o.fx_rate_currency = w.currency then round(o.total * o.fx_rate, 4) else 0 end),
  sum(case when o.fx_rate is not null and o.fx_rate_currency = w.currency then 0 else o.total end),
  count(*)::int,
  coalesce(sum(l.lines), 0)::int
FROM orders o
JOIN workspaces w ON w.id = o.workspace_id
JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id
LEFT JOIN LATERAL (
  SELECT count(*) AS lines FROM order_lines ol WHERE ol.workspace_id = o.workspace_id AND ol.order_id = o.id
) l ON true
WHERE o.confirmed_at IS NOT NULL AND o.status <> 'cancelled'
GROUP BY 1, 2, 3, 4, 5;
