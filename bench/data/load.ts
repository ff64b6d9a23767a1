import { pick, type Rng, seededRng } from "../../server/seed/company-generator";
import type { Db } from "../../server/src/db/client";
import { hashPassword } from "../../server/src/lib/passwords";
import { guessTimeZone } from "../../server/src/modules/customers/local-context";
import {
  customerSearchText,
  searchLexemes,
  searchVocabulary,
  toSearchVector,
} from "../../server/src/modules/customers/search";
import { MatchKeyWriter, matchKeysOf } from "../../server/src/modules/dedupe/dedupe.service";
import { companyDomains, normalizeCompanyName, websiteHost } from "../../server/src/modules/dedupe/normalize";
import { rebuildSalesRollup } from "../../server/src/modules/sales/sales.service";
import type { Role } from "../../shared/permissions";
import {
  ACTIVITY_TYPES,
  CUSTOMER_SOURCES,
  CUSTOMER_STAGES,
  CUSTOMER_TIERS,
} from "../../shared/schemas/customers";
import type { RawDriver } from "../lib/driver";
import { shuffled } from "../lib/stats";
import { Batch, type Column, deferIndexes } from "./bulk";
import { type BenchCompany, CompanyFactory, seededUuid } from "./companies";
import { ORDER_TABLES, OrderGenerator } from "./orders";

// The benchmark workspace: 50 users in 5 teams and `scale` customers with contacts, follow-ups,
// ownership history and every derived column and duplicate-check key the app would have written.

export const BENCH_PASSWORD = "bench-password-1";
const DAY_MS = 24 * 3600 * 1000;
const TEAMS = ["Europe", "Americas", "Middle East & Africa", "Asia Pacific", "CIS & Turkey"];
const REPS_PER_TEAM = [9, 9, 9, 9, 8];
const POOL_SHARE = 0.2;
// Owned customers were followed up within this many days: the workspace is in the steady state the
// hourly pool maintenance leaves behind (releaseAfterDays is 30), so starting the server moves nothing.
const RECENT_FOLLOW_UP_DAYS = 25;
const HISTORY_DAYS = 3 * 365;
// Reps here hold thousands of customers each; the limit must not refuse the claims being measured.
const MAX_PRIVATE_PER_REP = 1_000_000;
// Companies kept in memory for probes, searches and the import file.
const SAMPLED_COMPANIES = 12_000;
// Companies that do not exist yet are taken from here on: their names carry six-character tokens, so
// none is one typo away from a loaded company's (up to four characters below 36^4 = 1,679,616).
const NEW_COMPANIES_FROM = 36 ** 5;
const SAMPLED_POOL = 4_000;

const FOLLOW_UPS = [
  "Sent the catalogue and FOB Ningbo price list",
  "Discussed annual volume and 30% T/T deposit",
  "Asked for photos of packing and carton marks",
  "Met at the Canton Fair booth",
  "Samples sent by DHL",
  "Visited their warehouse",
  "Follow up after the trade show",
];

export type BenchUser = { id: string; email: string; name: string; role: Role; teamId: string | null };
export type SampledCompany = { id: string; company: BenchCompany; ownerId: string | null };

export type Dataset = {
  workspaceId: string;
  admin: BenchUser;
  rep: BenchUser;
  // The manager of the rep's team.
  manager: BenchUser;
  counts: {
    customers: number;
    contacts: number;
    activities: number;
    matchKeys: number;
    orders: number;
    orderLines: number;
  };
  loadMs: number;
  sampled: SampledCompany[];
  repCustomerIds: string[];
  poolIds: string[];
  // Continues the generator after the loaded companies, for companies that do not exist yet.
  factory: CompanyFactory;
  nextIndex: number;
};

