import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/harness";
import type { Db } from "../../db/client";
import { customers } from "../customers/customers.table";
import { createWorkspaceWithAdmin } from "../workspaces/workspaces.service";
import {
  FUZZY_THRESHOLD,
  findDuplicates,
  insertMatchKeys,
  MatchKeyWriter,
  type MatchSubject,
  matchKeysOf,
  STORED_PER_COMMON_KEY,
  writeMatchKeys,
} from "./dedupe.service";
import { companyDomains, normalizeCompanyName, websiteHost } from "./normalize";

type Pair = { system: string; existing: string; country: string; probe: string; probeCountry?: string };

// Two spellings of one company, by language or legal system: the check must find the first from the
// second. Cases, accents, punctuation, legal forms, brackets, typos and dropped generic words vary.
const SAME_COMPANY: Pair[] = [
  {
    system: "English",
    existing: "ACME TRADING CO., LTD.",
    country: "CN",
    probe: "Acme Trading Company Limited",
  },
  { system: "Hong Kong", existing: "Acme Trading Ltd", country: "HK", probe: "Acme Trading (HK) Ltd" },
  { system: "US", existing: "Smith & Sons Inc.", country: "US", probe: "Smith and Sons Incorporated" },
  { system: "US", existing: "The Coca-Cola Company", country: "US", probe: "Coca Cola Co" },
  { system: "US", existing: "Johnson Hardware LLC", country: "US", probe: "JOHNSON HARDWARE L.L.C." },
  { system: "UK", existing: "Brightwater Foods PLC", country: "GB", probe: "Brightwatr Foods plc" },
  {
    system: "German",
    existing: "Müller & Söhne GmbH & Co. KG",
    country: "DE",
    probe: "Mueller und Soehne KG",
  },
  { system: "German", existing: "Hansen Maschinenbau GmbH", country: "DE", probe: "Hansen Maschinenbau AG" },
  { system: "German", existing: "Schmidt Spedition GmbH", country: "DE", probe: "Schmitd Spedition GmbH" },
  { system: "German", existing: "Nordwind Schiffahrt GmbH", country: "DE", probe: "Nordwind Shiffahrt GmbX" },
  { system: "Austrian", existing: "Alpenholz Ges.m.b.H.", country: "AT", probe: "Alpenholz GmbH" },
  { system: "Swiss", existing: "Nestlé S.A.", country: "CH", probe: "Nestle AG" },
  { system: "French", existing: "Dupont et Fils SARL", country: "FR", probe: "Dupont & Fils S.à r.l." },
  { system: "French", existing: "Boulangerie Martin SAS", country: "FR", probe: "BOULANGERIE MARTIN" },
  {
    system: "French",
    existing: "Société Générale de Téléphonie SA",
    country: "FR",
    probe: "Societe Generale de Telephonie",
  },
  {
    system: "Spanish",
    existing: "Distribuciones Pérez S.L.",
    country: "ES",
    probe: "Distribuciones Perez SL",
  },
  {
    system: "Spanish",
    existing: "Construcciones García Hermanos S.A.",
    country: "ES",
    probe: "Construcciones Garcia Hermanos, Sociedad Anónima",
  },
  {
    system: "Mexican",
    existing: "Grupo Bimbo, S.A.B. de C.V.",
    country: "MX",
    probe: "Grupo Bimbo SAB de CV",
  },
  {
    system: "Mexican",
    existing: "Aceros del Norte S. de R.L. de C.V.",
    country: "MX",
    probe: "Aceros del Norte, S de RL de CV",
  },
  { system: "Italian", existing: "Ferrari Meccanica S.p.A.", country: "IT", probe: "Ferrari Meccanica SpA" },
  {
    system: "Italian",
    existing: "Rossi Import Export S.r.l.",
    country: "IT",
    probe: "Rossi Import-Export SRL",
  },
  {
    system: "Italian",
    existing: "Bellavista Ceramiche Industriale S.r.l.",
    country: "IT",
    probe: "Bellavista Ceramiche S.r.l.",
  },
  {
    system: "Brazilian",
    existing: "Comércio de Alimentos Silva Ltda.",
    country: "BR",
    probe: "Comercio de Alimentos Silva LTDA",
  },
  {
    system: "Brazilian",
    existing: "Construtora Oliveira S/A",
    country: "BR",
    probe: "Construtora Oliveira S.A.",
  },
  { system: "Portuguese", existing: "Vinhos Douro Lda", country: "PT", probe: "Vinhos do Douro, Lda." },
  { system: "Dutch", existing: "Van Dijk Bloemen B.V.", country: "NL", probe: "van Dijk Bloemen BV" },
  { system: "Dutch", existing: "Koninklijke Philips N.V.", country: "NL", probe: "Koninklijke Philips NV" },
  { system: "Danish", existing: "Novo Nordisk A/S", country: "DK", probe: "Novo Nordisk AS" },
  { system: "Danish", existing: "Lego ApS", country: "DK", probe: "LEGO A/S" },
  { system: "Swedish", existing: "Volvo AB", country: "SE", probe: "AB Volvo" },
  { system: "Finnish", existing: "Nokia Oyj", country: "FI", probe: "Nokia Oy" },
  { system: "Norwegian", existing: "Equinor ASA", country: "NO", probe: "Equinor" },
  {
    system: "Polish",
    existing: "Kowalski i Synowie Sp. z o.o.",
    country: "PL",
    probe: "Kowalski i Synowie Spółka z ograniczoną odpowiedzialnością",
  },
  { system: "Polish", existing: "Polskie Meble S.A.", country: "PL", probe: "Polskie Meble Spółka Akcyjna" },
  { system: "Polish", existing: "Kowalczyk Meble Sp. z o.o.", country: "PL", probe: "Kowalcyzk Meble" },
  { system: "Czech", existing: "Novák Stavby s.r.o.", country: "CZ", probe: "Novak Stavby spol. s r.o." },
  { system: "Czech", existing: "Škoda Transportation a.s.", country: "CZ", probe: "Skoda Transportation" },
  { system: "Hungarian", existing: "Kovács Építőipari Kft.", country: "HU", probe: "Kovacs Epitoipari Kft" },
  { system: "Hungarian", existing: "Magyar Telekom Nyrt.", country: "HU", probe: "Magyar Telekom" },
  { system: "Romanian", existing: "S.C. Carpatica Lemn S.R.L.", country: "RO", probe: "Carpatica Lemn SRL" },
  { system: "Greek", existing: "Papadopoulos Trofima A.E.", country: "GR", probe: "Papadopoulos Trofima AE" },
  { system: "Japanese", existing: "株式会社トヨタ", country: "JP", probe: "トヨタ株式会社" },
  { system: "Japanese", existing: "ソニー株式会社", country: "JP", probe: "ソニー（株）" },
  {
    system: "Japanese",
    existing: "Toyota Tsusho Kabushiki Kaisha",
    country: "JP",
    probe: "Toyota Tsusho K.K.",
  },
  { system: "Chinese", existing: "华为技术有限公司", country: "CN", probe: "华为技术股份有限公司" },
  { system: "Chinese", existing: "西门子（中国）有限公司", country: "CN", probe: "西门子有限公司" },
  { system: "Chinese", existing: "上海振华重工集团有限公司", country: "CN", probe: "上海振华重工有限公司" },
  {
    system: "Chinese",
    existing: "Shenzhen Bright Star Electronics Co., Ltd.",
    country: "CN",
    probe: "Shenzhen Bright Star Electronic Company Limited",
  },
  { system: "Korean", existing: "삼성전자 주식회사", country: "KR", probe: "삼성전자(주)" },
  { system: "Korean", existing: "Hyundai Glovis Co., Ltd.", country: "KR", probe: "HYUNDAI GLOVIS CO LTD" },
  { system: "Indonesian", existing: "PT Maju Jaya Tbk", country: "ID", probe: "PT. Maju Jaya" },
  { system: "Indonesian", existing: "CV Sinar Abadi", country: "ID", probe: "Sinar Abadi C.V." },
  {
    system: "Malaysian",
    existing: "Petronas Dagangan Berhad",
    country: "MY",
    probe: "Petronas Dagangan Bhd",
  },
  { system: "Malaysian", existing: "Sunway Timber Sdn. Bhd.", country: "MY", probe: "Sunway Timber Sdn Bhd" },
  {
    system: "Indian",
    existing: "Tata Consultancy Services Pvt. Ltd.",
    country: "IN",
    probe: "Tata Consultancy Services Private Limited",
  },
  {
    system: "Indian",
    existing: "Reliance Textiles (P) Ltd",
    country: "IN",
    probe: "Reliance Textiles Pvt Ltd",
  },
  {
    system: "Australian",
    existing: "BHP Group Pty Ltd",
    country: "AU",
    probe: "BHP Group Proprietary Limited",
  },
  { system: "Australian", existing: "Woolworths Pty. Limited", country: "AU", probe: "Woolworths Pty Ltd" },
  { system: "Singaporean", existing: "Olam Agri Pte. Ltd.", country: "SG", probe: "Olam Agri Limited" },
  {
    system: "South African",
    existing: "Sasol Mining (Pty) Ltd",
    country: "ZA",
    probe: "Sasol Mining Pty Ltd",
  },
  { system: "Russian", existing: "OOO Romashka", country: "RU", probe: "Romashka LLC" },
  { system: "Russian", existing: "ООО «Ромашка»", country: "RU", probe: "Ромашка ООО" },
  { system: "Russian", existing: "ZAO Severstal Trade", country: "RU", probe: "Severstal Trade CJSC" },
  {
    system: "Turkish",
    existing: "Yılmaz Tekstil San. ve Tic. Ltd. Şti.",
    country: "TR",
    probe: "Yilmaz Tekstil Sanayi ve Ticaret Limited Şirketi",
  },
  { system: "Turkish", existing: "Koç Holding A.Ş.", country: "TR", probe: "Koc Holding AS" },
  {
    system: "Emirati",
    existing: "Al Futtaim Trading Est.",
    country: "AE",
    probe: "Al-Futtaim Trading Establishment",
  },
  { system: "Emirati", existing: "Gulf Star Marine FZE", country: "AE", probe: "Gulf Star Marine FZ-LLC" },
  { system: "Vietnamese", existing: "Công ty TNHH Minh Phát", country: "VN", probe: "Minh Phat Co., Ltd" },
  { system: "Thai", existing: "บริษัท ไทยเบฟ จำกัด", country: "TH", probe: "ไทยเบฟ" },
  { system: "spacing", existing: "Sun Power Solar Ltd", country: "US", probe: "Sunpower Solar Inc" },
  {
    system: "other country",
    existing: "Acme Hamburg Handels GmbH",
    country: "DE",
    probe: "ACME HAMBURG HANDELS GMBH",
    probeCountry: "PL",
  },
];

