import { and, eq, type SQL, sql } from "drizzle-orm";
import type { DuplicateMatch } from "../../../../shared/schemas/customers";
import type { DbOrTx } from "../../db/client";
import { preparedPerHandle } from "../../db/prepared";
import { customers } from "../customers/customers.table";
import { users } from "../users/users.table";
import { customerMatchCommonKeys, customerMatchKeys, type MatchKeyKind } from "./dedupe.table";
import {
  companyDomains,
  emailDomain,
  isSharedPlatformDomain,
  nameTerms,
  nameTokens,
  normalizeCompanyName,
  termsSimilarity,
  toE164,
  WEIGHT_GENERIC,
  websiteHost,
} from "./normalize";

// What the duplicate check knows about a customer. Phones are E.164. nameNormalized, when the caller
// has it, saves normalizing the name again.
export type MatchSubject = {
  name: string;
  nameNormalized?: string;
  localName?: string | null;
  country: string;
  website?: string | null;
  emails: string[];
  phones: string[];
};

export type MatchKey = { kind: MatchKeyKind; value: string };

export type DuplicateProbe = {
  name?: string;
  website?: string;
  emails?: string[];
  phones?: string[];
  country?: string;
};

// A candidate whose name scores at least this (after the country adjustment) is a fuzzy duplicate.
export const FUZZY_THRESHOLD = 0.7;
// Country agreement raises a fuzzy score; two different countries lower it. An identical name still
// matches across countries (1 - 0.1 ≥ FUZZY_THRESHOLD): the same buyer often registers in several.
const SAME_COUNTRY_BONUS = 0.05;
const OTHER_COUNTRY_PENALTY = 0.1;

// Rows read per probe key: bounds the work of a check whatever a key's frequency. A name key shared
// by more customers than this (a common word or surname) is dropped: an arbitrary slice of its
// customers would only crowd out the candidates that rarer keys point at. Exact keys (e-mail, domain,
// phone, host) and the whole-name key keep their first KEY_CAP customers.
const KEY_CAP = 50;
// Candidates scored per check, the best-supported by their keys.
const CANDIDATE_LIMIT = 100;
const DEFAULT_LIMIT = 20;
// Typo-tolerant word keys cover the start of a word: a word longer than this shares its keys with
// every word that starts like it, which the scoring then tells apart.
const WORD_KEY_LENGTH = 6;
// Words per name that get typo-tolerant keys; the longest are kept (they carry the most information).
const WORDS_KEYED = 4;

// Keys of a normalized name, all of kind "token":
//   "=acmetrading"  the whole name without spaces: finds every customer with the same normalized name;
//   "~hansen", "~hnsen", …  each distinctive word's first six letters and every variant of them with
//                   one letter deleted: one typo (substitution, insertion, deletion, swap) in the
//                   probe's word still leaves a variant in common (the symmetric-deletion scheme);
//   "+bar tex", "-osa til"  each pair of the name's words, generic ones included, by their first and by
//                   their last three letters ("Barbosa Têxtil"): far rarer than a common surname alone,
//                   and one typo cannot change both ends of a word of six letters or more.
// CJK names are keyed by character bigrams ("~华为"), which a one-character difference leaves intact.
// Each key carries its group: the variants of one word form one group, so a word counts once when
// candidates are ranked.
type NameKey = { value: string; group: string };

function nameKeys(normalized: string): NameKey[] {
  if (!normalized) return [];
  const whole = `=${normalized.replaceAll(" ", "")}`;
  const keys: NameKey[] = [{ value: whole, group: whole }];
  const words = nameTokens(normalized);
  for (const word of [...words].sort((a, b) => b.length - a.length).slice(0, WORDS_KEYED)) {
    const letters = [...word].slice(0, WORD_KEY_LENGTH);
    const group = `~${word}`;
    keys.push({ value: `~${letters.join("")}`, group });
    if (letters.length < 4) continue;
    for (let skip = 0; skip < letters.length; skip += 1) {
      keys.push({ value: `~${letters.filter((_, at) => at !== skip).join("")}`, group });
    }
  }
  const paired = nameTerms(normalized)
    .filter((term) => !term.cjk && term.weight >= WEIGHT_GENERIC && term.text.length >= 3)
    .slice(0, WORDS_KEYED)
    .map((term) => [...term.text]);
  paired.forEach((first, at) => {
    for (const second of paired.slice(at + 1)) {
      const start = `+${first.slice(0, 3).join("")} ${second.slice(0, 3).join("")}`;
      const end = `-${first.slice(-3).join("")} ${second.slice(-3).join("")}`;
      keys.push({ value: start, group: start }, { value: end, group: end });
    }
  });
  return keys;
}

