import { sql } from "drizzle-orm";
import { v7 as timeOrderedId } from "uuid";
import type { DbOrTx } from "../../db/client";
import { contacts, customers, ownershipEvents } from "../customers/customers.table";
import { guessTimeZone } from "../customers/local-context";
import { customerSearchText, searchLexemes, toSearchVector } from "../customers/search";
import {
  insertMatchKeys,
  type MatchKeyRow,
  type MatchKeyWriter,
  nameMatchKeys,
} from "../dedupe/dedupe.service";
import { companyDomains, websiteHost } from "../dedupe/normalize";
import type { PreparedRow } from "./rows";

// Time-zone lookup scans a city table; a file repeats its cities, so each is looked up once.
const timeZones = new Map<string, string | null>();
function timeZoneOf(country: string, city: string | undefined): string | null {
  const key = `${country}\u0000${city ?? ""}`;
  let zone = timeZones.get(key);
  if (zone === undefined) {
    zone = guessTimeZone(country, city);
    timeZones.set(key, zone);
  }
  return zone;
}

// One statement per table for a whole chunk: the rows travel as one JSON parameter and
// json_to_recordset turns them into a relation, which is far cheaper than a bound parameter per
// value and works the same on PostgreSQL and PGlite. The derived columns (search text, e-mail
// domains, match keys) are computed as refreshDerived does for a single customer.
//
// The search words of the new customers are returned for the caller to record (recordSearchWords):
// two transactions inserting the same new word would wait for each other, and an import writes a
// chunk in two transactions at once, committing one only after the other.
export async function insertCustomers(
  tx: DbOrTx,
  batch: {
    workspaceId: string;
    ownerId: string | null;
    importerId: string;
    reason: string;
    rows: PreparedRow[];
    matchKeys: MatchKeyWriter;
  },
): Promise<{ ids: string[]; words: Set<string> }> {
  const words = new Set<string>();
  if (batch.rows.length === 0) return { ids: [], words };
  const keyRows: MatchKeyRow[] = [];
  // Time-ordered ids: an import's new rows land at the end of every index keyed by id (the tables'
  // primary keys, the match keys' and contacts' customer index) instead of on a random page of each,
  // which on a large workspace was much of the cost of every row written.
  const customerRows = batch.rows.map(({ input, contact, nameNormalized, importKey, exactKeys }) => {
    const id = timeOrderedId();
    const nameKeys = nameMatchKeys({ name: input.name, nameNormalized, localName: input.localName });
    keyRows.push(...batch.matchKeys.rowsOf(id, [...exactKeys, ...nameKeys]));
    const emails = contact?.emails ?? [];
    const searchText = customerSearchText([
      input.name,
      input.localName,
      input.website,
      contact?.name,
      ...emails,
    ]);
    const lexemes = searchLexemes(searchText);
    for (const lexeme of lexemes) words.add(lexeme);
    return {
      id,
      name: input.name,
      local_name: input.localName ?? null,
      name_normalized: nameNormalized,
      country: input.country,
      city: input.city ?? null,
      address: input.address ?? null,
      website: input.website ?? null,
      website_host: input.website ? websiteHost(input.website) : null,
      email_domains: companyDomains(input.website, emails),
      phones: input.phones,
      industry: input.industry ?? null,
      source: input.source ?? null,
      tier: input.tier ?? "C",
      stage: input.stage ?? "new",
      tags: input.tags ?? [],
      notes: input.notes ?? null,
      time_zone: timeZoneOf(input.country, input.city),
      search_text: searchText,
      search_vector: toSearchVector(lexemes),
      import_key: importKey,
    };
  });
  const ids = customerRows.map((row) => row.id);
  const owned = batch.ownerId !== null;
  await tx.execute(sql`
    insert into ${customers} (workspace_id, id, name, local_name, name_normalized, country, city, address,
      website, website_host, email_domains, phones, industry, source, tier, stage, tags, notes, owner_id,
      time_zone, search_text, search_vector, created_by, owned_since, released_at, import_key)
    select ${batch.workspaceId}::uuid, r.id, r.name, r.local_name, r.name_normalized, r.country, r.city,
      r.address, r.website, r.website_host, r.email_domains, r.phones, r.industry, r.source, r.tier, r.stage,
      r.tags, r.notes, ${batch.ownerId}::uuid, r.time_zone, r.search_text, r.search_vector::tsvector, ${batch.importerId}::uuid,
      ${owned ? sql`now()` : sql`null`}, ${owned ? sql`null` : sql`now()`}, r.import_key
    from json_to_recordset(${JSON.stringify(customerRows)}::json) as r(id uuid, name text, local_name text,
      name_normalized text, country text, city text, address text, website text, website_host text,
      email_domains text[], phones text[], industry text, source text, tier text, stage text, tags text[],
      notes text, time_zone text, search_text text, search_vector text, import_key text)`);

  const contactRows = batch.rows.flatMap(({ contact }, at) =>
    contact
      ? [
          {
            id: timeOrderedId(),
            customer_id: ids[at],
            name: contact.name,
            title: contact.title,
            emails: contact.emails,
            phones: contact.phones,
          },
        ]
      : [],
  );
  if (contactRows.length > 0) {
    await tx.execute(sql`
      insert into ${contacts} (workspace_id, id, customer_id, name, title, emails, phones, is_primary)
      select ${batch.workspaceId}::uuid, r.id, r.customer_id, r.name, r.title, r.emails, r.phones, true
      from json_to_recordset(${JSON.stringify(contactRows)}::json)
        as r(id uuid, customer_id uuid, name text, title text, emails text[], phones text[])`);
  }

  // About 35 keys per customer before common ones are left out, the import's largest set of rows. No
  // "on conflict": the customers are new and each kind of key comes once per customer, and the
  // conflict check nearly doubled the cost of this, the import's most expensive statement.
  await insertMatchKeys(tx, batch.workspaceId, keyRows);

  await tx.execute(sql`
    insert into ${ownershipEvents} (workspace_id, id, customer_id, kind, to_user_id, actor_id, reason)
    select ${batch.workspaceId}::uuid, (e ->> 0)::uuid, (e ->> 1)::uuid, 'created', ${batch.ownerId}::uuid,
      ${batch.importerId}::uuid, ${batch.reason}
    from json_array_elements(${JSON.stringify(ids.map((id) => [timeOrderedId(), id]))}::json) as e`);
  return { ids, words };
}
