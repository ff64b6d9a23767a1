import { describe, expect, it } from "vitest";
import { customerSearchText, searchLexemes, searchQueryOf, searchVectorOf } from "./search";

// Whether a query would match a text, evaluated the way PostgreSQL evaluates `vector @@ query` for the
// query shapes searchQueryOf builds: every term must be a lexeme, or a prefix of one when marked ':*'.
function matches(text: string, input: string): boolean {
  const lexemes = searchLexemes(text);
  const query = searchQueryOf(input);
  if (query === null) return false;
  return query.split(" & ").every((term) => {
    const prefix = term.endsWith(":*");
    const word = term.replace(/:\*$/, "").slice(1, -1);
    return lexemes.some((lexeme) => (prefix ? lexeme.startsWith(word) : lexeme === word));
  });
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
    expect(matches(acme, "j.weber")).toBe(true);
    expect(matches(acme, "j.weber@acme-industrial.de")).toBe(true);
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
    expect(searchQueryOf("  --- !! ")).toBeNull();
    expect(searchQueryOf("")).toBeNull();
  });

  it("writes lexemes and queries PostgreSQL parses verbatim", () => {
    expect(searchVectorOf("Acme acme ACME-Trading")).toBe("'acme' 'trading'");
    expect(searchQueryOf("acme 明辉贸")).toBe("'acme':* & '明辉' & '辉贸'");
    // Quotes and backslashes never reach a lexeme, so the literals need no escaping.
    expect(searchVectorOf("it's a \\'trap'")).toBe("'its' 'a' 'trap'");
  });

  it("cuts very long words the same way on both sides", () => {
    const long = "x".repeat(300);
    expect(searchLexemes(long)).toEqual(["x".repeat(64)]);
    expect(matches(long, long)).toBe(true);
  });
});