// Different companies whose names look alike: the check must not offer the first for the second.
const DIFFERENT_COMPANIES: Pair[] = [
  { system: "English", existing: "Ocean Star Trading Ltd", country: "HK", probe: "Ocean Trading Ltd" },
  { system: "German", existing: "Global Tech GmbH", country: "DE", probe: "Global Tex GmbH" },
  {
    system: "English",
    existing: "Golden Dragon Import Export",
    country: "US",
    probe: "Golden Eagle Import Export",
  },
  {
    system: "Chinese",
    existing: "Zhejiang Sunrise Textile Co., Ltd.",
    country: "CN",
    probe: "Jiangsu Sunrise Textile Co., Ltd.",
  },
  { system: "Norwegian", existing: "Nordic Fish AS", country: "NO", probe: "Nordic Fashion AS" },
  { system: "Italian", existing: "Rossi Meccanica S.r.l.", country: "IT", probe: "Bianchi Meccanica S.r.l." },
  { system: "German", existing: "Müller Logistik GmbH", country: "DE", probe: "Schulz Logistik GmbH" },
  { system: "Japanese", existing: "株式会社ホンダ", country: "JP", probe: "株式会社トヨダ" },
  { system: "Chinese", existing: "中兴通讯股份有限公司", country: "CN", probe: "中华通讯股份有限公司" },
  { system: "English", existing: "Apex Trading Co., Ltd.", country: "GB", probe: "Acme Trading Co., Ltd." },
  { system: "Indonesian", existing: "PT Maju Bersama", country: "ID", probe: "PT Maju Jaya Tbk" },
  { system: "Thai", existing: "Siam Cement PCL", country: "TH", probe: "Siam Steel PCL" },
  { system: "English", existing: "Blue Ocean Seafood Inc", country: "US", probe: "Blue Sky Seafood Inc" },
  { system: "Polish", existing: "Nowakowski Sp. z o.o.", country: "PL", probe: "Kowalski Sp. z o.o." },
  { system: "Spanish", existing: "Frutas García S.L.", country: "ES", probe: "Frutas Gómez S.L." },
];

