import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js";
import examples from "libphonenumber-js/mobile/examples";
import {
  COUNTRIES,
  type GeneratedCompany,
  generateCompany,
  pick,
  type Rng,
} from "../../server/seed/company-generator";

// The seed's company generator, extended for benchmark scale: names are kept unique, and every phone
// number is distinct. The seed varies only a phone's last four digits, so at 100,000 companies most
// numbers would be shared and every duplicate check would report "same phone" matches nobody has.

// Walks every six-digit tail once per country (coprime to 10^6), so consecutive numbers look unrelated.
const PHONE_STRIDE = 7919;
const PHONE_TAILS = 1_000_000;
// Below this index the seed generator gives names without a distinguishing token (see generateCompany).
const PLAIN_NAMES_BELOW = 2000;

export type BenchCompany = GeneratedCompany & { index: number };

export class CompanyFactory {
  private readonly phoneSerials = new Map<CountryCode, number>();
  private readonly plainNames = new Set<string>();

  constructor(private readonly rng: Rng) {}

  // The company of the generator's index with fresh phones, or null when its name was already given.
  company(index: number): BenchCompany | null {
    const generated = generateCompany(this.rng, index);
    if (index < PLAIN_NAMES_BELOW) {
      if (this.plainNames.has(generated.name)) return null;
      this.plainNames.add(generated.name);
    }
    return {
      ...generated,
      index,
      phone: generated.phone ? this.phone(generated.country) : null,
      contacts: generated.contacts.map((contact) => ({
        ...contact,
        phone: contact.phone ? this.phone(generated.country) : null,
      })),
    };
  }

  // A valid mobile number of the country, E.164, never returned before by this factory.
  phone(country: CountryCode): string {
    const example = getExampleNumber(country, examples);
    if (!example) throw new Error(`no example phone number for ${country}`);
    const national = example.nationalNumber.toString().slice(0, -6);
    for (;;) {
      const serial = this.phoneSerials.get(country) ?? 0;
      if (serial >= PHONE_TAILS) throw new Error(`phone numbers of ${country} exhausted`);
      this.phoneSerials.set(country, serial + 1);
      const tail = ((serial * PHONE_STRIDE) % PHONE_TAILS).toString().padStart(6, "0");
      const parsed = parsePhoneNumberFromString(`+${example.countryCallingCode}${national}${tail}`);
      if (parsed?.isValid()) return parsed.number;
    }
  }
}

// A deterministic version-4 UUID from the generator, so a seed reproduces the same ids.
export function seededUuid(rng: Rng): string {
  let hex = "";
  for (let i = 0; i < 4; i++) {
    hex += Math.floor(rng() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, "0");
  }
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// How a rep may type a company that already exists.
export const ALTERATIONS = ["typo", "case", "legal-form", "dropped-word"] as const;
export type Alteration = (typeof ALTERATIONS)[number];

// The name's parts as the generator composed them: "<core> <trade> <legal form>".
function nameParts(company: GeneratedCompany): { core: string; legalForm: string } {
  const at = company.name.lastIndexOf(` ${company.trade} `);
  if (at < 0) throw new Error(`cannot split generated name ${company.name}`);
  return { core: company.name.slice(0, at), legalForm: company.name.slice(at + company.trade.length + 2) };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

// One keyboard slip in one word of four or more letters: a letter replaced, dropped, added or two
// neighbours swapped.
function typo(rng: Rng, name: string): string {
  const words = name.split(" ");
  const candidates = words.flatMap((word, at) => (/^[\p{Script=Latin}\d]{4,}$/u.test(word) ? [at] : []));
  if (candidates.length === 0) return name;
  const at = pick(rng, candidates);
  const letters = [...(words[at] ?? "")];
  const position = 1 + Math.floor(rng() * (letters.length - 2));
  const letter = pick(rng, [...LETTERS]);
  const kind = Math.floor(rng() * 4);
  if (kind === 0) letters[position] = letters[position] === letter ? "x" : letter;
  else if (kind === 1) letters.splice(position, 1);
  else if (kind === 2) letters.splice(position, 0, letter);
  else {
    const next = letters[position + 1];
    const current = letters[position];
    if (next !== undefined && current !== undefined) {
      letters[position] = next;
      letters[position + 1] = current;
    }
  }
  words[at] = letters.join("");
  return words.join(" ");
}

export function alterName(rng: Rng, company: GeneratedCompany, alteration: Alteration): string {
  const { core, legalForm } = nameParts(company);
  switch (alteration) {
    case "typo":
      return typo(rng, company.name);
    case "case":
      return rng() < 0.5 ? company.name.toUpperCase() : company.name.toLowerCase();
    case "legal-form": {
      const forms = COUNTRIES.find((country) => country.code === company.country)?.legalForms ?? [];
      const others = forms.filter((form) => form !== legalForm);
      return `${core} ${company.trade} ${others.length > 0 ? pick(rng, others) : legalForm}`;
    }
    case "dropped-word":
      return `${core} ${legalForm}`;
  }
}
