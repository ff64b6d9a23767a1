import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";
import { indexPendingSearchVectors } from "./search";

let t: TestApp;
let admin: Client;
let repA: Client;
let repA2: Client;
let repB: Client;
let managerA: Client;
let managerB: Client;
let logistics: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  const mA = await createUserAndSignIn(admin, { role: "manager", name: "Mona Manager" });
  const mB = await createUserAndSignIn(admin, { role: "manager", name: "Max Manager" });
  const teamA = (await admin.post("/api/teams", { name: "Europe", managerId: mA.user.id })).body;
  const teamB = (await admin.post("/api/teams", { name: "Americas", managerId: mB.user.id })).body;
  const a = await createUserAndSignIn(admin, { role: "sales", teamId: teamA.id, name: "Anna Rep" });
  const a2 = await createUserAndSignIn(admin, { role: "sales", teamId: teamA.id, name: "Arno Rep" });
  const b = await createUserAndSignIn(admin, { role: "sales", teamId: teamB.id, name: "Bruno Rep" });
  const l = await createUserAndSignIn(admin, { role: "logistics", name: "Lia Logistics" });
  [repA, repA2, repB, managerA, managerB, logistics] = [
    a.client,
    a2.client,
    b.client,
    mA.client,
    mB.client,
    l.client,
  ];
  Object.assign(ids, {
    repA: a.user.id,
    repA2: a2.user.id,
    repB: b.user.id,
    managerA: mA.user.id,
    teamA: teamA.id,
  });
});
afterAll(() => t.close());

const acme = {
  name: "Acme Industrial Supplies GmbH",
  country: "DE",
  city: "Hamburg",
  website: "https://www.acme-industrial.de/en",
  tier: "A",
  source: "trade_show",
  tags: ["canton-fair", "valves"],
  phones: ["040 1234567"],
  contacts: [
    { name: "Jürgen Weber", email: "j.weber@acme-industrial.de", phone: "+49 40 7654321", title: "Buyer" },
  ],
};