const CUSTOMER_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["name", "text"],
  ["name_normalized", "text"],
  ["country", "text"],
  ["city", "text"],
  ["website", "text"],
  ["website_host", "text"],
  ["email_domains", "text[]"],
  ["phones", "text[]"],
  ["industry", "text"],
  ["source", "text"],
  ["tier", "text"],
  ["stage", "text"],
  ["tags", "text[]"],
  ["products_of_interest", "text[]"],
  ["owner_id", "uuid"],
  ["collaborator_ids", "uuid[]"],
  ["time_zone", "text"],
  ["search_text", "text"],
  ["search_vector", "tsvector"],
  ["created_by", "uuid"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
  ["last_follow_up_at", "timestamptz"],
  ["next_follow_up_at", "timestamptz"],
  ["owned_since", "timestamptz"],
  ["released_at", "timestamptz"],
];
const CONTACT_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["customer_id", "uuid"],
  ["name", "text"],
  ["title", "text"],
  ["emails", "text[]"],
  ["phones", "text[]"],
  ["is_primary", "boolean"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
];
const ACTIVITY_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["customer_id", "uuid"],
  ["type", "text"],
  ["summary", "text"],
  ["occurred_at", "timestamptz"],
  ["contact_id", "uuid"],
  ["next_follow_up_at", "timestamptz"],
  ["created_by", "uuid"],
  ["created_at", "timestamptz"],
];
const OWNERSHIP_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["customer_id", "uuid"],
  ["kind", "text"],
  ["from_user_id", "uuid"],
  ["to_user_id", "uuid"],
  ["actor_id", "uuid"],
  ["reason", "text"],
  ["created_at", "timestamptz"],
];
const AUDIT_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["actor_id", "uuid"],
  ["action", "text"],
  ["entity_type", "text"],
  ["entity_id", "text"],
  ["changes", "jsonb"],
  ["created_at", "timestamptz"],
];
const MATCH_KEY_COLUMNS: Column[] = [
  ["kind", "text"],
  ["value", "text"],
  ["customer_id", "uuid"],
];
const SEARCH_WORD_COLUMNS: Column[] = [["word", "text"]];
const BULK_TABLES = [
  "customers",
  "customer_search_words",
  "contacts",
  "activities",
  "customer_ownership_events",
  "audit_log",
  "customer_match_keys",
  ...ORDER_TABLES,
];

async function createWorkspace(driver: RawDriver, rng: Rng) {
  const workspaceId = seededUuid(rng);
  const settings = {
    pool: { releaseAfterDays: 30, maxPrivatePerRep: MAX_PRIVATE_PER_REP, reclaimCooldownDays: 7 },
  };
  await driver.query(
    `insert into workspaces (id, name, currency, time_zone, settings) values ($1, $2, 'CNY', 'Asia/Shanghai', $3::jsonb)`,
    [workspaceId, "Bench Export Trading Co., Ltd.", JSON.stringify(settings)],
  );
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const users: BenchUser[] = [];
  const addUser = async (user: Omit<BenchUser, "id">) => {
    const id = seededUuid(rng);
    await driver.query(
      `insert into users (workspace_id, id, name, email, password_hash, role, team_id, time_zone)
       values ($1, $2, $3, $4, $5, $6, $7, 'Asia/Shanghai')`,
      [workspaceId, id, user.name, user.email, passwordHash, user.role, user.teamId],
    );
    users.push({ ...user, id });
    return { ...user, id };
  };
  const admin = await addUser({
    name: "Ada Admin",
    email: "admin@bench.example",
    role: "admin",
    teamId: null,
  });
  const teams: { managerId: string; reps: BenchUser[] }[] = [];
  for (const [at, teamName] of TEAMS.entries()) {
    const teamId = seededUuid(rng);
    await driver.query(`insert into teams (workspace_id, id, name) values ($1, $2, $3)`, [
      workspaceId,
      teamId,
      teamName,
    ]);
    const manager = await addUser({
      name: `Manager ${at + 1}`,
      email: `manager${at + 1}@bench.example`,
      role: "manager",
      teamId,
    });
    await driver.query(`update teams set manager_id = $3 where workspace_id = $1 and id = $2`, [
      workspaceId,
      teamId,
      manager.id,
    ]);
    const reps: BenchUser[] = [];
    for (let r = 0; r < (REPS_PER_TEAM[at] ?? 0); r++) {
      const number = users.filter((user) => user.role === "sales").length + 1;
      reps.push(
        await addUser({ name: `Rep ${number}`, email: `rep${number}@bench.example`, role: "sales", teamId }),
      );
    }
    teams.push({ managerId: manager.id, reps });
  }
  return { workspaceId, admin, users, teams };
}

// Time-zone lookup scans a city table; the generator repeats its cities.
const zones = new Map<string, string | null>();
function zoneOf(country: string, city: string): string | null {
  const key = `${country}/${city}`;
  if (!zones.has(key)) zones.set(key, guessTimeZone(country, city));
  return zones.get(key) ?? null;
}

const slug = (text: string) => text.toLowerCase().replace(/\s+/g, "-");

