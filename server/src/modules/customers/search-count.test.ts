import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, setupWorkspace, type TestApp } from "../../../test/harness";
import { plannedQuery } from "../../db/explain";
import { COUNT_CAP, SEARCH_COUNT_CAP } from "./customers.service";
import { recordSearchWords, searchLexemes, toSearchVector } from "./search";

let t: TestApp;
let admin: Client;
const MANY = SEARCH_COUNT_CAP + 5;
const FEW = 30;
// More than twice the cap: a word the planner, once it has statistics, expects to be too common to count.
const COMMON = 2 * SEARCH_COUNT_CAP + 100;

// A workspace of its own: its public pool holds more matches of one word than a search counts, and a
// few matches of another.
beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  const [workspace] = (await t.database.db.execute<{ id: string }>(sql`select id from workspaces`)).rows;
  const workspaceId = workspace?.id as string;
  // Public-pool customers "<name> 1" … "<name> <count>", all found by the words of <name>.
  const addPool = async (name: string, country: string, count: number) => {
    const words = searchLexemes(name);
    await t.database.db.execute(sql`
      insert into customers (workspace_id, name, name_normalized, country, search_text, search_vector)
      select ${workspaceId}::uuid, ${name} || ' ' || g, ${name.toLowerCase()} || ' ' || g, ${country},
        ${name.toLowerCase()}, ${toSearchVector(words)}::tsvector
      from generate_series(1, ${count}) g`);
    await recordSearchWords(t.database.db, workspaceId, words);
  };
  await addPool("Zebra Trading", "DE", MANY);
  await addPool("Okapi Logistics", "KE", FEW);
  await addPool("Gnu Imports", "TZ", COMMON);
  await t.database.db.execute(sql`analyze customers`);
});
afterAll(() => t.close());

const names = (page: { items: { name: string }[] }) => page.items.map((item) => item.name);

describe("customer list totals", () => {
  it("counts a search up to its cap and says the total is an estimate beyond it", async () => {
    const searched = (await admin.get("/api/customers?q=zeb&pageSize=5")).body;
    expect(searched).toMatchObject({ total: SEARCH_COUNT_CAP, totalIsEstimate: true });
    expect(searched.items).toHaveLength(5);
    // Page 201 lies beyond the counted total and is still served.
    const beyond = (await admin.get(`/api/customers?q=zeb&pageSize=5&page=${SEARCH_COUNT_CAP / 5 + 1}`)).body;
    expect(beyond.items).toHaveLength(5);
  });

  it("counts the same customers exactly without a search, below the list cap", async () => {
    expect(MANY).toBeLessThan(COUNT_CAP);
    const listed = (await admin.get("/api/customers?scope=pool&pageSize=5")).body;
    expect(listed).toMatchObject({ total: MANY + FEW + COMMON, totalIsEstimate: false });
  });

  it("pages a search in the list's order, with fewer matches than the cap and with more", async () => {
    // By name, the pool lists the gnus first, then the okapis, then the zebras.
    const pool = async (page: number) =>
      names(
        (await admin.get(`/api/customers?scope=pool&sort=name&pageSize=${FEW}&page=${page + COMMON / FEW}`))
          .body,
      );
    const search = async (q: string, page: number) =>
      (await admin.get(`/api/customers?q=${q}&sort=name&pageSize=${FEW / 3}&page=${page}`)).body;
    const okapis = [];
    for (const page of [1, 2, 3]) {
      const found = await search("okapi", page);
      expect(found).toMatchObject({ total: FEW, totalIsEstimate: false });
      okapis.push(...names(found));
    }
    expect(okapis).toEqual(await pool(1));
    expect(await search("okapi", 4)).toMatchObject({ items: [], total: FEW, totalIsEstimate: false });

    const zebras = [...names(await search("zeb", 1)), ...names(await search("zeb", 2))];
    expect(zebras).toEqual((await pool(2)).slice(0, zebras.length));
    expect(zebras).toHaveLength((2 * FEW) / 3);
  });

  it("finds nothing, quickly, for a prefix no word starts with", async () => {
    const none = (await admin.get("/api/customers?q=zebu")).body;
    expect(none).toMatchObject({ items: [], total: 0, totalIsEstimate: false });
  });

  it("serves a word far more common than the cap without counting it, in the list's order", async () => {
    const plan = await plannedQuery(
      t.database.db,
      sql`select 1 from customers where search_vector @@ 'gnu'::tsquery`,
    );
    expect(plan["Plan Rows"]).toBeGreaterThan(2 * SEARCH_COUNT_CAP);

    const search = async (page: number) =>
      (await admin.get(`/api/customers?q=gnu&sort=name&pageSize=${FEW}&page=${page}`)).body;
    const listed = async (page: number) =>
      names((await admin.get(`/api/customers?scope=pool&sort=name&pageSize=${FEW}&page=${page}`)).body);
    for (const page of [1, 2, 40]) {
      const found = await search(page);
      expect(found).toMatchObject({ total: SEARCH_COUNT_CAP, totalIsEstimate: true });
      expect(names(found)).toEqual(await listed(page));
    }
    // Pages of 40 end halfway through the 53rd.
    const last = (await admin.get("/api/customers?q=gnu&sort=name&pageSize=40&page=53")).body;
    expect(last.items).toHaveLength(COMMON - 52 * 40);
    expect(last).toMatchObject({ total: SEARCH_COUNT_CAP, totalIsEstimate: true });
    expect((await admin.get("/api/customers?q=gnu&sort=name&pageSize=40&page=54")).body.items).toEqual([]);
  });

  it("counts exactly when the statistics overestimate a word and the first page shows the end", async () => {
    // The statistics still say every gnu is there.
    await t.database.db.execute(sql`
      delete from customers where name like 'Gnu Imports %' and name <> all(array['Gnu Imports 7', 'Gnu Imports 8'])`);
    const found = (await admin.get("/api/customers?q=gnu&sort=name")).body;
    expect(found).toMatchObject({ total: 2, totalIsEstimate: false });
    expect(names(found)).toEqual(["Gnu Imports 7", "Gnu Imports 8"]);
  });
});