describe("creating a customer", () => {
  it("stores phones in E.164, derives domains and time zone, and makes the creator owner", async () => {
    const response = await repA.post("/api/customers", acme);
    expect(response.status).toBe(201);
    const customer = response.body;
    ids.acme = customer.id;
    expect(customer).toMatchObject({
      access: "full",
      name: acme.name,
      country: "DE",
      ownerId: ids.repA,
      ownerName: "Anna Rep",
      inPublicPool: false,
      phones: ["+49401234567"],
      emailDomains: ["acme-industrial.de"],
      timeZone: "Europe/Berlin",
      stage: "new",
      tier: "A",
    });
    expect(customer.primaryContact).toEqual({ name: "Jürgen Weber", email: "j.weber@acme-industrial.de" });
    expect(customer.releaseDueAt).not.toBeNull();
  });

  it("refuses invalid input with the field named", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...acme, name: "X Co", country: "XX" }, "country"],
      [{ ...acme, name: "Y Co", phones: ["12"] }, "phones.0"],
      [{ ...acme, name: "Z Co", website: "not a site" }, "website"],
      [{ ...acme, name: "W Co", tier: "Z" }, "tier"],
      [{ ...acme, name: "V Co", contacts: [{ name: "A", email: "nope" }] }, "contacts.0.email"],
      [{ ...acme, name: "U Co", createdBy: ids.repB }, "createdBy"],
      [{ ...acme, name: "T Co", estimatedAnnualPurchase: 12.5 }, "estimatedAnnualPurchase"],
    ];
    for (const [body, field] of cases) {
      const response = await repA.post("/api/customers", { ...body, website: body.website ?? undefined });
      expect(response.status, field).toBe(400);
      expect(response.body.error.message, field).toContain(field);
    }
  });

  it("blocks an exact duplicate and names the owner, without leaking contacts", async () => {
    const response = await repB.post("/api/customers", {
      name: "Totally Different Name",
      country: "FR",
      contacts: [{ name: "Someone", email: "purchasing@acme-industrial.de" }],
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("duplicate");
    const [match] = response.body.error.details.matches;
    expect(match).toMatchObject({
      customerId: ids.acme,
      ownerName: "Anna Rep",
      inPublicPool: false,
      exact: true,
    });
    expect(match.reasons.join(" ")).toContain("acme-industrial.de");
    expect(JSON.stringify(response.body)).not.toContain("Weber");
    expect(response.body.error.details.requiresConfirmation).toBe(false);
    const confirmed = await repB.post("/api/customers", {
      name: "Totally Different Name",
      country: "FR",
      contacts: [{ name: "Someone", email: "purchasing@acme-industrial.de" }],
      confirmNotDuplicate: true,
    });
    expect(confirmed.status).toBe(409);
  });

  it("asks to confirm a fuzzy name match, then creates", async () => {
    const probe = { name: "ACME INDUSTRIAL SUPPLIES LTD.", country: "DE" };
    const first = await repB.post("/api/customers", probe);
    expect(first.status).toBe(409);
    expect(first.body.error.details.requiresConfirmation).toBe(true);
    expect(first.body.error.details.matches[0].customerId).toBe(ids.acme);
    const check = await repB.post("/api/customers/duplicate-check", probe);
    expect(check.body.matches[0]).toMatchObject({ customerId: ids.acme, ownerName: "Anna Rep" });
    const confirmed = await repB.post("/api/customers", { ...probe, confirmNotDuplicate: true });
    expect(confirmed.status).toBe(201);
    ids.acmeUk = confirmed.body.id;
  });

  it("never treats free-mail domains as the company's", async () => {
    const one = await repA.post("/api/customers", {
      name: "Sunrise Lighting",
      country: "BR",
      contacts: [{ name: "Paulo", email: "paulo.sunrise@gmail.com" }],
    });
    expect(one.status).toBe(201);
    expect(one.body.emailDomains).toEqual([]);
    ids.sunrise = one.body.id;
    const two = await repB.post("/api/customers", {
      name: "Pacific Fasteners",
      country: "US",
      contacts: [{ name: "Amy", email: "amy.pacific@gmail.com" }],
    });
    expect(two.status).toBe(201);
  });

  it("lets only managers and admins create for someone else or into the pool", async () => {
    const rep = await repA.post("/api/customers", { name: "Nordic Timber Oy", country: "FI", ownerId: null });
    expect(rep.status).toBe(403);
    const manager = await managerA.post("/api/customers", {
      name: "Nordic Timber Oy",
      country: "FI",
      ownerId: null,
    });
    expect(manager.status).toBe(201);
    expect(manager.body.inPublicPool).toBe(true);
    ids.nordic = manager.body.id;
    const forRep = await managerA.post("/api/customers", {
      name: "Baltic Steel",
      country: "LV",
      ownerId: ids.repA2,
    });
    expect(forRep.body.ownerId).toBe(ids.repA2);
    ids.baltic = forRep.body.id;
  });
});

