import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, setupWorkspace, type TestApp } from "../../../test/harness";
import { COUNT_CAP, SEARCH_COUNT_CAP } from "./customers.service";
import { recordSearchWords, searchLexemes, toSearchVector } from "./search";

let t: TestApp;
let admin: Client;
const MANY = SEARCH_COUNT_CAP + 5;
const FEW = 30;

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
    expect(listed).toMatchObject({ total: MANY + FEW, totalIsEstimate: false });
  });

  it("pages a search in the list's order, with fewer matches than the cap and with more", async () => {
    // By name, the pool lists the okapis first, then the zebras.
    const pool = async (page: number) =>
      names((await admin.get(`/api/customers?scope=pool&sort=name&pageSize=${FEW}&page=${page}`)).body);
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
});