let testDb: TestDatabase;
let db: Db;
let workspaceId: string;
let otherWorkspaceId: string;
let adminId: string;

type Seed = {
  name: string;
  country: string;
  website?: string;
  emails?: string[];
  phones?: string[];
  localName?: string;
};

async function insertCustomer(
  seed: Seed,
  options: { workspace?: string; ownerId?: string } = {},
): Promise<string> {
  const ws = options.workspace ?? workspaceId;
  const emails = seed.emails ?? [];
  const [row] = await db
    .insert(customers)
    .values({
      workspaceId: ws,
      name: seed.name,
      localName: seed.localName,
      nameNormalized: normalizeCompanyName(seed.name),
      country: seed.country,
      website: seed.website,
      websiteHost: seed.website ? websiteHost(seed.website) : null,
      emailDomains: companyDomains(seed.website, emails),
      phones: seed.phones ?? [],
      ownerId: options.ownerId ?? null,
    })
    .returning({ id: customers.id });
  if (!row) throw new Error("insert returned no customer");
  const subject: MatchSubject = { ...seed, emails, phones: seed.phones ?? [] };
  await writeMatchKeys(db, ws, row.id, subject);
  return row.id;
}

const ids = new Map<Pair, string>();

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  const first = await createWorkspaceWithAdmin(
    db,
    {
      workspaceName: "Dedupe Exports",
      adminName: "Ada Admin",
      email: "ada@example.com",
      password: "a-long-password-1",
    },
    { onlyIfNone: false },
  );
  const second = await createWorkspaceWithAdmin(
    db,
    {
      workspaceName: "Other Exports",
      adminName: "Otto Other",
      email: "otto@example.com",
      password: "a-long-password-1",
    },
    { onlyIfNone: false },
  );
  workspaceId = first.workspaceId;
  adminId = first.adminId;
  otherWorkspaceId = second.workspaceId;
  for (const pair of [...SAME_COMPANY, ...DIFFERENT_COMPANIES]) {
    ids.set(pair, await insertCustomer({ name: pair.existing, country: pair.country }));
  }
});
afterAll(() => testDb.drop());