describe("who sees what", () => {
  it("a rep sees a colleague's customer only as a card", async () => {
    const card = await repB.get(`/api/customers/${ids.acme}`);
    expect(card.status).toBe(200);
    expect(card.body).toEqual({
      id: ids.acme,
      access: "limited",
      name: acme.name,
      country: "DE",
      tier: "A",
      stage: "new",
      ownerId: ids.repA,
      ownerName: "Anna Rep",
      inPublicPool: false,
    });
    expect((await repB.get(`/api/customers/${ids.acme}/contacts`)).status).toBe(404);
    expect((await repB.get(`/api/customers/${ids.acme}/timeline`)).status).toBe(404);
    expect((await repB.patch(`/api/customers/${ids.acme}`, { tier: "D" })).status).toBe(404);
    expect((await repB.post(`/api/customers/${ids.acme}/release`, { reason: "mine now" })).status).toBe(404);
    expect(
      (await repB.post(`/api/customers/${ids.acme}/follow-ups`, { type: "call", summary: "x" })).status,
    ).toBe(404);
    expect((await repB.post(`/api/customers/${ids.acme}/transfer`, { toUserId: ids.repB })).status).toBe(403);
    expect((await repB.post(`/api/customers/${ids.acme}/contacts`, { name: "Spy" })).status).toBe(404);
    const listed = (await repB.get(`/api/customers?q=acme`)).body.items.find(
      (c: { id: string }) => c.id === ids.acme,
    );
    expect(listed.access).toBe("limited");
    expect(listed).not.toHaveProperty("phones");
    expect(listed).not.toHaveProperty("primaryContact");
    expect((await admin.get(`/api/customers/${ids.acme}`)).body.tier).toBe("A");
  });

  it("a manager of another team sees a card and cannot act; the owner's manager can", async () => {
    expect((await managerB.get(`/api/customers/${ids.acme}`)).body.access).toBe("limited");
    expect((await managerB.get(`/api/customers/${ids.acme}/contacts`)).status).toBe(404);
    expect((await managerB.post(`/api/customers/${ids.acme}/transfer`, { toUserId: ids.repB })).status).toBe(
      404,
    );
    expect((await managerB.post(`/api/customers/${ids.acme}/release`, { reason: "x" })).status).toBe(404);
    const own = await managerA.get(`/api/customers/${ids.acme}`);
    expect(own.body.access).toBe("full");
    expect(own.body.contacts[0].emails).toEqual(["j.weber@acme-industrial.de"]);
    expect((await managerA.get(`/api/customers/${ids.acme}/contacts`)).status).toBe(200);
  });

  it("sales see public-pool customers in full but must claim before working on them", async () => {
    const pool = await repB.get(`/api/customers/${ids.nordic}`);
    expect(pool.body).toMatchObject({ access: "full", inPublicPool: true });
    const edit = await repB.patch(`/api/customers/${ids.nordic}`, { tier: "B" });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toContain("Claim");
  });

  it("logistics, finance and marketing have no customer access yet", async () => {
    expect((await logistics.get("/api/customers")).status).toBe(403);
    expect((await logistics.get(`/api/customers/${ids.acme}`)).status).toBe(403);
  });

  it("collaborators see and work on the customer", async () => {
    expect((await repA2.get(`/api/customers/${ids.acme}`)).body.access).toBe("limited");
    const added = await repA.post(`/api/customers/${ids.acme}/collaborators`, { add: [ids.repA2] });
    expect(added.body.collaboratorIds).toEqual([ids.repA2]);
    expect((await repA2.get(`/api/customers/${ids.acme}`)).body.access).toBe("full");
    expect(
      (
        await repA2.post(`/api/customers/${ids.acme}/follow-ups`, {
          type: "email",
          summary: "Sent catalogue",
        })
      ).status,
    ).toBe(201);
    await repA.post(`/api/customers/${ids.acme}/collaborators`, { remove: [ids.repA2] });
    expect((await repA2.get(`/api/customers/${ids.acme}`)).body.access).toBe("limited");
  });
});

