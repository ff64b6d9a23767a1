import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { can } from "../../../../shared/permissions";
import type {
  Contact,
  ContactInput,
  CreateCustomerInput,
  Customer,
  CustomerCard,
  CustomerDetail,
  CustomerListItem,
  CustomerListQuery,
  DuplicateMatch,
  UpdateCustomerInput,
} from "../../../../shared/schemas/customers";
import type { DbOrTx } from "../../db/client";
import { plannedQuery } from "../../db/explain";
import { rowFromJson } from "../../db/json-rows";
import { preparedPerHandle } from "../../db/prepared";
import { AppError, conflict, fieldError, forbidden, notFound } from "../../lib/app-error";
import { iso, isoOrNull } from "../../lib/dates";
import { recordAudit } from "../audit/audit.service";
import { findDuplicates, type MatchSubject, writeMatchKeys } from "../dedupe/dedupe.service";
import { companyDomains, normalizeCompanyName, toE164, websiteHost } from "../dedupe/normalize";
import { recordCustomerSales } from "../sales/sales.service";
import { getPoolSettings, POOL_SECTION, storedSection, withDefaults } from "../settings/settings.service";
import { users } from "../users/users.table";
import { canWork, customersScope, fullAccessSql, hasFullAccess, type Viewer } from "./customers.policy";
import {
  type CustomerRow,
  contacts,
  customerColumns,
  customerIdleSince,
  customers,
  ownershipEvents,
} from "./customers.table";
import { guessTimeZone, localContext } from "./local-context";
import {
  customerSearchFilter,
  customerSearchText,
  recordSearchWords,
  searchLexemes,
  searchTermsOf,
  toSearchVector,
} from "./search";

type ContactRow = typeof contacts.$inferSelect;

const DAY_MS = 24 * 3600 * 1000;
// Counting every match of a broad filter over a million rows costs more than the page itself.
export const COUNT_CAP = 10_000;
// Every match of a search is a row read from the table to count it (the GIN index cannot count on its
// own), so searches count less far: nobody pages through more than a thousand search results.
export const SEARCH_COUNT_CAP = 1_000;
// Bounds of a search served without counting, in multiples of the cap (servedWithoutCount).
const FREQUENT_SEARCH_FACTOR = 2;

export function toCard(row: CustomerRow, ownerName: string | null): CustomerCard {
  return {
    id: row.id,
    access: "limited",
    name: row.name,
    country: row.country,
    tier: row.tier,
    stage: row.stage,
    ownerId: row.ownerId,
    ownerName,
    inPublicPool: row.ownerId === null,
  };
}

export function releaseDueAt(row: CustomerRow, releaseAfterDays: number): Date | null {
  if (!row.ownerId) return null;
  const clockStart = Math.max(
    row.ownedSince?.getTime() ?? 0,
    row.lastFollowUpAt?.getTime() ?? 0,
    row.createdAt.getTime(),
  );
  return new Date(clockStart + releaseAfterDays * DAY_MS);
}

// The card's fields are spread last: V8 copies a spread into a fresh object quickly, but every property
// added after a spread goes through a new hidden class per object, which made this mapping cost ~70 µs
// a customer (most of a list page's time in the app) instead of ~1 µs.
function toCustomer(
  row: CustomerRow,
  ownerName: string | null,
  releaseAfterDays: number,
  primaryContact: { name: string; email: string | null } | null,
): Customer {
  return {
    localName: row.localName,
    city: row.city,
    address: row.address,
    website: row.website,
    emailDomains: row.emailDomains,
    phones: row.phones,
    industry: row.industry,
    source: row.source,
    tags: row.tags,
    productsOfInterest: row.productsOfInterest,
    estimatedAnnualPurchase: row.estimatedAnnualPurchase,
    estimatedAnnualCurrency: row.estimatedAnnualCurrency,
    notes: row.notes,
    collaboratorIds: row.collaboratorIds,
    timeZone: row.timeZone,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    lastFollowUpAt: isoOrNull(row.lastFollowUpAt),
    nextFollowUpAt: isoOrNull(row.nextFollowUpAt),
    ownedSince: isoOrNull(row.ownedSince),
    releaseDueAt: isoOrNull(releaseDueAt(row, releaseAfterDays)),
    primaryContact,
    ...toCard(row, ownerName),
    access: "full",
  };
}

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    title: row.title,
    emails: row.emails,
    phones: row.phones,
    whatsapp: row.whatsapp,
    wechat: row.wechat,
    linkedinUrl: row.linkedinUrl,
    preferredLanguage: row.preferredLanguage,
    isPrimary: row.isPrimary,
    notes: row.notes,
    createdAt: iso(row.createdAt),
  };
}

