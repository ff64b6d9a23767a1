import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js";
import examples from "libphonenumber-js/mobile/examples";

// Deterministic, realistic buyers for the demo workspace and the benchmarks: multilingual company
// names with the legal forms of their country, websites, company or free-mail addresses and valid phones.

export type Rng = () => number;

// mulberry32: tiny, fast and good enough to make repeatable fake data.
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

type CountryProfile = {
  code: CountryCode;
  cities: string[];
  legalForms: string[];
  words: string[];
  tld: string;
  firstNames: string[];
  lastNames: string[];
};

const EN_WORDS = [
  "Pacific",
  "Atlantic",
  "Summit",
  "Pioneer",
  "Crown",
  "Eagle",
  "Harbor",
  "Liberty",
  "Golden",
  "Northern",
  "Prime",
  "Royal",
  "Sterling",
  "Union",
  "Vertex",
];

export const COUNTRIES: CountryProfile[] = [
  {
    code: "US",
    cities: ["New York", "Los Angeles", "Chicago", "Houston", "Miami"],
    legalForms: ["Inc.", "LLC", "Corp.", "Co."],
    words: EN_WORDS,
    tld: "com",
    firstNames: ["John", "Emily", "Michael", "Sarah", "David"],
    lastNames: ["Smith", "Johnson", "Brown", "Miller", "Davis"],
  },
  {
    code: "GB",
    cities: ["London", "Manchester", "Birmingham", "Leeds"],
    legalForms: ["Ltd", "Limited", "PLC", "LLP"],
    words: ["Thames", "Windsor", "Albion", "Kingsway", "Britannia", "Oakley", "Mercia"],
    tld: "co.uk",
    firstNames: ["Oliver", "Amelia", "Harry", "Isla"],
    lastNames: ["Taylor", "Wilson", "Evans", "Walker"],
  },
  {
    code: "DE",
    cities: ["Hamburg", "Berlin", "München", "Köln", "Frankfurt am Main", "Stuttgart"],
    legalForms: ["GmbH", "AG", "KG", "GmbH & Co. KG", "e.K."],
    words: ["Nordlicht", "Rheinland", "Bergmann", "Hansa", "Schwarzwald", "Müller", "Sonnenschein", "Elbe"],
    tld: "de",
    firstNames: ["Jürgen", "Anna", "Lukas", "Sabine", "Matthias"],
    lastNames: ["Müller", "Schmidt", "Weber", "Wagner", "Becker"],
  },
  {
    code: "FR",
    cities: ["Paris", "Lyon", "Marseille", "Lille", "Bordeaux"],
    legalForms: ["SARL", "SAS", "S.A.", "SASU", "EURL"],
    words: ["Lumière", "Provence", "Atelier", "Bretagne", "Étoile", "Riviera", "Côte"],
    tld: "fr",
    firstNames: ["Camille", "Julien", "Élodie", "Mathieu"],
    lastNames: ["Martin", "Bernard", "Dubois", "Lefèvre"],
  },
  {
    code: "ES",
    cities: ["Madrid", "Barcelona", "Valencia", "Sevilla"],
    legalForms: ["S.L.", "S.A.", "S.L.U."],
    words: ["Ibérica", "Mediterráneo", "Castilla", "Sol", "Andaluza", "Levante"],
    tld: "es",
    firstNames: ["Javier", "Lucía", "Carlos", "María"],
    lastNames: ["García", "Fernández", "López", "Martínez"],
  },
  {
    code: "IT",
    cities: ["Milano", "Roma", "Torino", "Napoli", "Bologna"],
    legalForms: ["S.r.l.", "S.p.A.", "S.a.s.", "S.n.c."],
    words: ["Italiana", "Lombarda", "Adriatica", "Toscana", "Vesuvio", "Fratelli Rossi"],
    tld: "it",
    firstNames: ["Marco", "Giulia", "Luca", "Francesca"],
    lastNames: ["Rossi", "Russo", "Ferrari", "Esposito"],
  },
  {
    code: "NL",
    cities: ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"],
    legalForms: ["B.V.", "N.V.", "V.O.F."],
    words: ["Holland", "Delta", "Oranje", "Zeeland", "Tulp", "Van Dijk"],
    tld: "nl",
    firstNames: ["Daan", "Sanne", "Pieter", "Femke"],
    lastNames: ["de Jong", "Jansen", "de Vries", "Bakker"],
  },
  {
    code: "PL",
    cities: ["Warszawa", "Kraków", "Gdańsk", "Wrocław", "Poznań"],
    legalForms: ["Sp. z o.o.", "S.A.", "Sp.k."],
    words: ["Polska", "Wisła", "Bałtyk", "Mazowsze", "Orzeł", "Tatry"],
    tld: "pl",
    firstNames: ["Piotr", "Agnieszka", "Tomasz", "Katarzyna"],
    lastNames: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik"],
  },
  {
    code: "CZ",
    cities: ["Praha", "Brno", "Ostrava"],
    legalForms: ["s.r.o.", "a.s."],
    words: ["Bohemia", "Morava", "Vltava", "Česká"],
    tld: "cz",
    firstNames: ["Jan", "Petra", "Tomáš", "Lucie"],
    lastNames: ["Novák", "Svoboda", "Dvořák", "Černá"],
  },
  {
    code: "HU",
    cities: ["Budapest", "Debrecen", "Szeged"],
    legalForms: ["Kft.", "Zrt.", "Bt."],
    words: ["Duna", "Magyar", "Pannon", "Tisza"],
    tld: "hu",
    firstNames: ["László", "Eszter", "Gábor", "Zsófia"],
    lastNames: ["Nagy", "Kovács", "Tóth", "Szabó"],
  },
  {
    code: "SE",
    cities: ["Stockholm", "Göteborg", "Malmö"],
    legalForms: ["AB", "HB"],
    words: ["Nordic", "Svea", "Fjäll", "Skandia", "Vasa"],
    tld: "se",
    firstNames: ["Erik", "Astrid", "Lars", "Ingrid"],
    lastNames: ["Andersson", "Johansson", "Karlsson", "Nilsson"],
  },
  {
    code: "DK",
    cities: ["København", "Aarhus", "Odense"],
    legalForms: ["A/S", "ApS", "I/S"],
    words: ["Dansk", "Øresund", "Jylland", "Viking"],
    tld: "dk",
    firstNames: ["Mads", "Freja", "Søren", "Ida"],
    lastNames: ["Jensen", "Nielsen", "Hansen", "Pedersen"],
  },
  {
    code: "NO",
    cities: ["Oslo", "Bergen", "Trondheim"],
    legalForms: ["AS", "ASA"],
    words: ["Norsk", "Fjord", "Nordkapp", "Troll"],
    tld: "no",
    firstNames: ["Ole", "Ingrid", "Kari", "Henrik"],
    lastNames: ["Hansen", "Olsen", "Larsen", "Berg"],
  },
  {
    code: "FI",
    cities: ["Helsinki", "Tampere", "Oulu"],
    legalForms: ["Oy", "Oyj", "Ab"],
    words: ["Suomen", "Sampo", "Lappi", "Kaleva"],
    tld: "fi",
    firstNames: ["Mikko", "Aino", "Juha", "Laura"],
    lastNames: ["Korhonen", "Virtanen", "Mäkinen", "Nieminen"],
  },
  {
    code: "PT",
    cities: ["Lisboa", "Porto", "Braga"],
    legalForms: ["Lda.", "S.A.", "Unipessoal Lda."],
    words: ["Lusitânia", "Atlântico", "Douro", "Tejo"],
    tld: "pt",
    firstNames: ["João", "Inês", "Rui", "Beatriz"],
    lastNames: ["Silva", "Santos", "Ferreira", "Pereira"],
  },
  {
    code: "BR",
    cities: ["São Paulo", "Rio de Janeiro", "Curitiba", "Porto Alegre"],
    legalForms: ["Ltda.", "S.A.", "EIRELI", "ME"],
    words: ["Brasil", "Paulista", "Amazonas", "Cruzeiro", "Tropical"],
    tld: "com.br",
    firstNames: ["Paulo", "Ana", "Rafael", "Juliana"],
    lastNames: ["Souza", "Oliveira", "Lima", "Costa"],
  },
  {
    code: "MX",
    cities: ["Ciudad de México", "Monterrey", "Guadalajara"],
    legalForms: ["S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V."],
    words: ["Azteca", "Mexicana", "Jalisco", "Sierra Madre"],
    tld: "com.mx",
    firstNames: ["Alejandro", "Fernanda", "Diego", "Valeria"],
    lastNames: ["Hernández", "González", "Ramírez", "Torres"],
  },
  {
    code: "CL",
    cities: ["Santiago", "Valparaíso"],
    legalForms: ["SpA", "Ltda.", "S.A."],
    words: ["Andina", "Pacífico Sur", "Atacama"],
    tld: "cl",
    firstNames: ["Matías", "Catalina"],
    lastNames: ["Muñoz", "Rojas"],
  },
  {
    code: "AU",
    cities: ["Sydney", "Melbourne", "Brisbane", "Perth"],
    legalForms: ["Pty Ltd", "Pty. Limited", "Ltd"],
    words: ["Southern Cross", "Outback", "Coral", "Koala", "Murray"],
    tld: "com.au",
    firstNames: ["Jack", "Chloe", "Liam", "Mia"],
    lastNames: ["Smith", "Jones", "Williams", "Brown"],
  },
  {
    code: "IN",
    cities: ["Mumbai", "Delhi", "Chennai", "Bengaluru"],
    legalForms: ["Pvt Ltd", "Private Limited", "LLP", "Ltd"],
    words: ["Bharat", "Ganga", "Shree", "Lotus", "Deccan"],
    tld: "in",
    firstNames: ["Rahul", "Priya", "Amit", "Neha"],
    lastNames: ["Sharma", "Patel", "Singh", "Gupta"],
  },
  {
    code: "MY",
    cities: ["Kuala Lumpur", "Penang", "Johor Bahru"],
    legalForms: ["Sdn Bhd", "Sdn. Bhd.", "Berhad"],
    words: ["Malaysia", "Harimau", "Selangor", "Borneo"],
    tld: "com.my",
    firstNames: ["Ahmad", "Siti", "Wei Ling", "Raj"],
    lastNames: ["Abdullah", "Tan", "Lim", "Kumar"],
  },
  {
    code: "ID",
    cities: ["Jakarta", "Surabaya", "Bandung"],
    legalForms: ["PT", "CV", "Tbk"],
    words: ["Nusantara", "Garuda", "Jaya Abadi", "Sumber Makmur"],
    tld: "co.id",
    firstNames: ["Budi", "Dewi", "Agus", "Sri"],
    lastNames: ["Santoso", "Wijaya", "Hidayat", "Saputra"],
  },
  {
    code: "VN",
    cities: ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng"],
    legalForms: ["Co., Ltd", "JSC"],
    words: ["Việt", "Sài Gòn", "Hồng Hà", "Mekong"],
    tld: "vn",
    firstNames: ["Minh", "Lan", "Huy", "Thảo"],
    lastNames: ["Nguyễn", "Trần", "Lê", "Phạm"],
  },
  {
    code: "JP",
    cities: ["東京", "大阪", "名古屋", "横浜"],
    legalForms: ["株式会社", "有限会社", "K.K."],
    words: ["山田商事", "東洋", "富士", "さくら", "日本橋"],
    tld: "co.jp",
    firstNames: ["Hiroshi", "Yuki", "Takeshi", "Aiko"],
    lastNames: ["Sato", "Suzuki", "Takahashi", "Tanaka"],
  },
  {
    code: "KR",
    cities: ["Seoul", "Busan", "Incheon"],
    legalForms: ["Co., Ltd.", "Corp."],
    words: ["Hanil", "Daehan", "Samjin", "Hanbit"],
    tld: "co.kr",
    firstNames: ["Min-jun", "Seo-yeon", "Ji-ho"],
    lastNames: ["Kim", "Lee", "Park", "Choi"],
  },
  {
    code: "AE",
    cities: ["Dubai", "Abu Dhabi", "Sharjah"],
    legalForms: ["LLC", "FZE", "FZCO", "L.L.C."],
    words: ["Al Noor", "Emirates", "Gulf Star", "Al Falah", "Desert Rose"],
    tld: "ae",
    firstNames: ["Mohammed", "Fatima", "Omar", "Aisha"],
    lastNames: ["Al Mansoori", "Khan", "Haddad", "Al Hashimi"],
  },
  {
    code: "SA",
    cities: ["Riyadh", "Jeddah", "Dammam"],
    legalForms: ["Co.", "LLC", "Est."],
    words: ["Al Rajhi", "Najd", "Al Watan", "Hijaz"],
    tld: "com.sa",
    firstNames: ["Abdullah", "Noura", "Khalid"],
    lastNames: ["Al Qahtani", "Al Otaibi", "Al Harbi"],
  },
  {
    code: "TR",
    cities: ["İstanbul", "Ankara", "İzmir", "Bursa"],
    legalForms: ["A.Ş.", "Ltd. Şti."],
    words: ["Anadolu", "Boğaziçi", "Marmara", "Yıldız", "Ege"],
    tld: "com.tr",
    firstNames: ["Mehmet", "Ayşe", "Emre", "Zeynep"],
    lastNames: ["Yılmaz", "Kaya", "Demir", "Şahin"],
  },
  {
    code: "RU",
    cities: ["Moscow", "Saint Petersburg", "Novosibirsk"],
    legalForms: ["OOO", "AO", "PAO"],
    words: ["Rostek", "Sibir", "Volga", "Ural", "Baltika"],
    tld: "ru",
    firstNames: ["Ivan", "Olga", "Dmitry", "Natalia"],
    lastNames: ["Ivanov", "Smirnov", "Kuznetsov", "Popova"],
  },
  {
    code: "ZA",
    cities: ["Johannesburg", "Cape Town", "Durban"],
    legalForms: ["(Pty) Ltd", "Ltd", "CC"],
    words: ["Springbok", "Table Mountain", "Protea", "Karoo"],
    tld: "co.za",
    firstNames: ["Thabo", "Lerato", "Pieter", "Naledi"],
    lastNames: ["Nkosi", "Botha", "Dlamini", "van der Merwe"],
  },
  {
    code: "NG",
    cities: ["Lagos", "Abuja", "Kano"],
    legalForms: ["Ltd", "Nig. Ltd", "PLC"],
    words: ["Niger Delta", "Eko", "Zenith", "Unity"],
    tld: "com.ng",
    firstNames: ["Chinedu", "Ngozi", "Emeka", "Funmi"],
    lastNames: ["Okafor", "Adeyemi", "Ibrahim", "Eze"],
  },
];

