import { date, foreignKey, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { customers } from "../customers/customers.table";
import { moneyColumn } from "../quotations/quotations.table";

// A buyer's credit insurance (信保): at most one policy per customer, replaced as a whole.
export const customerCreditInsurance = pgTable(
  "customer_credit_insurance",
  {
    workspaceId: workspaceIdColumn(),
    customerId: uuid("customer_id").notNull(),
    insurer: text("insurer").notNull(),
    policyNumber: text("policy_number"),
    approvedLimit: moneyColumn("approved_limit"),
    currency: text("currency"),
    expiresOn: date("expires_on", { mode: "string" }),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.customerId] }),
    foreignKey({
      name: "customer_credit_insurance_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }).onDelete("cascade"),
  ],
);