function normalizePhones(phones: string[] | undefined, country: string, path: string): string[] {
  const result: string[] = [];
  for (const [index, phone] of (phones ?? []).entries()) {
    const e164 = toE164(phone, country);
    if (!e164) throw fieldError(`${path}.${index}`, `"${phone}" is not a valid phone number for ${country}`);
    if (!result.includes(e164)) result.push(e164);
  }
  return result;
}

type ContactValues = Omit<typeof contacts.$inferInsert, "workspaceId" | "customerId">;

function contactValues(input: ContactInput, country: string, path: string): ContactValues {
  const emails = [
    ...new Set(
      [input.email, ...(input.emails ?? [])].filter((e): e is string => !!e).map((e) => e.toLowerCase()),
    ),
  ];
  const phones = normalizePhones(
    [input.phone, ...(input.phones ?? [])].filter((p): p is string => !!p),
    country,
    `${path}.phones`,
  );
  return {
    name: input.name,
    title: input.title ?? null,
    emails,
    phones,
    whatsapp: input.whatsapp ?? null,
    wechat: input.wechat ?? null,
    linkedinUrl: input.linkedinUrl ?? null,
    preferredLanguage: input.preferredLanguage ?? null,
    isPrimary: input.isPrimary ?? false,
    notes: input.notes ?? null,
  };
}

export async function ownerNameOf(
  db: DbOrTx,
  workspaceId: string,
  ownerId: string | null,
): Promise<string | null> {
  if (!ownerId) return null;
  const [owner] = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, ownerId)));
  return owner?.name ?? null;
}

// Refuses creation on an exact match, and asks for confirmation on a fuzzy one.
function assertNotDuplicate(matches: DuplicateMatch[], confirmed: boolean | undefined): void {
  const exact = matches.filter((match) => match.exact);
  if (exact.length > 0) {
    const first = exact[0];
    throw new AppError(
      "duplicate",
      `This customer already exists: ${first?.name} (${first?.ownerName ?? "public pool"}) — ${first?.reasons.join(", ")}`,
      { matches, requiresConfirmation: false },
    );
  }
  if (matches.length > 0 && !confirmed) {
    throw new AppError(
      "duplicate",
      `Possible duplicate of ${matches.map((m) => m.name).join(", ")}. Check the matches, then confirm with confirmNotDuplicate: true.`,
      { matches, requiresConfirmation: true },
    );
  }
}

export async function assertBelowPrivateLimit(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const { maxPrivatePerRep } = await getPoolSettings(db, workspaceId);
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(customers)
    .where(customersScope({ workspaceId }, eq(customers.ownerId, userId)));
  if ((row?.count ?? 0) >= maxPrivatePerRep) {
    throw conflict(
      `The limit of ${maxPrivatePerRep} private customers is reached. Release customers you no longer work to the public pool first.`,
      { reason: "limit_reached", limit: maxPrivatePerRep },
    );
  }
}