// Phones are E.164 already: stored ones are, and a probe's are converted by findDuplicates.
function exactKeys(input: { website?: string | null; emails: string[]; phones: string[] }): MatchKey[] {
  const keys: MatchKey[] = [];
  for (const email of input.emails) {
    const address = email.trim().toLowerCase();
    if (emailDomain(address)) keys.push({ kind: "email", value: address });
  }
  for (const domain of companyDomains(input.website, input.emails))
    keys.push({ kind: "domain", value: domain });
  for (const phone of input.phones) keys.push({ kind: "phone", value: phone });
  const host = input.website ? websiteHost(input.website) : null;
  if (host && !isSharedPlatformDomain(host)) keys.push({ kind: "host", value: host });
  return keys;
}

function unique<Key extends MatchKey>(keys: Key[]): Key[] {
  const seen = new Map<string, Key>();
  for (const key of keys) seen.set(`${key.kind}:${key.value}`, key);
  return [...seen.values()];
}

// The exact keys of a customer: contact e-mails, company domains, E.164 phones, website host.
export function exactMatchKeys(subject: Pick<MatchSubject, "website" | "emails" | "phones">): MatchKey[] {
  return unique(exactKeys(subject));
}

// The name keys of a customer, of its name and local name.
export function nameMatchKeys(
  subject: Pick<MatchSubject, "name" | "nameNormalized" | "localName">,
): MatchKey[] {
  const normalizedNames = [subject.nameNormalized ?? normalizeCompanyName(subject.name)];
  if (subject.localName?.trim()) normalizedNames.push(normalizeCompanyName(subject.localName));
  return unique(
    normalizedNames.flatMap((normalized) =>
      nameKeys(normalized).map(({ value }) => ({ kind: "token" as const, value })),
    ),
  );
}

// Every key of a customer. The importer asks for the two kinds apart: a row's exact keys find
// duplicates in the file and the database, its name keys are needed only if it is inserted.
export function matchKeysOf(subject: MatchSubject): MatchKey[] {
  return [...exactMatchKeys(subject), ...nameMatchKeys(subject)];
}

// A name key shared by more than KEY_CAP customers tells the check nothing, and the check learns that
// from its first KEY_CAP + 1 rows (findCandidates). So once a key has that many rows it is listed in
// customer_match_common_keys and no more rows are written for it: at 100,000 customers this leaves
// out over half of all rows, and of the cost of writing them. Exact keys and whole-name keys are
// always written (the check keeps them however common). What the check relies on stays true:
//   - a key that is not listed has a row for every customer with it (none was ever left out);
//   - a listed key has at least KEY_CAP + 1 rows: it is listed only with that many, and its rows are
//     never removed (a customer renamed away from a common word leaves its row behind, where it only
//     counts).
// A key may get a few more rows than that before it is listed (by two writers at once): more rows
// than needed. A rename committed at the very moment a key is listed can leave it one row short;
// the check then takes that key's customers as candidates, which scoring sorts out.
export const STORED_PER_COMMON_KEY = KEY_CAP + 1;
const isCappedKey = (key: MatchKey) => key.kind === "token" && !key.value.startsWith("=");

const isListedCommon = (workspaceId: SQL, kind: SQL, value: SQL) => sql`exists (
  select 1 from ${customerMatchCommonKeys} c
  where c.workspace_id = ${workspaceId} and c.kind = ${kind} and c.value = ${value})`;

