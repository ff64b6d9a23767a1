import { isNull, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { CJK_CHAR, fold, websiteHost } from "../dedupe/normalize";
import { customerSearchWords, customers } from "./customers.table";

// The search box finds customers by the beginnings of the words in their name, local name, website,
// contact names and e-mail addresses ("mül" finds "Müller GmbH"), ignoring case and accents. An
// address typed as one piece ("j.weber", "acme-industrial.de", "j.weber@acme") is looked up as one
// piece, so it finds that address rather than every customer with a Weber and an Acme somewhere.
// Scripts written without spaces are searched by substring: their text is indexed as single
// characters and character pairs, and a query matches when all its pairs occur.
//
// The words are cut in TypeScript, not by a PostgreSQL text search configuration, so that documents
// and queries are cut the same way on every engine and locale (PGlite has no ICU). The database only
// stores the words (a tsvector built from them verbatim) and looks them up in its GIN index, which
// answers from its posting lists without reading the text again — unlike a substring match over
// trigrams, whose candidates must all be rechecked.
//
// A prefix term ('crown':*) makes GIN read every posting of every word it covers, which for a common
// word costs tens of milliseconds at a million customers even when another term is rare. So prefixes
// are first expanded into the words that exist (customer_search_words, the workspace's vocabulary),
// and the query asks for those exact words, which GIN intersects by skipping through the postings.
// The column keeps statistics on its 10,000 most common words (migration 0014), so that the planner
// judges a rare word as rare. A list page of a search reads its matches through GIN first
// (customers.service.ts, searchPage).

const CJK_RUN = new RegExp(`[${CJK_CHAR}]+`, "u");
const CJK_OR_OTHER = new RegExp(`[${CJK_CHAR}]+|[^${CJK_CHAR}]+`, "gu");
const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;
const EDGES = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;
// An e-mail address, part of one, or a domain: words joined by dots, @, hyphens or underscores, with at
// least one dot or @ among them.
const ADDRESS_LIKE = /^(?=.*[.@])[\p{L}\p{M}\p{N}]+(?:[._@+-]+[\p{L}\p{M}\p{N}]+)*$/u;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/;
// Longer words are cut to this length on both sides, so a prefix query still finds them.
const MAX_WORD_LENGTH = 64;
// A prefix that covers more words than this is left to GIN's own prefix search.
const MAX_EXPANSION = 32;

const cut = (text: string) => [...text].slice(0, MAX_WORD_LENGTH).join("");

// Whitespace-separated pieces of folded text, without the punctuation around them.
function chunks(text: string): string[] {
  return fold(text)
    .replace(/[&＆]/g, " and ")
    .replace(/['’‘`´]/g, "")
    .split(/\s+/)
    .map((chunk) => chunk.replace(EDGES, ""))
    .filter(Boolean);
}

function words(chunk: string): string[] {
  return chunk
    .split(NOT_WORD)
    .flatMap((word) => word.match(CJK_OR_OTHER) ?? [])
    .map(cut);
}

function pairs(run: string): string[] {
  const chars = [...run];
  return chars.slice(1).map((char, at) => `${chars[at]}${char}`);
}

// Address lexemes carry a mark of their own, so that a word's prefix ("levante") never expands into
// the many addresses that start with it ("levante-solar.es"), nor an address's into words.
const ADDRESS_MARK = "@";
const address = (text: string) => `${ADDRESS_MARK}${cut(text)}`;

// The addresses in a piece of text: an e-mail's local part and domain (not the whole address: each
// is unique, and a query for one is asked as its two halves), a web address's host, or the piece.
function addresses(chunk: string): string[] {
  if (URL_LIKE.test(chunk)) {
    const host = websiteHost(chunk);
    return host ? [host] : [];
  }
  if (!ADDRESS_LIKE.test(chunk)) return [];
  const at = chunk.lastIndexOf("@");
  if (at < 0) return [chunk];
  const domain = chunk.slice(at + 1);
  return [chunk.slice(0, at), ...(ADDRESS_LIKE.test(domain) ? [domain] : [])].filter(Boolean);
}

// What a customer's search text is indexed under.
export function searchLexemes(text: string): string[] {
  const lexemes = new Set<string>();
  for (const chunk of chunks(text)) {
    for (const word of words(chunk)) {
      if (CJK_RUN.test(word)) {
        for (const char of word) lexemes.add(char);
        for (const pair of pairs(word)) lexemes.add(pair);
      } else {
        lexemes.add(word);
      }
    }
    for (const text of addresses(chunk)) lexemes.add(address(text));
  }
  return [...lexemes];
}

const quoted = (lexeme: string) => `'${lexeme.replace(/['\\]/g, (char) => `\\${char}`)}'`;

// The text form of a tsvector holding exactly these lexemes.
export function toSearchVector(lexemes: string[]): string {
  return lexemes.map(quoted).join(" ");
}

// The text a customer is found by: name, local name, website, contact names and e-mails.
export function customerSearchText(parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ").toLowerCase();
}

// A search box entry as terms that must all match: a prefix of a word or address, or an exact
// CJK character or character pair.
export type SearchTerm = { text: string; prefix: boolean };

export function searchTermsOf(input: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  const add = (text: string, prefix: boolean) => terms.set(`${prefix}:${text}`, { text, prefix });
  for (const chunk of chunks(input)) {
    const found = CJK_RUN.test(chunk) ? [] : addresses(chunk);
    if (found.length > 0) {
      for (const text of found) add(address(text), true);
      continue;
    }
    for (const word of words(chunk)) {
      if (!CJK_RUN.test(word)) add(word, true);
      else if ([...word].length === 1) add(word, false);
      else for (const pair of pairs(word)) add(pair, false);
    }
  }
  return [...terms.values()];
}

// The tsquery of the terms, each prefix replaced by the words it expands to when they are known
// (expansions: prefix → words; absent when the prefix covers too many words to list). Null when some
// prefix expands to no word at all: nothing can match.
export function searchQueryOf(
  terms: SearchTerm[],
  expansions: Map<string, string[]> = new Map(),
): string | null {
  const parts: string[] = [];
  for (const term of terms) {
    if (!term.prefix) {
      parts.push(quoted(term.text));
      continue;
    }
    const expanded = expansions.get(term.text);
    if (expanded === undefined) parts.push(`${quoted(term.text)}:*`);
    else if (expanded.length === 0) return null;
    else
      parts.push(
        expanded.length === 1 ? quoted(expanded[0] as string) : `(${expanded.map(quoted).join(" | ")})`,
      );
  }
  return parts.length > 0 ? parts.join(" & ") : null;
}

// The words of the workspace's vocabulary that each prefix covers; a prefix covering more than
// MAX_EXPANSION words is left out (searched by GIN's prefix match instead).
async function expandPrefixes(
  db: DbOrTx,
  workspaceId: string,
  prefixes: string[],
): Promise<Map<string, string[]>> {
  const expansions = new Map<string, string[]>(prefixes.map((prefix) => [prefix, []]));
  if (prefixes.length === 0) return expansions;
  const rows = await db.execute<{ prefix: string; word: string }>(sql`
    select p.prefix, w.word
    from json_array_elements_text(${JSON.stringify(prefixes)}::json) as p(prefix)
    cross join lateral (
      select v.word from ${customerSearchWords} v
      where v.workspace_id = ${workspaceId}::uuid
        and v.word collate "C" >= p.prefix and v.word collate "C" < p.prefix || chr(1114111)
      order by v.word collate "C"
      limit ${MAX_EXPANSION + 1}
    ) w`);
  for (const { prefix, word } of rows.rows) expansions.get(prefix)?.push(word);
  for (const [prefix, expanded] of expansions) {
    if (expanded.length > MAX_EXPANSION) expansions.delete(prefix);
  }
  return expansions;
}

// The condition a customer list adds for a search box entry.
export async function customerSearchFilter(db: DbOrTx, workspaceId: string, input: string): Promise<SQL> {
  const terms = searchTermsOf(input);
  const prefixes = terms.filter((term) => term.prefix).map((term) => term.text);
  const query = searchQueryOf(terms, await expandPrefixes(db, workspaceId, prefixes));
  return query === null ? sql`false` : sql`${customers.searchVector} @@ ${query}::tsquery`;
}

// The lexemes a prefix can expand into, once each: CJK text is never searched by prefix.
export function searchVocabulary(lexemes: Iterable<string>): string[] {
  // Sorted, so that transactions adding overlapping words wait for each other instead of deadlocking.
  return [...new Set(lexemes)].filter((lexeme) => !CJK_RUN.test(lexeme)).sort();
}

// Adds the words of customers' search texts to the workspace's vocabulary.
export async function recordSearchWords(
  db: DbOrTx,
  workspaceId: string,
  lexemes: Iterable<string>,
): Promise<void> {
  const words = searchVocabulary(lexemes);
  if (words.length === 0) return;
  await db.execute(sql`
    insert into ${customerSearchWords} (workspace_id, word)
    select ${workspaceId}::uuid, w from json_array_elements_text(${JSON.stringify(words)}::json) as w
    on conflict do nothing`);
}

const BACKFILL_BATCH = 500;

// Indexes the search words of customers written before search_vector existed (or by a writer that
// left it empty), a batch at a time. Instances that run it together skip each other's rows.
// Returns how many customers it indexed.
export async function indexPendingSearchVectors(db: Db): Promise<number> {
  let indexed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const pending = await tx
        .select({ workspaceId: customers.workspaceId, id: customers.id, searchText: customers.searchText })
        .from(customers)
        .where(isNull(customers.searchVector))
        .limit(BACKFILL_BATCH)
        .for("update", { skipLocked: true });
      if (pending.length === 0) return 0;
      const rows = pending.map((row) => ({ ...row, lexemes: searchLexemes(row.searchText) }));
      for (const workspaceId of new Set(rows.map((row) => row.workspaceId))) {
        const inWorkspace = rows.filter((row) => row.workspaceId === workspaceId);
        await recordSearchWords(
          tx,
          workspaceId,
          inWorkspace.flatMap((row) => row.lexemes),
        );
      }
      await tx.execute(sql`
        update ${customers} set search_vector = r.vector::tsvector
        from json_to_recordset(${JSON.stringify(
          rows.map((row) => ({ w: row.workspaceId, id: row.id, vector: toSearchVector(row.lexemes) })),
        )}::json) as r(w uuid, id uuid, vector text)
        where ${customers.workspaceId} = r.w and ${customers.id} = r.id`);
      return pending.length;
    });
    if (done === 0) return indexed;
    indexed += done;
  }
}