// Serialises ownership changes of one user, so the private-customer limit holds under concurrency.
export async function lockOwner(tx: DbOrTx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`owner:${userId}`}))`);
}

export async function assertAssignableUser(db: DbOrTx, workspaceId: string, userId: string, field: string) {
  const [user] = await db
    .select({ id: users.id, role: users.role, active: users.active, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  if (!user?.active) throw fieldError(field, "no such active user");
  if (!can(user.role, "customers.write")) throw fieldError(field, `a ${user.role} user cannot own customers`);
  return user;
}

function resolveNewOwner(viewer: Viewer, requested: string | null | undefined): string | null {
  if (requested === undefined || requested === viewer.userId) return viewer.userId;
  if (viewer.role !== "admin" && viewer.role !== "manager") {
    throw forbidden("Only managers and admins can create a customer for someone else or in the public pool");
  }
  return requested;
}

// Everything derived from the customer and its contacts: search text, company domains and the
// duplicate-check keys. Recomputed in the same transaction as any change to them.
export async function refreshDerived(tx: DbOrTx, workspaceId: string, customerId: string): Promise<void> {
  const [row] = await tx
    .select(customerColumns)
    .from(customers)
    .where(customersScope({ workspaceId }, eq(customers.id, customerId)));
  if (!row) return;
  const contactRows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.customerId, customerId)));
  const emails = contactRows.flatMap((c) => c.emails);
  const subject: MatchSubject = {
    name: row.name,
    nameNormalized: row.nameNormalized,
    localName: row.localName,
    country: row.country,
    website: row.website,
    emails,
    phones: [...row.phones, ...contactRows.flatMap((c) => c.phones)],
  };
  const searchText = customerSearchText([
    row.name,
    row.localName,
    row.website,
    ...contactRows.map((c) => c.name),
    ...emails,
  ]);
  const lexemes = searchLexemes(searchText);
  await recordSearchWords(tx, workspaceId, lexemes);
  await tx
    .update(customers)
    .set({
      searchText,
      searchVector: toSearchVector(lexemes),
      emailDomains: companyDomains(row.website, emails),
    })
    .where(customersScope({ workspaceId }, eq(customers.id, customerId)));
  await writeMatchKeys(tx, workspaceId, customerId, subject);
}

export async function createCustomer(
  db: DbOrTx,
  viewer: Viewer,
  input: CreateCustomerInput,
): Promise<Customer> {
  const ownerId = resolveNewOwner(viewer, input.ownerId);
  if (ownerId && ownerId !== viewer.userId)
    await assertAssignableUser(db, viewer.workspaceId, ownerId, "ownerId");
  const phones = normalizePhones(input.phones, input.country, "phones");
  const contactRows = (input.contacts ?? []).map((contact, index) =>
    contactValues(contact, input.country, `contacts.${index}`),
  );
  if (contactRows.length > 0 && !contactRows.some((c) => c.isPrimary)) {
    const first = contactRows[0];
    if (first) first.isPrimary = true;
  }
  const matches = await findDuplicates(db, viewer.workspaceId, {
    name: input.name,
    website: input.website,
    emails: contactRows.flatMap((c) => c.emails ?? []),
    phones: [...phones, ...contactRows.flatMap((c) => c.phones ?? [])],
    country: input.country,
  });
  assertNotDuplicate(matches, input.confirmNotDuplicate);

  const id = await db.transaction(async (tx) => {
    if (ownerId) {
      await lockOwner(tx, ownerId);
      await assertBelowPrivateLimit(tx, viewer.workspaceId, ownerId);
    }
    const now = new Date();
    const [row] = await tx
      .insert(customers)
      .values({
        workspaceId: viewer.workspaceId,
        name: input.name,
        localName: input.localName ?? null,
        nameNormalized: normalizeCompanyName(input.name),
        country: input.country,
        city: input.city ?? null,
        address: input.address ?? null,
        website: input.website ?? null,
        websiteHost: input.website ? websiteHost(input.website) : null,
        phones,
        industry: input.industry ?? null,
        source: input.source ?? null,
        tier: input.tier ?? "C",
        stage: input.stage ?? "new",
        tags: input.tags ?? [],
        productsOfInterest: input.productsOfInterest ?? [],
        estimatedAnnualPurchase: input.estimatedAnnualPurchase ?? null,
        estimatedAnnualCurrency: input.estimatedAnnualCurrency ?? null,
        notes: input.notes ?? null,
        ownerId,
        timeZone: input.timeZone ?? guessTimeZone(input.country, input.city),
        createdBy: viewer.userId,
        ownedSince: ownerId ? now : null,
        releasedAt: ownerId ? null : now,
      })
      .returning({ id: customers.id });
    if (!row) throw new Error("insert returned no customer");
    if (contactRows.length > 0) {
      await tx
        .insert(contacts)
        .values(contactRows.map((c) => ({ ...c, workspaceId: viewer.workspaceId, customerId: row.id })));
    }
    await refreshDerived(tx, viewer.workspaceId, row.id);
    await tx.insert(ownershipEvents).values({
      workspaceId: viewer.workspaceId,
      customerId: row.id,
      kind: "created",
      toUserId: ownerId,
      actorId: viewer.userId,
    });
    await recordAudit(tx, viewer, {
      action: "customer.created",
      entityType: "customer",
      entityId: row.id,
      changes: {
        name: input.name,
        country: input.country,
        ownerId,
        confirmedNotDuplicate: matches.length > 0,
      },
    });
    return row.id;
  });
  const detail = await getCustomer(db, viewer, id);
  if (detail.access !== "full") throw new Error("creator lost access to the new customer");
  return detail;
}

export async function findCustomerRow(db: DbOrTx, viewer: Viewer, id: string): Promise<CustomerRow> {
  const [row] = await db
    .select(customerColumns)
    .from(customers)
    .where(customersScope(viewer, eq(customers.id, id)));
  if (!row) throw notFound("Customer");
  return row;
}

// A customer the viewer may only see as a card answers 404 for everything beyond the card.
export async function findWorkableCustomer(db: DbOrTx, viewer: Viewer, id: string): Promise<CustomerRow> {
  const row = await findCustomerRow(db, viewer, id);
  if (!hasFullAccess(viewer, row)) throw notFound("Customer");
  if (!canWork(viewer, row)) throw forbidden("Claim this customer from the public pool before working on it");
  return row;
}

export async function findVisibleCustomer(db: DbOrTx, viewer: Viewer, id: string): Promise<CustomerRow> {
  const row = await findCustomerRow(db, viewer, id);
  if (!hasFullAccess(viewer, row)) throw notFound("Customer");
  return row;
}

// The contact a list row shows: the primary one, else the first added (the detail's order).
const primaryContactSql = sql<{ name: string; email: string | null } | null>`(
  select json_build_object('name', ${contacts.name}, 'email', ${contacts.emails}[1]) from ${contacts}
  where ${contacts.workspaceId} = ${customers.workspaceId} and ${contacts.customerId} = ${customers.id}
  order by ${contacts.isPrimary} desc, ${contacts.createdAt} limit 1)`;

// The hottest read of the app: the customer, its owner's name and the pool rules in one query, and
// its contacts beside it (dropped unread when the viewer may see only the card).
// The detail is the most frequent read of the app: one statement.
const detailQuery = preparedPerHandle((db: DbOrTx) => {
  const workspaceId = sql.placeholder("workspaceId");
  return db
    .select({
      customer: customerColumns,
      ownerName: users.name,
      pool: storedSection(POOL_SECTION, workspaceId),
      contacts: sql<Record<string, unknown>[]>`(
        select coalesce(json_agg(${contacts} order by ${contacts.isPrimary} desc, ${contacts.createdAt}), '[]')
        from ${contacts}
        where ${contacts.workspaceId} = ${customers.workspaceId} and ${contacts.customerId} = ${customers.id})`,
    })
    .from(customers)
    .leftJoin(users, and(eq(users.workspaceId, customers.workspaceId), eq(users.id, customers.ownerId)))
    .where(customersScope({ workspaceId }, eq(customers.id, sql.placeholder("id"))))
    .prepare("customer_detail");
});

export async function getCustomer(db: DbOrTx, viewer: Viewer, id: string): Promise<CustomerDetail> {
  const [found] = await detailQuery(db).execute({ workspaceId: viewer.workspaceId, id });
  if (!found) throw notFound("Customer");
  const { customer: row, ownerName } = found;
  if (!hasFullAccess(viewer, row)) return toCard(row, ownerName);
  const settings = withDefaults(POOL_SECTION, found.pool);
  const contactRows = found.contacts.map((json) => rowFromJson(contacts, json));
  const primary = contactRows[0]
    ? { name: contactRows[0].name, email: contactRows[0].emails[0] ?? null }
    : null;
  return {
    contacts: contactRows.map(toContact),
    localContext: localContext(row.country, row.timeZone),
    ...toCustomer(row, ownerName, settings.releaseAfterDays, primary),
  };
}

const SORTS = {
  updatedAt: customers.updatedAt,
  createdAt: customers.createdAt,
  name: customers.nameNormalized,
  lastFollowUpAt: customers.lastFollowUpAt,
  nextFollowUpAt: customers.nextFollowUpAt,
} as const;
// Customers never followed up (or with nothing planned) come last in either direction.
const NULLABLE_SORTS = new Set<keyof typeof SORTS>(["lastFollowUpAt", "nextFollowUpAt"]);

const sortKeyOf = (sort: string) => sort.replace(/^-/, "") as keyof typeof SORTS;

// The order matches an index of customers.table.ts exactly (direction, nulls, id tie-break in the
// same direction), so PostgreSQL reads a page in index order instead of sorting every match.
export function listOrder(sort: string): SQL[] {
  const descending = sort.startsWith("-");
  const key = sortKeyOf(sort);
  const column = SORTS[key];
  const nulls = NULLABLE_SORTS.has(key) ? sql` nulls last` : sql``;
  return descending
    ? [sql`${column} desc${nulls}`, sql`${customers.id} desc${nulls}`]
    : [sql`${column} asc${nulls}`, asc(customers.id)];
}

async function teamMemberIds(db: DbOrTx, viewer: Viewer): Promise<string[]> {
  const ids = new Set([viewer.userId, ...viewer.managedUserIds]);
  if (viewer.teamId) {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, viewer.workspaceId), eq(users.teamId, viewer.teamId)));
    for (const row of rows) ids.add(row.id);
  }
  return [...ids];
}

function startOfDayIn(date: string, timeZone: string): SQL {
  return sql`(${date}::date::timestamp at time zone ${timeZone})`;
}

export async function customerListFilters(
  db: DbOrTx,
  viewer: Viewer,
  query: CustomerListQuery,
  now = new Date(),
) {
  const filters: (SQL | undefined)[] = [];
  if (query.scope === "mine") filters.push(eq(customers.ownerId, viewer.userId));
  if (query.scope === "team") filters.push(inArray(customers.ownerId, await teamMemberIds(db, viewer)));
  if (query.scope === "pool") filters.push(isNull(customers.ownerId));
  if (query.ownerId) filters.push(eq(customers.ownerId, query.ownerId));
  if (query.tier) filters.push(eq(customers.tier, query.tier));
  if (query.stage) filters.push(eq(customers.stage, query.stage));
  if (query.country) filters.push(eq(customers.country, query.country));
  if (query.source) filters.push(eq(customers.source, query.source));
  if (query.tag) filters.push(sql`${customers.tags} @> array[${query.tag}]::text[]`);
  if (query.createdFrom)
    filters.push(gte(customers.createdAt, startOfDayIn(query.createdFrom, viewer.timeZone)));
  if (query.createdTo) {
    filters.push(
      lt(customers.createdAt, sql`${startOfDayIn(query.createdTo, viewer.timeZone)} + interval '1 day'`),
    );
  }
  if (query.idleDays !== undefined) {
    const cutoff = new Date(now.getTime() - query.idleDays * DAY_MS);
    filters.push(lt(customerIdleSince, cutoff));
  }
  if (query.q) filters.push(await customerSearchFilter(db, viewer.workspaceId, query.q));
  return customersScope(viewer, ...filters);
}

type ListPage = {
  items: CustomerListItem[];
  total: number;
  totalIsEstimate: boolean;
  page: number;
  pageSize: number;
};

// What a list row reads: the customer, its owner's name, whether the viewer sees it in full, its
// primary contact when they do, and the pool rules (for the release date), in the row's statement.
function listRowColumns(viewer: Viewer) {
  const fullAccess = fullAccessSql(viewer);
  return {
    customer: customerColumns,
    ownerName: users.name,
    fullAccess: fullAccess.mapWith(Boolean),
    primaryContact: sql<{
      name: string;
      email: string | null;
    } | null>`case when ${fullAccess} then ${primaryContactSql} end`,
    pool: storedSection(POOL_SECTION, viewer.workspaceId),
  };
}

type ListRow = Awaited<ReturnType<typeof pageQuery>>[number];

function listPage(rows: ListRow[], counted: number, countCap: number, query: CustomerListQuery): ListPage {
  const { releaseAfterDays } = withDefaults(POOL_SECTION, rows[0]?.pool);
  return {
    items: rows.map((row) =>
      row.fullAccess
        ? toCustomer(row.customer, row.ownerName, releaseAfterDays, row.primaryContact)
        : toCard(row.customer, row.ownerName),
    ),
    total: Math.min(counted, countCap),
    totalIsEstimate: counted > countCap,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function pageQuery(db: DbOrTx, viewer: Viewer, where: SQL | undefined, query: CustomerListQuery) {
  return db
    .select(listRowColumns(viewer))
    .from(customers)
    .leftJoin(users, and(eq(users.workspaceId, customers.workspaceId), eq(users.id, customers.ownerId)))
    .where(where)
    .orderBy(...listOrder(query.sort))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
}

async function cappedCount(db: DbOrTx, where: SQL | undefined, cap: number): Promise<number> {
  const { rows } = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from (select 1 from ${customers} where ${where} limit ${cap + 1}) capped`,
  );
  return Number(rows[0]?.count ?? 0);
}