describe("follow-ups and timeline", () => {
  it("logging a follow-up updates last and next follow-up, moves the stage, and restarts the pool clock", async () => {
    const before = (await repA.get(`/api/customers/${ids.sunrise}`)).body;
    const next = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    const response = await repA.post(`/api/customers/${ids.sunrise}/follow-ups`, {
      type: "call",
      summary: "Discussed LED panel prices; wants samples",
      nextFollowUpAt: next,
    });
    expect(response.status).toBe(201);
    const after = (await repA.get(`/api/customers/${ids.sunrise}`)).body;
    expect(after.lastFollowUpAt).not.toBeNull();
    expect(after.nextFollowUpAt).toBe(next);
    expect(after.stage).toBe("contacted");
    expect(new Date(after.releaseDueAt).getTime()).toBeGreaterThanOrEqual(
      new Date(before.releaseDueAt).getTime(),
    );
  });

  it("shows the release date by the workspace's pool rules in the list as on the detail page", async () => {
    const releaseIn = async () => {
      const detail = (await repA.get(`/api/customers/${ids.sunrise}`)).body;
      const listed = (await repA.get("/api/customers?scope=mine&pageSize=100")).body.items.find(
        (item: { id: string }) => item.id === ids.sunrise,
      );
      expect(listed.releaseDueAt).toBe(detail.releaseDueAt);
      return new Date(detail.releaseDueAt).getTime();
    };
    const before = await releaseIn();
    expect((await admin.patch("/api/settings/pool", { releaseAfterDays: 10 })).status).toBe(200);
    try {
      expect(before - (await releaseIn())).toBe(20 * 24 * 3600 * 1000);
    } finally {
      await admin.patch("/api/settings/pool", { releaseAfterDays: 30 });
    }
  });

  it("refuses a follow-up in the future, an unknown contact, or an empty summary", async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "call", summary: "x", occurredAt: future }, "occurredAt"],
      [{ type: "call", summary: "x", contactId: "00000000-0000-4000-8000-000000000000" }, "contactId"],
      [{ type: "call", summary: "" }, "summary"],
      [{ type: "fax", summary: "x" }, "type"],
    ];
    for (const [body, field] of cases) {
      const response = await repA.post(`/api/customers/${ids.sunrise}/follow-ups`, body);
      expect(response.status, field).toBe(400);
      expect(response.body.error.message, field).toContain(field);
    }
  });

  it("shows follow-ups, ownership and edits newest first", async () => {
    await repA.patch(`/api/customers/${ids.sunrise}`, { tier: "B" });
    const timeline = (await repA.get(`/api/customers/${ids.sunrise}/timeline`)).body.items;
    const kinds = timeline.map((entry: { kind: string }) => entry.kind);
    expect(kinds[0]).toBe("edit");
    expect(kinds).toContain("follow_up");
    expect(kinds[kinds.length - 1]).toBe("ownership");
    expect(timeline[0].data.changes.tier).toEqual({ from: "C", to: "B" });
  });
});

describe("editing", () => {
  it("re-checks duplicates when the website changes", async () => {
    const response = await repA.patch(`/api/customers/${ids.sunrise}`, { website: "www.acme-industrial.de" });
    expect(response.status).toBe(409);
    expect((await repA.get(`/api/customers/${ids.sunrise}`)).body.website).toBeNull();
  });

  it("adds contacts and refuses one that belongs to another customer", async () => {
    const added = await repA.post(`/api/customers/${ids.sunrise}/contacts`, {
      name: "Maria Souza",
      emails: ["maria@sunrise-lighting.com.br"],
      isPrimary: true,
    });
    expect(added.status).toBe(201);
    const customer = (await repA.get(`/api/customers/${ids.sunrise}`)).body;
    expect(customer.primaryContact.name).toBe("Maria Souza");
    expect(customer.emailDomains).toEqual(["sunrise-lighting.com.br"]);
    const stolen = await repA.post(`/api/customers/${ids.sunrise}/contacts`, {
      name: "J",
      email: "j.weber@acme-industrial.de",
    });
    expect(stolen.status).toBe(409);
  });
});

