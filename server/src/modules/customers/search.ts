import { isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { CJK_CHAR, fold } from "../dedupe/normalize";
import { customers } from "./customers.table";

// The search box finds customers by the beginnings of the words in their name, local name, website,
// contact names and e-mail addresses ("mül" finds "Müller GmbH", "j.weber" finds j.weber@acme.de),
// ignoring case and accents. Scripts written without spaces are searched by substring: their text is
// indexed as single characters and character pairs, and a query matches when all its pairs occur.
//
// The words are cut in TypeScript, not by a PostgreSQL text search configuration, so that documents
// and queries are cut the same way on every engine and locale (PGlite has no ICU). The database only
// stores the words (a tsvector built from them verbatim) and looks them up in its GIN index, which
// answers from its posting lists without reading the text again — unlike a substring match over
// trigrams, whose candidates must all be rechecked.

const CJK_RUN = new RegExp(`[${CJK_CHAR}]+`, "u");
const CJK_OR_OTHER = new RegExp(`[${CJK_CHAR}]+|[^${CJK_CHAR}]+`, "gu");
// Longer words are cut to this length on both sides, so a prefix query still finds them.
const MAX_WORD_LENGTH = 64;

function words(text: string): string[] {
  return fold(text)
    .replace(/[&+＆]/g, " and ")
    .replace(/['’‘`´]/g, "")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .flatMap((word) => word.match(CJK_OR_OTHER) ?? [])
    .map((word) => [...word].slice(0, MAX_WORD_LENGTH).join(""));
}

function pairs(run: string): string[] {
  const chars = [...run];
  return chars.slice(1).map((char, at) => `${chars[at]}${char}`);
}

// What a customer's search text is indexed under.
export function searchLexemes(text: string): string[] {
  const lexemes = new Set<string>();
  for (const word of words(text)) {
    if (CJK_RUN.test(word)) {
      for (const char of word) lexemes.add(char);
      for (const pair of pairs(word)) lexemes.add(pair);
    } else {
      lexemes.add(word);
    }
  }
  return [...lexemes];
}

// The text a customer is found by: name, local name, website, contact names and e-mails.
export function customerSearchText(parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ").toLowerCase();
}

// Words hold only letters, marks and digits, so they need no escaping inside the quotes.
const quoted = (lexeme: string) => `'${lexeme}'`;

export function searchVectorOf(text: string): string {
  return searchLexemes(text).map(quoted).join(" ");
}

// The tsquery a search box entry stands for: every word as a prefix, every character pair of a CJK
// run as it is. Null when the entry has no letter or digit to search by.
export function searchQueryOf(input: string): string | null {
  const terms = new Set<string>();
  for (const word of words(input)) {
    if (!CJK_RUN.test(word)) terms.add(`${quoted(word)}:*`);
    else if ([...word].length === 1) terms.add(quoted(word));
    else for (const pair of pairs(word)) terms.add(quoted(pair));
  }
  return terms.size > 0 ? [...terms].join(" & ") : null;
}

export function customerSearchFilter(input: string): SQL {
  const query = searchQueryOf(input);
  return query === null ? sql`false` : sql`${customers.searchVector} @@ ${query}::tsquery`;
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
      await tx.execute(sql`
        update ${customers} set search_vector = r.vector::tsvector
        from json_to_recordset(${JSON.stringify(
          pending.map((row) => ({ w: row.workspaceId, id: row.id, vector: searchVectorOf(row.searchText) })),
        )}::json) as r(w uuid, id uuid, vector text)
        where ${customers.workspaceId} = r.w and ${customers.id} = r.id`);
      return pending.length;
    });
    if (done === 0) return indexed;
    indexed += done;
  }
}