// What the planner expects, from its statistics and without reading a row: how many customers the
// filter matches, and how many the viewer's workspace holds.
async function plannedRows(
  db: DbOrTx,
  viewer: Viewer,
  where: SQL,
): Promise<{ matches: number; workspace: number }> {
  const append = await plannedQuery(
    db,
    sql`select 1 from ${customers} where ${where}
      union all
      select 1 from ${customers} where ${customersScope(viewer)}`,
  );
  const [matched, all] = append.Plans ?? [];
  return { matches: matched?.["Plan Rows"] ?? 0, workspace: all?.["Plan Rows"] ?? 0 };
}

// Whether a search is served by walking the sort order without counting (searchPage): when the
// planner expects more matches than the cap and either far more (even the counted path would have to
// walk) or so many that the walk to the page reads fewer rows than counting would.
async function servedWithoutCount(
  db: DbOrTx,
  viewer: Viewer,
  where: SQL,
  query: CustomerListQuery,
): Promise<boolean> {
  if (searchTermsOf(query.q ?? "").length !== 1) return false;
  const { matches, workspace } = await plannedRows(db, viewer, where);
  if (matches <= SEARCH_COUNT_CAP) return false;
  const walked = (query.page * query.pageSize * workspace) / matches;
  return (
    matches > FREQUENT_SEARCH_FACTOR * SEARCH_COUNT_CAP || walked <= FREQUENT_SEARCH_FACTOR * SEARCH_COUNT_CAP
  );
}