async function matchIds(pair: Pair): Promise<string[]> {
  const matches = await findDuplicates(db, workspaceId, {
    name: pair.probe,
    country: pair.probeCountry ?? pair.country,
  });
  for (const match of matches) expect(match.score).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
  return matches.map((match) => match.customerId);
}

describe("fuzzy name matching over the real check", () => {
  it("covers at least 60 pairs across 15 legal systems", () => {
    const pairs = [...SAME_COMPANY, ...DIFFERENT_COMPANIES];
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(pairs.map((pair) => pair.system)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(SAME_COMPANY.map((pair) => [pair.system, pair.probe, pair.existing, pair] as const))(
    "%s: %s finds %s",
    async (_system, _probe, _existing, pair) => {
      expect(await matchIds(pair)).toContain(ids.get(pair));
    },
  );

  it.each(DIFFERENT_COMPANIES.map((pair) => [pair.system, pair.probe, pair.existing, pair] as const))(
    "%s: %s does not find %s",
    async (_system, _probe, _existing, pair) => {
      expect(await matchIds(pair)).not.toContain(ids.get(pair));
    },
  );

  it("explains a fuzzy match with the name similarity and the country", async () => {
    const [match] = await findDuplicates(db, workspaceId, { name: "Hansen Maschinenbau AG", country: "DE" });
    expect(match).toMatchObject({
      name: "Hansen Maschinenbau GmbH",
      exact: false,
      inPublicPool: true,
      ownerName: null,
    });
    expect(match?.reasons).toEqual(["name 100% similar", "same country"]);
  });

  it("matches a customer by its local-script name", async () => {
    const id = await insertCustomer({
      name: "Kirin Holdings Company, Limited",
      localName: "キリンホールディングス株式会社",
      country: "JP",
    });
    const matches = await findDuplicates(db, workspaceId, { name: "キリンホールディングス", country: "JP" });
    expect(matches.map((match) => match.customerId)).toContain(id);
  });
});

describe("a word many customers share", () => {
  it("neither hides the customer a rarer word points at nor the one with the same whole name", async () => {
    const syllables = ["bra", "cze", "dro", "fil", "gor", "hal", "jur", "kle", "lom", "mir"];
    for (let index = 0; index < 60; index++) {
      const word = `${syllables[index % 10]}${syllables[Math.floor(index / 10)]}owicz`;
      await insertCustomer({ name: `Kowalski ${word} Hardware Sp. z o.o.`, country: "PL" });
    }
    const rare = await insertCustomer({ name: "Kowalski Brzezinski Hardware Sp. z o.o.", country: "PL" });
    const plain = await insertCustomer({ name: "Kowalski Hardware Sp. z o.o.", country: "PL" });
    const typo = await findDuplicates(db, workspaceId, {
      name: "Kowalsky Brzezinsky Hardware",
      country: "PL",
    });
    expect(typo[0]?.customerId).toBe(rare);
    const whole = await findDuplicates(db, workspaceId, { name: "KOWALSKI HARDWARE", country: "PL" });
    expect(whole[0]?.customerId).toBe(plain);
  });
});

describe("exact matches", () => {
  let acmeId: string;
  beforeAll(async () => {
    acmeId = await insertCustomer(
      {
        name: "Zeppelin Werkzeuge GmbH",
        country: "DE",
        website: "https://www.zeppelin-werkzeuge.de/kontakt",
        emails: ["j.doe@eu.zeppelin-werkzeuge.de", "zeppelin.sales@gmail.com"],
        phones: ["+4930123456"],
      },
      { ownerId: adminId },
    );
  });

  it("finds the same company domain from a contact's e-mail, and names the owner", async () => {
    const [match, ...rest] = await findDuplicates(db, workspaceId, {
      name: "Completely Different Name",
      emails: ["info@zeppelin-werkzeuge.de"],
    });
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      customerId: acmeId,
      exact: true,
      score: 1,
      ownerId: adminId,
      ownerName: "Ada Admin",
      inPublicPool: false,
    });
    expect(match?.reasons).toEqual(["same e-mail domain zeppelin-werkzeuge.de"]);
  });

  it("finds the same phone in E.164 from a national number", async () => {
    const matches = await findDuplicates(db, workspaceId, { phones: ["030 123456"], country: "DE" });
    expect(matches.map((match) => [match.customerId, match.exact, match.reasons])).toEqual([
      [acmeId, true, ["same phone +4930123456", "same country"]],
    ]);
  });

  it("finds the same website host", async () => {
    const [match] = await findDuplicates(db, workspaceId, { website: "http://zeppelin-werkzeuge.de" });
    expect(match?.customerId).toBe(acmeId);
    expect(match?.reasons).toEqual(["same website zeppelin-werkzeuge.de"]);
  });

  it("finds the same contact e-mail, even at a free-mail provider", async () => {
    const [match] = await findDuplicates(db, workspaceId, { emails: ["Zeppelin.Sales@gmail.com"] });
    expect(match?.customerId).toBe(acmeId);
    expect(match?.reasons).toEqual(["same contact e-mail zeppelin.sales@gmail.com"]);
  });

  it("never matches two customers by a free-mail domain", async () => {
    expect(
      matchKeysOf({ name: "X", country: "CN", emails: ["a@163.com", "b@yahoo.co.uk"], phones: [] }),
    ).toEqual([
      { kind: "email", value: "a@163.com" },
      { kind: "email", value: "b@yahoo.co.uk" },
      { kind: "token", value: "=x" },
      { kind: "token", value: "~x" },
    ]);
    const first = await insertCustomer({
      name: "Quokka Toys",
      country: "AU",
      emails: ["quokka.toys@gmail.com"],
    });
    const matches = await findDuplicates(db, workspaceId, {
      name: "Wombat Games",
      emails: ["wombat.games@gmail.com"],
    });
    expect(matches.map((match) => match.customerId)).not.toContain(first);
    expect(matches.map((match) => match.customerId)).not.toContain(acmeId);
  });

  it("does not treat a shared platform page as the company's website", async () => {
    const first = await insertCustomer({
      name: "Koala Crafts",
      country: "AU",
      website: "https://www.facebook.com/koalacrafts",
    });
    const matches = await findDuplicates(db, workspaceId, { website: "facebook.com/emucrafts" });
    expect(matches.map((match) => match.customerId)).not.toContain(first);
  });

  it("excludes the customer being edited", async () => {
    const matches = await findDuplicates(
      db,
      workspaceId,
      { name: "Zeppelin Werkzeuge GmbH", phones: ["+4930123456"] },
      { excludeCustomerId: acmeId },
    );
    expect(matches.map((match) => match.customerId)).not.toContain(acmeId);
  });

  it("ranks exact matches first and honours the limit", async () => {
    const twin = await insertCustomer({ name: "Zeppelin Werkzeuge", country: "DE" });
    const matches = await findDuplicates(db, workspaceId, {
      name: "Zeppelin Werkzeuge",
      phones: ["+4930123456"],
    });
    expect(matches.map((match) => [match.customerId, match.exact])).toEqual([
      [acmeId, true],
      [twin, false],
    ]);
    expect(await findDuplicates(db, workspaceId, { name: "Zeppelin Werkzeuge" }, { limit: 1 })).toHaveLength(
      1,
    );
  });

  it("replaces a customer's keys when they are written again", async () => {
    const id = await insertCustomer({ name: "Platypus Mining", country: "AU", phones: ["+61291234567"] });
    await writeMatchKeys(db, workspaceId, id, {
      name: "Platypus Mining",
      country: "AU",
      emails: [],
      phones: ["+61299998888"],
    });
    expect(await findDuplicates(db, workspaceId, { phones: ["+61291234567"] })).toEqual([]);
    const [match] = await findDuplicates(db, workspaceId, { phones: ["+61299998888"] });
    expect(match?.customerId).toBe(id);
  });

  it("never matches a customer of another workspace", async () => {
    const foreign = await insertCustomer(
      {
        name: "Wallaby Wines Pty Ltd",
        country: "AU",
        website: "wallabywines.com.au",
        phones: ["+61298765432"],
      },
      { workspace: otherWorkspaceId },
    );
    const probe = { name: "Wallaby Wines Pty Ltd", website: "wallabywines.com.au", phones: ["+61298765432"] };
    expect(await findDuplicates(db, workspaceId, probe)).toEqual([]);
    expect((await findDuplicates(db, otherWorkspaceId, probe)).map((match) => match.customerId)).toEqual([
      foreign,
    ]);
  });

  it("finds nothing for an empty probe", async () => {
    expect(await findDuplicates(db, workspaceId, {})).toEqual([]);
  });
});

describe("storing common name keys", () => {
  const rowsOf = async (value: string) => {
    const counted = await db.execute<{ rows: number }>(sql`
      select count(*)::int as rows from customer_match_keys
      where workspace_id = ${workspaceId}::uuid and kind = 'token' and value = ${value}`);
    return counted.rows[0]?.rows;
  };
  // Sixty companies sharing their first word, each with a second word of its own ("Kookaburra Vantaak").
  const secondWord = (at: number) => `Vanta${"abcdefghij"[at % 10]}${"klmnopqrst"[Math.floor(at / 10)]}`;
  const kookaburras: string[] = [];

  beforeAll(async () => {
    for (let at = 0; at < 60; at++) {
      kookaburras.push(await insertCustomer({ name: `Kookaburra ${secondWord(at)}`, country: "AU" }));
    }
  });

  it("stores a word shared by many customers for the first of them only, and still finds each", async () => {
    expect(await rowsOf("~kookab")).toBe(STORED_PER_COMMON_KEY);
    expect(await rowsOf("=kookaburravantaak")).toBe(1);
    for (const at of [3, 57]) {
      const [match] = await findDuplicates(db, workspaceId, { name: `Kookaburra ${secondWord(at)} Pty Ltd` });
      expect(match).toMatchObject({ customerId: kookaburras[at], score: 1 });
    }
  });

  it("keeps a common word's row when its customer is renamed, and drops the customer's other rows", async () => {
    const renamed = kookaburras[0] ?? "";
    await db
      .update(customers)
      .set({ name: "Wombat Quarries", nameNormalized: "wombat quarries" })
      .where(sql`${customers.id} = ${renamed}::uuid`);
    await writeMatchKeys(db, workspaceId, renamed, {
      name: "Wombat Quarries",
      country: "AU",
      emails: [],
      phones: [],
    });
    // Had the row gone, the word would look rare and its 50 other rows would become candidates.
    expect(await rowsOf("~kookab")).toBe(STORED_PER_COMMON_KEY);
    expect(await rowsOf("=kookaburravantaak")).toBe(0);
    const [match] = await findDuplicates(db, workspaceId, { name: "Wombat Quarries" });
    expect(match?.customerId).toBe(renamed);
  });

  it("lists a key an import gives its rows, in the import's transaction, and writes no more rows for it", async () => {
    const word = `Zqx${randomUUID()
      .replace(/[^a-f]/g, "")
      .slice(0, 5)}`;
    const key = `~${word.toLowerCase().slice(0, 6)}`;
    const subjects = (count: number) =>
      Array.from({ length: count }, (_, at) => ({
        id: randomUUID(),
        keys: [
          ...matchKeysOf({ name: `${word} ${secondWord(at)}`, country: "AU", emails: [], phones: [] }),
          { kind: "phone" as const, value: "+61299990000" },
        ],
      }));
    const writer = await MatchKeyWriter.start(db, workspaceId);
    const rows = subjects(STORED_PER_COMMON_KEY + 9).flatMap(({ id, keys }) => writer.rowsOf(id, keys));
    await db.transaction(async (tx) => {
      await insertMatchKeys(tx, workspaceId, rows);
      await writer.listNewlyCommon(tx, workspaceId);
    });
    expect(await rowsOf(key)).toBe(STORED_PER_COMMON_KEY);
    // A later writer starts from the listed keys; exact keys are written however common.
    const later = await MatchKeyWriter.start(db, workspaceId);
    await insertMatchKeys(
      db,
      workspaceId,
      subjects(3).flatMap(({ id, keys }) => later.rowsOf(id, keys)),
    );
    expect(await rowsOf(key)).toBe(STORED_PER_COMMON_KEY);
    const phones = await db.execute<{ rows: number }>(sql`
      select count(*)::int as rows from customer_match_keys where kind = 'phone' and value = '+61299990000'`);
    expect(phones.rows[0]?.rows).toBe(STORED_PER_COMMON_KEY + 9 + 3);
  });
});
