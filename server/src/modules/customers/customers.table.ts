import { getTableColumns, sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  ActivityType,
  CustomerSource,
  CustomerStage,
  CustomerTier,
} from "../../../../shared/schemas/customers";
import {
  createdAtColumn,
  idColumn,
  timestamptz,
  tsvector,
  updatedAtColumn,
  workspaceIdColumn,
} from "../../db/columns";
import { users } from "../users/users.table";
import { workspaces } from "../workspaces/workspaces.table";

export const customers = pgTable(
  "customers",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    name: text("name").notNull(),
    localName: text("local_name"),
    // Folded company name (legal forms, case, accents removed) that the duplicate check compares.
    nameNormalized: text("name_normalized").notNull(),
    country: text("country").notNull(),
    city: text("city"),
    address: text("address"),
    website: text("website"),
    websiteHost: text("website_host"),
    emailDomains: text("email_domains").array().notNull().default(sql`'{}'::text[]`),
    phones: text("phones").array().notNull().default(sql`'{}'::text[]`),
    industry: text("industry"),
    source: text("source").$type<CustomerSource>(),
    tier: text("tier").$type<CustomerTier>().notNull().default("C"),
    stage: text("stage").$type<CustomerStage>().notNull().default("new"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    productsOfInterest: text("products_of_interest").array().notNull().default(sql`'{}'::text[]`),
    estimatedAnnualPurchase: numeric("estimated_annual_purchase", { precision: 18, scale: 4 }),
    estimatedAnnualCurrency: text("estimated_annual_currency"),
    notes: text("notes"),
    ownerId: uuid("owner_id"),
    collaboratorIds: uuid("collaborator_ids").array().notNull().default(sql`'{}'::uuid[]`),
    timeZone: text("time_zone"),
    // Name, local name, website, contact names and e-mails in one string for the search box.
    searchText: text("search_text").notNull().default(""),
    // The words of searchText the search box looks up (search.ts). Null until indexed: rows written
    // before this column existed are indexed in the background after start.
    searchVector: tsvector("search_vector"),
    createdBy: uuid("created_by"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastFollowUpAt: timestamptz("last_follow_up_at"),
    nextFollowUpAt: timestamptz("next_follow_up_at"),
    // When the current owner got it (claim, transfer, creation): the pool clock runs from the later
    // of this and the last follow-up.
    ownedSince: timestamptz("owned_since"),
    releasedAt: timestamptz("released_at"),
    poolWarningSentAt: timestamptz("pool_warning_sent_at"),
    importKey: text("import_key"),
    // Checked when an order is submitted; set by managers and admins.
    creditLimit: numeric("credit_limit", { precision: 18, scale: 4 }),
    creditLimitCurrency: text("credit_limit_currency"),
    lastOrderAt: timestamptz("last_order_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Each list sort has an index ending in the id tie-break, so a page is read in order and stops
    // after pageSize rows instead of sorting every match.
    index("customers_owner_updated_idx").on(t.workspaceId, t.ownerId, t.updatedAt, t.id),
    index("customers_pool_idx").on(t.workspaceId, t.releasedAt).where(sql`${t.ownerId} is null`),
    index("customers_country_idx").on(t.workspaceId, t.country),
    index("customers_stage_tier_idx").on(t.workspaceId, t.stage, t.tier),
    index("customers_created_id_idx").on(t.workspaceId, t.createdAt, t.id),
    index("customers_updated_id_idx").on(t.workspaceId, t.updatedAt, t.id),
    index("customers_name_id_idx").on(t.workspaceId, t.nameNormalized, t.id),
    index("customers_last_follow_up_idx").on(t.workspaceId, t.lastFollowUpAt.desc().nullsLast(), t.id.desc()),
    index("customers_next_follow_up_idx").on(t.workspaceId, t.nextFollowUpAt, t.id),
    // "No follow-up for N days" for one owner, counted from this index alone: PostgreSQL reads an
    // expression index without the table only when it also holds the columns the expression uses.
    index("customers_owner_idle_idx").on(
      t.workspaceId,
      t.ownerId,
      sql`coalesce(${t.lastFollowUpAt}, ${t.createdAt})`,
      t.lastFollowUpAt,
      t.createdAt,
    ),
    // A rep's own list by what is due next, the view reps keep open all day.
    index("customers_owner_next_follow_up_idx").on(t.workspaceId, t.ownerId, t.nextFollowUpAt, t.id),
    index("customers_tags_idx").using("gin", t.tags),
    index("customers_collaborators_idx").using("gin", t.collaboratorIds),
    index("customers_search_idx").using("gin", t.searchVector),
    index("customers_search_pending_idx").on(t.workspaceId, t.id).where(sql`${t.searchVector} is null`),
    index("customers_import_key_idx").on(t.workspaceId, t.importKey),
    foreignKey({
      name: "customers_owner_fk",
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [users.workspaceId, users.id],
    }),
  ],
);

// What reads of a customer select: every column but the two the search index is built from, which are
// written, never read back, and make up almost half of a row's bytes.
const {
  searchText: _searchText,
  searchVector: _searchVector,
  ...readableColumns
} = getTableColumns(customers);
export const customerColumns = readableColumns;
export type CustomerRow = Omit<typeof customers.$inferSelect, "searchText" | "searchVector">;

// Every word (not CJK) of the workspace's customer search texts, once: the search box expands a typed
// prefix into the words it covers (search.ts). Words are never removed; one that no customer uses any
// more matches nothing. Ordered bytewise, so a prefix is a range whatever the database's collation.
export const customerSearchWords = pgTable(
  "customer_search_words",
  {
    workspaceId: workspaceIdColumn(),
    word: text("word").notNull(),
  },
  (t) => [uniqueIndex("customer_search_words_idx").on(t.workspaceId, sql`${t.word} collate "C"`)],
);

// Since when a customer has had no follow-up: the last one, or its creation when there was none.
export const customerIdleSince = sql`coalesce(${customers.lastFollowUpAt}, ${customers.createdAt})`;

export const contacts = pgTable(
  "contacts",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    customerId: uuid("customer_id").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    emails: text("emails").array().notNull().default(sql`'{}'::text[]`),
    phones: text("phones").array().notNull().default(sql`'{}'::text[]`),
    whatsapp: text("whatsapp"),
    wechat: text("wechat"),
    linkedinUrl: text("linkedin_url"),
    preferredLanguage: text("preferred_language"),
    isPrimary: boolean("is_primary").notNull().default(false),
    notes: text("notes"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("contacts_customer_idx").on(t.workspaceId, t.customerId),
    foreignKey({
      name: "contacts_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }).onDelete("cascade"),
  ],
);

export const activities = pgTable(
  "activities",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    customerId: uuid("customer_id").notNull(),
    type: text("type").$type<ActivityType>().notNull(),
    summary: text("summary").notNull(),
    occurredAt: timestamptz("occurred_at").notNull(),
    contactId: uuid("contact_id"),
    nextFollowUpAt: timestamptz("next_follow_up_at"),
    createdBy: uuid("created_by").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("activities_customer_idx").on(t.workspaceId, t.customerId, t.occurredAt),
    foreignKey({
      name: "activities_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }).onDelete("cascade"),
  ],
);

export type OwnershipEventKind =
  | "created"
  | "claimed"
  | "released"
  | "auto_released"
  | "transferred"
  | "handover";

// The ownership history of a customer: who had it, who got it, who did it and why.
export const ownershipEvents = pgTable(
  "customer_ownership_events",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    customerId: uuid("customer_id").notNull(),
    kind: text("kind").$type<OwnershipEventKind>().notNull(),
    fromUserId: uuid("from_user_id"),
    toUserId: uuid("to_user_id"),
    actorId: uuid("actor_id"),
    reason: text("reason"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("ownership_customer_idx").on(t.workspaceId, t.customerId, t.createdAt),
    index("ownership_from_idx").on(t.workspaceId, t.fromUserId, t.customerId, t.createdAt),
    foreignKey({
      name: "ownership_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }).onDelete("cascade"),
  ],
);

export const savedViews = pgTable(
  "customer_saved_views",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("saved_views_user_idx").on(t.workspaceId, t.userId),
  ],
);