// A search reads its matches through the GIN index first (at most the count cap of them, which the
// count needs anyway), sorts those and joins the page's rows: one statement. Left to itself, the
// planner may instead walk the sort order's index and test every row against the search, which it
// thinks pays off when two common words look likely to meet; when they rarely do ("prime harbor":
// 23 matches, 458 expected) it reads most of the workspace (142 ms at 100,000 customers). Only a search
// with more matches than the cap, where walking the sort order finds a page quickly, takes the list's
// plain statement after it.
//
// One word or address that the planner expects to match more customers than the cap (a common
// surname: 13,689 of 1,000,000) skips the count when walking the sort order to its page reads fewer
// rows (servedWithoutCount). Its total is then the cap, as an estimate, unless the page itself shows
// where the matches end.
async function searchPage(
  db: DbOrTx,
  viewer: Viewer,
  where: SQL,
  query: CustomerListQuery,
): Promise<ListPage> {
  if (await servedWithoutCount(db, viewer, where, query)) {
    const rows = await pageQuery(db, viewer, where, query);
    if (rows.length === query.pageSize) return listPage(rows, SEARCH_COUNT_CAP + 1, SEARCH_COUNT_CAP, query);
    if (rows.length > 0 || query.page === 1) {
      return listPage(rows, (query.page - 1) * query.pageSize + rows.length, SEARCH_COUNT_CAP, query);
    }
  }
  const sortColumn = SORTS[sortKeyOf(query.sort)];
  // The matches are named like the table, so the list's own order expressions sort them.
  const matchedPage = sql`(
    with matches as (
      select ${customers.id}, ${sortColumn} from ${customers} where ${where} limit ${SEARCH_COUNT_CAP + 1}
    )
    select ${customers.id} as page_id, (select count(*) from matches)::int as matched
    from matches as ${customers}
    order by ${sql.join(listOrder(query.sort), sql`, `)}
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
  ) as matched_page`;
  const rows = await db
    .select({ ...listRowColumns(viewer), matched: sql<number>`matched_page.matched`.mapWith(Number) })
    .from(customers)
    .innerJoin(matchedPage, sql`${customers.id} = matched_page.page_id`)
    .leftJoin(users, and(eq(users.workspaceId, customers.workspaceId), eq(users.id, customers.ownerId)))
    .where(customersScope(viewer))
    .orderBy(...listOrder(query.sort));
  const matched = rows[0]?.matched ?? (query.page > 1 ? await cappedCount(db, where, SEARCH_COUNT_CAP) : 0);
  if (matched <= SEARCH_COUNT_CAP) return listPage(rows, matched, SEARCH_COUNT_CAP, query);
  return listPage(await pageQuery(db, viewer, where, query), matched, SEARCH_COUNT_CAP, query);
}