const TRADES = [
  "Trading",
  "Import",
  "Industrial Supplies",
  "Hardware",
  "Lighting",
  "Furniture",
  "Textiles",
  "Packaging",
  "Electronics",
  "Tools",
  "Home Goods",
  "Auto Parts",
  "Building Materials",
  "Kitchenware",
  "Sanitary Ware",
  "Solar",
  "Garden",
  "Sporting Goods",
  "Medical Supplies",
  "Pet Products",
];
const FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com"];
const TITLES = [
  "Purchasing Manager",
  "Buyer",
  "Owner",
  "CEO",
  "Import Manager",
  "Procurement Director",
  "Sourcing Specialist",
];

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 30);
}

export function validPhone(rng: Rng, country: CountryCode): string | null {
  const example = getExampleNumber(country, examples);
  if (!example) return null;
  const national = example.nationalNumber.toString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const tail = Math.floor(rng() * 10_000)
      .toString()
      .padStart(4, "0");
    const candidate = parsePhoneNumberFromString(
      `+${example.countryCallingCode}${national.slice(0, -4)}${tail}`,
    );
    if (candidate?.isValid()) return candidate.number;
  }
  return example.number;
}

export type GeneratedContact = { name: string; email: string; phone: string | null; title: string };
export type GeneratedCompany = {
  name: string;
  country: CountryCode;
  city: string;
  website: string | null;
  phone: string | null;
  contacts: GeneratedContact[];
  trade: string;
};