describe("lists", () => {
  it("filters by scope, country, tier, tag and search text, with totals", async () => {
    const mine = (await repA.get("/api/customers?scope=mine")).body;
    expect(mine.items.every((c: { ownerId: string }) => c.ownerId === ids.repA)).toBe(true);
    expect(mine.total).toBe(mine.items.length);
    const pool = (await repA.get("/api/customers?scope=pool")).body;
    expect(pool.items.map((c: { id: string }) => c.id)).toEqual([ids.nordic]);
    const team = (await managerA.get("/api/customers?scope=team")).body.items.map(
      (c: { id: string }) => c.id,
    );
    expect(team).toEqual(expect.arrayContaining([ids.acme, ids.baltic]));
    expect(team).not.toContain(ids.acmeUk);
    expect(
      (await repA.get("/api/customers?country=DE&tier=A")).body.items.map((c: { id: string }) => c.id),
    ).toContain(ids.acme);
    expect((await repA.get("/api/customers?tag=valves")).body.items.map((c: { id: string }) => c.id)).toEqual(
      [ids.acme],
    );
    const byContact = (await repA.get("/api/customers?q=weber")).body.items;
    expect(byContact.map((c: { id: string }) => c.id)).toEqual([ids.acme]);
    expect(byContact[0].primaryContact).toEqual({
      name: "Jürgen Weber",
      email: "j.weber@acme-industrial.de",
    });
    expect(byContact[0].releaseDueAt).not.toBeNull();
    const paged = (await repA.get("/api/customers?pageSize=2&page=1&sort=name")).body;
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(2);
    expect(paged.totalIsEstimate).toBe(false);
  });

  it("searches by word beginnings, without accents, and CJK names by any part", async () => {
    const found = async (q: string) =>
      (await repA.get(`/api/customers?${new URLSearchParams({ q })}`)).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await found("jurgen")).toEqual([ids.acme]);
    expect(await found("ACME ind")).toContain(ids.acme);
    expect(await found("j.weber@acme-industrial.de")).toEqual([ids.acme]);
    expect(await found("dustrial")).toEqual([]);
    const minghui = await repA.post("/api/customers", {
      name: "Shanghai Minghui Trading",
      localName: "上海明辉贸易有限公司",
      country: "CN",
    });
    expect(minghui.status).toBe(201);
    expect(await found("明辉贸易")).toEqual([minghui.body.id]);
    expect(await found("辉明")).toEqual([]);
    // A contact added later is found too: the search words follow the customer's contacts.
    await repA.post(`/api/customers/${minghui.body.id}/contacts`, { name: "Chen Xiaoling" });
    expect(await found("xiaoling")).toEqual([minghui.body.id]);
  });

  it("indexes customers written without search words, and finds them afterwards", async () => {
    await t.database.db.execute(sql`update customers set search_vector = null where id = ${ids.acme}::uuid`);
    await t.database.db.execute(sql`delete from customer_search_words where word like 'webe%'`);
    expect((await repA.get("/api/customers?q=weber")).body.items).toEqual([]);
    expect(await indexPendingSearchVectors(t.database.db)).toBe(1);
    expect(await indexPendingSearchVectors(t.database.db)).toBe(0);
    // The vocabulary is rebuilt too: a prefix expands into the word again.
    expect((await repA.get("/api/customers?q=webe")).body.items.map((c: { id: string }) => c.id)).toEqual([
      ids.acme,
    ]);
  });

  it("refuses sort and filter values outside the allowlist", async () => {
    expect((await repA.get("/api/customers?sort=password_hash")).status).toBe(400);
    expect((await repA.get("/api/customers?scope=everything")).status).toBe(400);
    expect((await repA.get("/api/customers?pageSize=100000")).status).toBe(400);
    expect((await repA.get("/api/customers?q=%27%20or%201%3D1--")).body.items).toEqual([]);
  });

  it("finds idle customers", async () => {
    const idle = (await repA.get("/api/customers?idleDays=0&scope=mine")).body.items.map(
      (c: { id: string }) => c.id,
    );
    expect(idle).toContain(ids.acme);
    const notIdle = (await repA.get("/api/customers?idleDays=5&scope=mine")).body.items;
    expect(notIdle).toEqual([]);
  });

  it("keeps saved views per user", async () => {
    const view = await repA.post("/api/customers/views", {
      name: "German A",
      filters: { country: "DE", tier: "A" },
    });
    expect(view.status).toBe(201);
    expect((await repA.get("/api/customers/views")).body.items.map((v: { name: string }) => v.name)).toEqual([
      "German A",
    ]);
    expect((await repB.get("/api/customers/views")).body.items).toEqual([]);
    expect((await repB.delete(`/api/customers/views/${view.body.id}`)).status).toBe(404);
    const bad = await repA.post("/api/customers/views", { name: "Bad", filters: { sort: "secret" } });
    expect(bad.status).toBe(400);
    expect((await repA.delete(`/api/customers/views/${view.body.id}`)).status).toBe(204);
  });
});