export type MatchKeyRow = [kind: MatchKeyKind, value: string, customerId: string];

// Writes [kind, value, customer id] rows in one statement, however many (they travel as one JSON
// parameter). A bulk writer has left out the rows of listed keys itself; a customer's keys written
// again (replacing) skip them here, and any row the customer still has.
export async function insertMatchKeys(
  db: DbOrTx,
  workspaceId: string,
  rows: MatchKeyRow[],
  options: { replacing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into ${customerMatchKeys} (workspace_id, kind, value, customer_id)
    select ${workspaceId}::uuid, k ->> 0, k ->> 1, (k ->> 2)::uuid
    from json_array_elements(${JSON.stringify(rows)}::json) as k
    ${
      options.replacing
        ? sql`where not ${isListedCommon(sql`${workspaceId}::uuid`, sql`k ->> 0`, sql`k ->> 1`)}
          on conflict do nothing`
        : sql``
    }`);
}

// Lists name keys as common, those with fewer than KEY_CAP + 1 rows too unless onlyFull.
async function listCommon(
  db: DbOrTx,
  workspaceId: string,
  values: string[],
  options: { onlyFull?: boolean } = {},
): Promise<void> {
  if (values.length === 0) return;
  await db.execute(sql`
    insert into ${customerMatchCommonKeys} (workspace_id, kind, value)
    select ${workspaceId}::uuid, 'token', v from json_array_elements_text(${JSON.stringify(values)}::json) as v
    ${
      options.onlyFull
        ? sql`where not ${isListedCommon(sql`${workspaceId}::uuid`, sql`'token'`, sql`v`)} and (
            select count(*) from (
              select 1 from ${customerMatchKeys} f
              where f.workspace_id = ${workspaceId}::uuid and f.kind = 'token' and f.value = v
              limit ${STORED_PER_COMMON_KEY}
            ) kept
          ) >= ${STORED_PER_COMMON_KEY}`
        : sql``
    }
    on conflict do nothing`);
}

// The rows of a bulk writer (an import), which lists the keys it gives KEY_CAP + 1 rows. It starts
// from the keys already listed; listing them is left to the caller's transaction (listNewlyCommon),
// so that a key is listed only along with its rows.
export class MatchKeyWriter {
  // Rows written so far per name key not listed; a key leaves when it is listed.
  private readonly written = new Map<string, number>();
  private readonly newlyCommon: string[] = [];

  private constructor(private readonly common: Set<string>) {}

  static async start(db: DbOrTx, workspaceId: string): Promise<MatchKeyWriter> {
    const listed = await db
      .select({ value: customerMatchCommonKeys.value })
      .from(customerMatchCommonKeys)
      .where(
        and(eq(customerMatchCommonKeys.workspaceId, workspaceId), eq(customerMatchCommonKeys.kind, "token")),
      );
    return new MatchKeyWriter(new Set(listed.map((row) => row.value)));
  }

  rowsOf(customerId: string, keys: MatchKey[]): MatchKeyRow[] {
    const rows: MatchKeyRow[] = [];
    for (const key of keys) {
      if (isCappedKey(key)) {
        if (this.common.has(key.value)) continue;
        const written = (this.written.get(key.value) ?? 0) + 1;
        if (written >= STORED_PER_COMMON_KEY) {
          this.written.delete(key.value);
          this.common.add(key.value);
          this.newlyCommon.push(key.value);
        } else {
          this.written.set(key.value, written);
        }
      }
      rows.push([key.kind, key.value, customerId]);
    }
    return rows;
  }

  // Lists the keys that got their KEY_CAP + 1 rows since the last call; run in the transaction that
  // writes those rows, or after it.
  async listNewlyCommon(db: DbOrTx, workspaceId: string): Promise<void> {
    await listCommon(db, workspaceId, this.newlyCommon.splice(0));
  }
}

// Replaces the keys of one customer, and lists the name keys it brings to KEY_CAP + 1 rows (counting
// its own); runs in the transaction that writes the customer or its contacts. Rows of listed keys are
// neither removed nor added.
export async function writeMatchKeys(
  db: DbOrTx,
  workspaceId: string,
  customerId: string,
  subject: MatchSubject,
): Promise<void> {
  await db.execute(sql`
    delete from ${customerMatchKeys} d
    where d.workspace_id = ${workspaceId}::uuid and d.customer_id = ${customerId}::uuid
      and not ${isListedCommon(sql`d.workspace_id`, sql`d.kind`, sql`d.value`)}`);
  const keys = matchKeysOf(subject);
  await insertMatchKeys(
    db,
    workspaceId,
    keys.map((key) => [key.kind, key.value, customerId]),
    { replacing: true },
  );
  await listCommon(
    db,
    workspaceId,
    keys.filter(isCappedKey).map((key) => key.value),
    { onlyFull: true },
  );
}

type CandidateRow = {
  customerId: string;
  exactKeys: string[] | null;
  name: string;
  nameNormalized: string;
  localName: string | null;
  country: string;
  ownerId: string | null;
  ownerName: string | null;
};

type ProbeKey = MatchKey & { group: string };

// One statement text for every probe (the keys travel as three arrays), prepared once per database
// handle: a check does not pay for planning it again.
const candidatesQuery = preparedPerHandle((db: DbOrTx) =>
  db
    .select({
      customerId: sql<string>`r.customer_id`,
      exactKeys: sql<string[] | null>`r.exact_keys`,
      name: customers.name,
      nameNormalized: customers.nameNormalized,
      localName: customers.localName,
      country: customers.country,
      ownerId: customers.ownerId,
      ownerName: users.name,
    })
    .from(
      sql`(
        with hits as (
          select p.kind, p.value, p.grp, h.customer_id, count(*) over (partition by p.kind, p.value) as n
          from unnest(${sql.placeholder("kinds")}::text[], ${sql.placeholder("values")}::text[],
            ${sql.placeholder("groups")}::text[]) as p(kind, value, grp)
          cross join lateral (
            select m.customer_id from ${customerMatchKeys} m
            where m.workspace_id = ${sql.placeholder("workspaceId")}::uuid and m.kind = p.kind
              and m.value = p.value
              and m.customer_id is distinct from ${sql.placeholder("excludeCustomerId")}::uuid
            limit ${KEY_CAP + 1}
          ) h
        ),
        kept as (
          select * from hits where n <= ${KEY_CAP} or kind <> 'token' or value like '=%'
        ),
        groups as (
          select customer_id, grp, max(1.0 / n) as weight,
            array_agg(kind || ':' || value) filter (where kind <> 'token') as exact_keys
          from kept
          group by customer_id, grp
        )
        select customer_id, array_agg(exact_keys[1]) filter (where exact_keys is not null) as exact_keys
        from groups
        group by customer_id
        order by count(exact_keys) desc, sum(weight) desc
        limit ${CANDIDATE_LIMIT}
      ) r`,
    )
    .innerJoin(
      customers,
      and(eq(customers.workspaceId, sql.placeholder("workspaceId")), sql`${customers.id} = r.customer_id`),
    )
    .leftJoin(users, and(eq(users.workspaceId, customers.workspaceId), eq(users.id, customers.ownerId)))
    .prepare("duplicate_candidates"),
);

// Candidates: every probe key is looked up in customer_match_keys by its primary key, at most KEY_CAP
// rows each, so a check reads a bounded number of index entries whatever the workspace's size. Each
// candidate is ranked by its exact keys first, then by the sum over the probe's key groups (a word and
// its typo variants, a word pair, the whole name) of 1 / (rows the group's best key returned): a key
// shared by few customers says more than a frequent word.
async function findCandidates(
  db: DbOrTx,
  workspaceId: string,
  keys: ProbeKey[],
  excludeCustomerId: string | undefined,
): Promise<CandidateRow[]> {
  return candidatesQuery(db).execute({
    workspaceId,
    kinds: keys.map((key) => key.kind),
    values: keys.map((key) => key.value),
    groups: keys.map((key) => key.group),
    excludeCustomerId: excludeCustomerId ?? null,
  });
}

function exactReasons(exactKeys: string[]): string[] {
  const matched = exactKeys.map((key) => {
    const colon = key.indexOf(":");
    return { kind: key.slice(0, colon), value: key.slice(colon + 1) };
  });
  const hosts = new Set(matched.filter((key) => key.kind === "host").map((key) => key.value));
  const reasons: string[] = [];
  for (const { kind, value } of matched) {
    if (kind === "email") reasons.push(`same contact e-mail ${value}`);
    if (kind === "host") reasons.push(`same website ${value}`);
    if (kind === "phone") reasons.push(`same phone ${value}`);
    // A website match already says what the same domain would.
    if (kind === "domain" && !hosts.has(value)) reasons.push(`same e-mail domain ${value}`);
  }
  return reasons;
}

// The customers of the workspace that the probe may duplicate, best first, only those at or above
// FUZZY_THRESHOLD. exact = a contact e-mail, company domain (never free-mail), phone or website host is
// identical; an exact match scores 1. Otherwise the score is the name similarity (normalize.ts nameSimilarity, of
// the probe's name against the customer's name and local name) + SAME_COUNTRY_BONUS when both
// countries are known and equal, - OTHER_COUNTRY_PENALTY when they differ, within 0..1.
export async function findDuplicates(
  db: DbOrTx,
  workspaceId: string,
  probe: DuplicateProbe,
  options: { excludeCustomerId?: string; limit?: number } = {},
): Promise<DuplicateMatch[]> {
  const probeName = probe.name?.trim() ? normalizeCompanyName(probe.name) : "";
  const keys = unique([
    ...exactKeys({
      website: probe.website,
      emails: probe.emails ?? [],
      phones: (probe.phones ?? []).flatMap((phone) => toE164(phone, probe.country) ?? []),
    }).map((key) => ({ ...key, group: `${key.kind}:${key.value}` })),
    ...nameKeys(probeName).map(({ value, group }) => ({ kind: "token" as const, value, group })),
  ]);
  if (keys.length === 0) return [];
  const country = probe.country?.toUpperCase();
  const probeTerms = nameTerms(probeName);
  const similarityToProbe = (name: string) =>
    name.replaceAll(" ", "") === probeName.replaceAll(" ", "")
      ? 1
      : termsSimilarity(probeTerms, nameTerms(name));
  const candidates = await findCandidates(db, workspaceId, keys, options.excludeCustomerId);
  const matches: DuplicateMatch[] = [];
  for (const candidate of candidates) {
    const reasons = exactReasons(candidate.exactKeys ?? []);
    const exact = reasons.length > 0;
    const names = [candidate.nameNormalized];
    if (candidate.localName) names.push(normalizeCompanyName(candidate.localName));
    const similarity = probeName ? Math.max(...names.map((name) => similarityToProbe(name))) : 0;
    const sameCountry = country !== undefined && candidate.country === country;
    const adjustment = country === undefined ? 0 : sameCountry ? SAME_COUNTRY_BONUS : -OTHER_COUNTRY_PENALTY;
    const fuzzy = Math.min(1, Math.max(0, similarity + adjustment));
    const score = exact ? 1 : fuzzy;
    if (score < FUZZY_THRESHOLD) continue;
    // An exact match mentions the name only when it would have matched by itself.
    if (!exact || similarity >= FUZZY_THRESHOLD)
      reasons.push(`name ${Math.round(similarity * 100)}% similar`);
    if (sameCountry) reasons.push("same country");
    matches.push({
      customerId: candidate.customerId,
      name: candidate.name,
      country: candidate.country,
      ownerId: candidate.ownerId,
      ownerName: candidate.ownerName,
      inPublicPool: candidate.ownerId === null,
      score: Math.round(score * 1000) / 1000,
      exact,
      reasons,
    });
  }
  matches.sort(
    (a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || a.name.localeCompare(b.name),
  );
  return matches.slice(0, options.limit ?? DEFAULT_LIMIT);
}