export async function loadDataset(
  driver: RawDriver,
  // The query builder on the same database, for the sales rollup's rebuild.
  options: { scale: number; seed: number; db: Db; log?: (line: string) => void },
): Promise<Dataset> {
  const started = performance.now();
  const rng = seededRng(options.seed);
  const idRng = seededRng(options.seed + 1);
  const sampleRng = seededRng(options.seed + 2);
  const factory = new CompanyFactory(seededRng(options.seed + 3));
  const { workspaceId, admin, users, teams } = await createWorkspace(driver, idRng);
  const reps = teams.flatMap((team) => team.reps);
  const rep = reps[0];
  const manager = users.find((user) => user.id === teams[0]?.managerId);
  if (!rep || !manager) throw new Error("workspace without reps");
  const teamOf = new Map(teams.flatMap((team) => team.reps.map((member) => [member.id, team.reps] as const)));

  const restoreIndexes = await deferIndexes(driver, BULK_TABLES);
  const flushAt = 5000;
  const customersBatch = new Batch("customers", workspaceId, CUSTOMER_COLUMNS, flushAt);
  const contactsBatch = new Batch("contacts", workspaceId, CONTACT_COLUMNS, flushAt * 2);
  const activitiesBatch = new Batch("activities", workspaceId, ACTIVITY_COLUMNS, flushAt * 2);
  const ownershipBatch = new Batch("customer_ownership_events", workspaceId, OWNERSHIP_COLUMNS, flushAt * 2);
  const auditBatch = new Batch("audit_log", workspaceId, AUDIT_COLUMNS, flushAt * 2);
  const searchWords = new Set<string>();
  const keysBatch = new Batch("customer_match_keys", workspaceId, MATCH_KEY_COLUMNS, flushAt * 20);
  const now = Date.now();
  const orderGenerator = new OrderGenerator(workspaceId, options.seed + 4, now, flushAt);
  const batches = [
    customersBatch,
    contactsBatch,
    activitiesBatch,
    ownershipBatch,
    auditBatch,
    keysBatch,
    orderGenerator.orders,
    orderGenerator.lines,
  ];
  const counts = { customers: 0, contacts: 0, activities: 0, matchKeys: 0 };
  // Leaves out the rows of common name keys, as the product does (dedupe.service.ts).
  const matchKeys = await MatchKeyWriter.start(options.db, workspaceId);
  const sampled: SampledCompany[] = [];
  const repCustomerIds: string[] = [];
  const poolIds: string[] = [];
  const sampleShare = Math.min(1, SAMPLED_COMPANIES / options.scale);
  const poolSampleShare = Math.min(1, SAMPLED_POOL / (options.scale * POOL_SHARE));

  let index = 0;
  while (counts.customers < options.scale) {
    const company = factory.company(index);
    index += 1;
    if (!company) continue;
    const id = seededUuid(idRng);
    const owner = rng() < POOL_SHARE ? null : pick(rng, reps);
    const createdAt = now - (RECENT_FOLLOW_UP_DAYS + rng() * (HISTORY_DAYS - RECENT_FOLLOW_UP_DAYS)) * DAY_MS;
    const releasedAt = owner ? null : createdAt + rng() * (now - DAY_MS - createdAt);
    const ownedSince = owner
      ? rng() < 0.7
        ? createdAt
        : createdAt + rng() * (now - DAY_MS - createdAt)
      : null;
    const collaborators =
      owner && rng() < 0.03 ? [pick(rng, teamOf.get(owner.id) ?? reps).id].filter((c) => c !== owner.id) : [];

    const contactIds = company.contacts.map(() => seededUuid(idRng));
    const emails = company.contacts.map((contact) => contact.email.toLowerCase());
    const searchText = customerSearchText([
      company.name,
      company.website,
      ...company.contacts.map((contact) => contact.name),
      ...emails,
    ]);
    const lexemes = searchLexemes(searchText);
    for (const lexeme of lexemes) searchWords.add(lexeme);
    company.contacts.forEach((contact, at) => {
      contactsBatch.add([
        contactIds[at] ?? null,
        id,
        contact.name,
        contact.title,
        [contact.email.toLowerCase()],
        contact.phone ? [contact.phone] : [],
        at === 0,
        new Date(createdAt),
        new Date(createdAt),
      ]);
    });

    // Follow-ups: an owned customer's latest is recent (the pool clock), a pool customer's predates
    // its release.
    const followUps = owner ? 1 + Math.floor(rng() * 4) : Math.floor(rng() * 3);
    const latest = owner ? now - rng() * RECENT_FOLLOW_UP_DAYS * DAY_MS : (releasedAt ?? now);
    let lastFollowUpAt: number | null = null;
    const nextFollowUpAt = owner && rng() < 0.6 ? now + (1 + rng() * 29) * DAY_MS : null;
    for (let f = 0; f < followUps; f++) {
      const occurredAt = f === 0 && owner ? latest : createdAt + rng() * (latest - createdAt);
      lastFollowUpAt = Math.max(lastFollowUpAt ?? 0, occurredAt);
      activitiesBatch.add([
        seededUuid(idRng),
        id,
        pick(rng, ACTIVITY_TYPES),
        pick(rng, FOLLOW_UPS),
        new Date(occurredAt),
        rng() < 0.5 ? (contactIds[0] ?? null) : null,
        f === 0 && nextFollowUpAt ? new Date(nextFollowUpAt) : null,
        owner?.id ?? pick(rng, reps).id,
        new Date(occurredAt),
      ]);
    }

    const phones = company.phone ? [company.phone] : [];
    const keys = matchKeysOf({
      name: company.name,
      localName: null,
      country: company.country,
      website: company.website,
      emails,
      phones: [...phones, ...company.contacts.flatMap((contact) => (contact.phone ? [contact.phone] : []))],
    });
    const keyRows = matchKeys.rowsOf(id, keys);
    for (const row of keyRows) keysBatch.add(row);
    counts.matchKeys += keyRows.length;
    const updatedAt = Math.max(createdAt, lastFollowUpAt ?? 0, releasedAt ?? 0, ownedSince ?? 0);
    customersBatch.add([
      id,
      company.name,
      normalizeCompanyName(company.name),
      company.country,
      company.city,
      company.website,
      company.website ? websiteHost(company.website) : null,
      companyDomains(company.website, emails),
      phones,
      company.trade,
      pick(rng, CUSTOMER_SOURCES),
      pick(rng, CUSTOMER_TIERS),
      pick(rng, CUSTOMER_STAGES),
      [slug(company.trade)],
      [company.trade],
      owner?.id ?? null,
      collaborators,
      zoneOf(company.country, company.city),
      searchText,
      toSearchVector(lexemes),
      owner?.id ?? admin.id,
      new Date(createdAt),
      new Date(updatedAt),
      lastFollowUpAt === null ? null : new Date(lastFollowUpAt),
      nextFollowUpAt === null ? null : new Date(nextFollowUpAt),
      ownedSince === null ? null : new Date(ownedSince),
      releasedAt === null ? null : new Date(releasedAt),
    ]);
    ownershipBatch.add([
      seededUuid(idRng),
      id,
      "created",
      null,
      owner?.id ?? null,
      owner?.id ?? admin.id,
      null,
      new Date(createdAt),
    ]);
    auditBatch.add([
      seededUuid(idRng),
      owner?.id ?? admin.id,
      "customer.created",
      "customer",
      id,
      { name: company.name, country: company.country, ownerId: owner?.id ?? null },
      new Date(createdAt),
    ]);

    if (owner) orderGenerator.addFor({ id, ownerId: owner.id, createdAt });
    counts.customers += 1;
    counts.contacts += company.contacts.length;
    counts.activities += followUps;
    if (sampleRng() < sampleShare) sampled.push({ id, company, ownerId: owner?.id ?? null });
    if (owner?.id === rep.id) repCustomerIds.push(id);
    if (!owner && sampleRng() < poolSampleShare) poolIds.push(id);
    for (const batch of batches) await batch.flushIfFull(driver);
    if (counts.customers % 100_000 === 0) {
      options.log?.(`  ${counts.customers.toLocaleString("en")} customers generated`);
    }
  }
  for (const batch of batches) await batch.finish(driver);
  // The search vocabulary (customer_search_words): every distinct word, written once at the end.
  const wordsBatch = new Batch("customer_search_words", workspaceId, SEARCH_WORD_COLUMNS, flushAt * 20);
  for (const word of searchVocabulary(searchWords)) {
    wordsBatch.add([word]);
    await wordsBatch.flushIfFull(driver);
  }
  await wordsBatch.finish(driver);
  await matchKeys.listNewlyCommon(options.db, workspaceId);
  options.log?.(`  rows written in ${((performance.now() - started) / 1000).toFixed(1)} s; building indexes`);
  await restoreIndexes();
  options.log?.("  sales rollup");
  await rebuildSalesRollup(options.db, workspaceId);
  // Statistics and visibility maps as a long-running database has them, before anything is measured.
  await driver.query("vacuum analyze");
  return {
    workspaceId,
    admin,
    rep,
    manager,
    counts: { ...counts, orders: orderGenerator.counts.orders, orderLines: orderGenerator.counts.lines },
    loadMs: performance.now() - started,
    // In generation order the first companies are those with plain names (see CompanyFactory).
    sampled: shuffled(sampleRng, sampled),
    repCustomerIds,
    poolIds,
    factory,
    nextIndex: Math.max(index, NEW_COMPANIES_FROM),
  };
}

// Companies that do not exist in the workspace yet (new probes, new rows of an import file).
export function newCompanies(dataset: Dataset, count: number): BenchCompany[] {
  const companies: BenchCompany[] = [];
  while (companies.length < count) {
    const company = dataset.factory.company(dataset.nextIndex);
    dataset.nextIndex += 1;
    if (company) companies.push(company);
  }
  return companies;
}
