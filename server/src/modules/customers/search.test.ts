import { describe, expect, it } from "vitest";
import {
  customerSearchText,
  searchLexemes,
  searchQueryOf,
  searchTermsOf,
  searchVocabulary,
  toSearchVector,
} from "./search";

// Whether an entry would find a text: every term is one of its lexemes, or a prefix of one.
function matches(text: string, input: string): boolean {
  const lexemes = searchLexemes(text);
  const terms = searchTermsOf(input);
  return (
    terms.length > 0 &&
    terms.every((term) =>
      lexemes.some((lexeme) => (term.prefix ? lexeme.startsWith(term.text) : lexeme === term.text)),
    )
  );
}

const acme = customerSearchText([
  "Acme Industrial Supplies GmbH",
  null,
  "https://www.acme-industrial.de/en",
  "Jürgen Weber",
  "j.weber@acme-industrial.de",
]);

describe("customer search words", () => {
  it("finds a customer by the beginnings of its words, in any order and case", () => {
    expect(matches(acme, "acme")).toBe(true);
    expect(matches(acme, "ACME ind")).toBe(true);
    expect(matches(acme, "supplies acme")).toBe(true);
    expect(matches(acme, "weber")).toBe(true);
    expect(matches(acme, "acme-industrial.de")).toBe(true);
    expect(matches(acme, "acme-ind")).toBe(true);
    expect(matches(acme, "j.weber")).toBe(true);
    expect(matches(acme, "j.weber@acme-industrial.de")).toBe(true);
    expect(matches(acme, "www.acme-industrial.de")).toBe(true);
    expect(matches(acme, "www.acme-trading.de")).toBe(false);
    expect(matches(acme, "https://www.acme-industrial.de")).toBe(true);
  });

  it("looks an address typed as one piece up as one piece", () => {
    // Another contact's first name and another's surname do not make "j.weber".
    const mixed = customerSearchText(["Acme", "Jan Kowalski", "jan@acme.pl", "Eva Weber", "e.weber@acme.pl"]);
    expect(matches(mixed, "j.weber")).toBe(false);
    expect(matches(mixed, "e.weber")).toBe(true);
    expect(matches(mixed, "jan weber")).toBe(true);
    expect(searchTermsOf("carlos.lopez acme")).toEqual([
      { text: "@carlos.lopez", prefix: true },
      { text: "acme", prefix: true },
    ]);
    // An e-mail address is asked as its local part and its domain.
    expect(searchTermsOf("Carlos.Lopez@Levante-Solar.es")).toEqual([
      { text: "@carlos.lopez", prefix: true },
      { text: "@levante-solar.es", prefix: true },
    ]);
    // A word's prefix never reaches the addresses that start with it, and the reverse.
    const lexemes = searchLexemes(
      customerSearchText(["Levante", "https://levante-solar.es", "ana@levante.es"]),
    );
    expect(lexemes.filter((lexeme) => lexeme.startsWith("levante"))).toEqual(["levante"]);
    expect(lexemes.filter((lexeme) => lexeme.startsWith("@"))).toEqual([
      "@levante-solar.es",
      "@ana",
      "@levante.es",
    ]);
    // A legal form written with dots is an address-like piece, and is indexed as one too.
    expect(matches(customerSearchText(["Levante Solar S.A."]), "levante s.a.")).toBe(true);
  });

  it("does not find a word by its middle, or a word that is not there", () => {
    expect(matches(acme, "dustrial")).toBe(false);
    expect(matches(acme, "acme pumps")).toBe(false);
    expect(matches(acme, "webers")).toBe(false);
  });

  it("ignores accents, both in the text and in the query", () => {
    expect(matches(acme, "jurgen")).toBe(true);
    expect(matches(acme, "jürg")).toBe(true);
    const sao = customerSearchText(["Companhia São João Ltda", "Müller Ærø Straße"]);
    expect(matches(sao, "sao joao")).toBe(true);
    expect(matches(sao, "muller")).toBe(true);
    expect(matches(sao, "aero strasse")).toBe(true);
  });

  it("finds text without spaces by any part of it", () => {
    const shanghai = customerSearchText(["Shanghai Minghui", "上海明辉贸易有限公司"]);
    expect(matches(shanghai, "明辉")).toBe(true);
    expect(matches(shanghai, "明辉贸易")).toBe(true);
    expect(matches(shanghai, "贸")).toBe(true);
    expect(matches(shanghai, "司")).toBe(true);
    expect(matches(shanghai, "上海 minghui")).toBe(true);
    expect(matches(shanghai, "北京")).toBe(false);
    expect(matches(shanghai, "辉明")).toBe(false);
    const tokyo = customerSearchText(["トヨタ商事株式会社"]);
    expect(matches(tokyo, "商事")).toBe(true);
  });

  it("treats '&' as 'and' and apostrophes as nothing", () => {
    const text = customerSearchText(["Smith & Sons O'Brien"]);
    expect(matches(text, "smith and sons")).toBe(true);
    expect(matches(text, "obrien")).toBe(true);
  });

  it("searches by nothing when the entry has no letter or digit", () => {
    expect(searchTermsOf("  --- !! ")).toEqual([]);
    expect(searchQueryOf(searchTermsOf(""))).toBeNull();
  });

  it("writes lexemes and queries PostgreSQL parses verbatim", () => {
    expect(toSearchVector(searchLexemes("Acme acme ACME-Trading"))).toBe("'acme' 'trading'");
    expect(searchQueryOf(searchTermsOf("acme 明辉贸"))).toBe("'acme':* & '明辉' & '辉贸'");
    expect(toSearchVector(["it's", "a\\b"])).toBe("'it\\'s' 'a\\\\b'");
  });

  it("asks for the known words a prefix covers, and for nothing when it covers none", () => {
    const terms = searchTermsOf("levante cro");
    const expansions = new Map([
      ["levante", ["levante"]],
      ["cro", ["crown", "crowne"]],
    ]);
    expect(searchQueryOf(terms, expansions)).toBe("'levante' & ('crown' | 'crowne')");
    // A prefix covering too many words to list stays a prefix.
    expect(searchQueryOf(terms, new Map([["levante", ["levante"]]]))).toBe("'levante' & 'cro':*");
    expect(searchQueryOf(terms, new Map([["cro", []]]))).toBeNull();
  });

  it("keeps CJK text out of the vocabulary", () => {
    expect(searchVocabulary(searchLexemes("明辉 Minghui minghui acme"))).toEqual(["acme", "minghui"]);
  });

  it("cuts very long words the same way on both sides", () => {
    const long = "x".repeat(300);
    expect(searchLexemes(long)).toEqual(["x".repeat(64)]);
    expect(matches(long, long)).toBe(true);
  });
});