export async function listCustomers(db: DbOrTx, viewer: Viewer, query: CustomerListQuery): Promise<ListPage> {
  const where = await customerListFilters(db, viewer, query);
  if (query.q && where) return searchPage(db, viewer, where, query);
  // Two statements side by side, each one round trip: the page and the capped count.
  const [rows, counted] = await Promise.all([
    pageQuery(db, viewer, where, query),
    cappedCount(db, where, COUNT_CAP),
  ]);
  return listPage(rows, counted, COUNT_CAP, query);
}

const AUDITED_FIELDS = [
  "name",
  "localName",
  "country",
  "city",
  "address",
  "website",
  "phones",
  "industry",
  "source",
  "tier",
  "stage",
  "tags",
  "productsOfInterest",
  "estimatedAnnualPurchase",
  "estimatedAnnualCurrency",
  "notes",
  "timeZone",
] as const;

export async function updateCustomer(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  input: UpdateCustomerInput,
): Promise<CustomerDetail> {
  const current = await findWorkableCustomer(db, viewer, id);
  const { confirmNotDuplicate, ...fields } = input;
  const country = fields.country ?? current.country;
  const phones = fields.phones ? normalizePhones(fields.phones, country, "phones") : undefined;
  const identityChanged =
    (fields.name !== undefined && fields.name !== current.name) ||
    (fields.website !== undefined && fields.website !== current.website) ||
    phones !== undefined;
  if (identityChanged) {
    const matches = await findDuplicates(
      db,
      viewer.workspaceId,
      {
        name: fields.name ?? current.name,
        website: (fields.website === undefined ? current.website : fields.website) ?? undefined,
        phones: phones ?? current.phones,
        country,
      },
      { excludeCustomerId: id },
    );
    assertNotDuplicate(matches, confirmNotDuplicate);
  }
  const values: Partial<typeof customers.$inferInsert> = { ...fields, updatedAt: new Date() };
  if (phones) values.phones = phones;
  if (fields.name) values.nameNormalized = normalizeCompanyName(fields.name);
  if (fields.website !== undefined) values.websiteHost = fields.website ? websiteHost(fields.website) : null;
  if (fields.country && fields.country !== current.country && fields.timeZone === undefined) {
    values.timeZone = guessTimeZone(fields.country, fields.city ?? current.city);
  }
  const movesCountry = values.country !== undefined && values.country !== current.country;
  await db.transaction(async (tx) => {
    // The sales dashboard files sales under the customer's country: they move with it.
    if (movesCountry) await recordCustomerSales(tx, current, -1);
    const [after] = await tx
      .update(customers)
      .set(values)
      .where(customersScope(viewer, eq(customers.id, id)))
      .returning();
    if (!after) throw notFound("Customer");
    if (movesCountry) await recordCustomerSales(tx, current, 1);
    await refreshDerived(tx, viewer.workspaceId, id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of AUDITED_FIELDS) {
      if (JSON.stringify(current[key]) !== JSON.stringify(after[key]))
        changes[key] = { from: current[key], to: after[key] };
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, viewer, {
        action: "customer.updated",
        entityType: "customer",
        entityId: id,
        changes,
      });
    }
  });
  return getCustomer(db, viewer, id);
}

