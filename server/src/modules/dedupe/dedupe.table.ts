import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { workspaceIdColumn } from "../../db/columns";

export type MatchKeyKind = "email" | "domain" | "phone" | "host" | "token";

// Exact lookup keys of every customer (contact e-mails, company domains, E.164 phones, website host,
// and name keys: the whole normalized name, typo-tolerant word keys and word pairs, see nameKeys in
// dedupe.service.ts). The duplicate check finds candidates here by index, then scores only those.
export const customerMatchKeys = pgTable(
  "customer_match_keys",
  {
    workspaceId: workspaceIdColumn(),
    kind: text("kind").$type<MatchKeyKind>().notNull(),
    value: text("value").notNull(),
    customerId: uuid("customer_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.kind, t.value, t.customerId] }),
    index("match_keys_customer_idx").on(t.workspaceId, t.customerId),
  ],
);

// Name keys known to be shared by more customers than the check reads (KEY_CAP in dedupe.service.ts):
// each has more rows than that in customer_match_keys, and no more are added (MatchKeyWriter).
export const customerMatchCommonKeys = pgTable(
  "customer_match_common_keys",
  {
    workspaceId: workspaceIdColumn(),
    kind: text("kind").$type<MatchKeyKind>().notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.value] })],
);