// The index keeps names unique across millions of companies without looking like serial numbers.
export function generateCompany(rng: Rng, index: number): GeneratedCompany {
  const profile = pick(rng, COUNTRIES);
  const trade = pick(rng, TRADES);
  const word = pick(rng, profile.words);
  const distinct = index < 2000 ? "" : ` ${pick(rng, EN_WORDS)} ${index.toString(36).toUpperCase()}`;
  const name = `${word}${distinct} ${trade} ${pick(rng, profile.legalForms)}`.replace(/\s+/g, " ").trim();
  const domainBase = `${slug(`${word}-${trade}`)}${index >= 2000 ? `-${index.toString(36)}` : index > 0 ? `-${index}` : ""}`;
  const hasWebsite = rng() < 0.8;
  const companyDomain = `${domainBase}.${profile.tld}`;
  const usesFreeMail = !hasWebsite || rng() < 0.15;
  const contactCount = 1 + Math.floor(rng() * 3);
  const contacts: GeneratedContact[] = [];
  for (let c = 0; c < contactCount; c++) {
    const first = pick(rng, profile.firstNames);
    const last = pick(rng, profile.lastNames);
    const local = `${slug(first)}.${slug(last)}`.replace(/-/g, "");
    const email = usesFreeMail
      ? `${local}.${index}${c}@${pick(rng, FREE_MAIL)}`
      : `${local}${c > 0 ? c : ""}@${companyDomain}`;
    contacts.push({
      name: `${first} ${last}`,
      email,
      phone: validPhone(rng, profile.code),
      title: pick(rng, TITLES),
    });
  }
  return {
    name,
    country: profile.code,
    city: pick(rng, profile.cities),
    website: hasWebsite ? `https://www.${companyDomain}` : null,
    phone: validPhone(rng, profile.code),
    contacts,
    trade,
  };
}