export async function listContacts(db: DbOrTx, viewer: Viewer, customerId: string): Promise<Contact[]> {
  await findVisibleCustomer(db, viewer, customerId);
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, viewer.workspaceId), eq(contacts.customerId, customerId)))
    .orderBy(desc(contacts.isPrimary), asc(contacts.createdAt));
  return rows.map(toContact);
}

export async function addContact(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  input: ContactInput,
): Promise<Contact> {
  const customer = await findWorkableCustomer(db, viewer, customerId);
  const values = contactValues(input, customer.country, "");
  const matches = (
    await findDuplicates(
      db,
      viewer.workspaceId,
      { emails: values.emails ?? [], phones: values.phones ?? [] },
      { excludeCustomerId: customerId },
    )
  ).filter((match) => match.exact);
  if (matches.length > 0) {
    throw new AppError("duplicate", `This contact belongs to another customer: ${matches[0]?.name}`, {
      matches,
      requiresConfirmation: false,
    });
  }
  return db.transaction(async (tx) => {
    if (values.isPrimary) {
      await tx
        .update(contacts)
        .set({ isPrimary: false })
        .where(and(eq(contacts.workspaceId, viewer.workspaceId), eq(contacts.customerId, customerId)));
    }
    const [row] = await tx
      .insert(contacts)
      .values({ ...values, workspaceId: viewer.workspaceId, customerId })
      .returning();
    if (!row) throw new Error("insert returned no contact");
    await refreshDerived(tx, viewer.workspaceId, customerId);
    await tx
      .update(customers)
      .set({ updatedAt: new Date() })
      .where(customersScope(viewer, eq(customers.id, customerId)));
    await recordAudit(tx, viewer, {
      action: "contact.added",
      entityType: "customer",
      entityId: customerId,
      changes: { contactId: row.id, name: row.name },
    });
    return toContact(row);
  });
}

export async function updateCollaborators(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  input: { add?: string[]; remove?: string[] },
): Promise<CustomerDetail> {
  const customer = await findWorkableCustomer(db, viewer, customerId);
  for (const [index, userId] of (input.add ?? []).entries()) {
    await assertAssignableUser(db, viewer.workspaceId, userId, `add.${index}`);
  }
  const next = [
    ...new Set(
      [...customer.collaboratorIds, ...(input.add ?? [])].filter((id) => !input.remove?.includes(id)),
    ),
  ].filter((id) => id !== customer.ownerId);
  await db.transaction(async (tx) => {
    await tx
      .update(customers)
      .set({ collaboratorIds: next, updatedAt: new Date() })
      .where(customersScope(viewer, eq(customers.id, customerId)));
    await recordAudit(tx, viewer, {
      action: "customer.collaborators_changed",
      entityType: "customer",
      entityId: customerId,
      changes: { from: customer.collaboratorIds, to: next },
    });
  });
  return getCustomer(db, viewer, customerId);
}
