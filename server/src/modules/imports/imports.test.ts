import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";
import { parallelTransactions } from "../../db/client";
import { drainJobs } from "../../jobs/queue";
import { jobHandlers } from "../../jobs/registry";
import { customers } from "../customers/customers.table";
import { runImport } from "./imports.service";
import { imports } from "./imports.table";

let t: TestApp;
let admin: Client;
let manager: Client;
let repA: Client;
let repB: Client;
let logistics: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  const m = await createUserAndSignIn(admin, { role: "manager", name: "Mona Manager" });
  const team = (await admin.post("/api/teams", { name: "Europe", managerId: m.user.id })).body;
  const a = await createUserAndSignIn(admin, { role: "sales", teamId: team.id, name: "Anna Rep" });
  const b = await createUserAndSignIn(admin, { role: "sales", name: "Bruno Rep" });
  const l = await createUserAndSignIn(admin, { role: "logistics", name: "Lia Logistics" });
  [manager, repA, repB, logistics] = [m.client, a.client, b.client, l.client];
  Object.assign(ids, { manager: m.user.id, repA: a.user.id, repB: b.user.id });
});
afterAll(() => t.close());

// Runs the queued jobs as a server's worker would. The clock is a second ahead because the queue
// compares run_at (microseconds, set by the database) with a JavaScript date (milliseconds): a job
// enqueued within the same millisecond would otherwise wait for the next poll.
const runJobs = () => drainJobs(t.database.db, jobHandlers, () => new Date(Date.now() + 1000));

type Rows = (string | number | null)[][];

function csv(rows: Rows): string {
  return rows
    .map((row) =>
      row
        .map((cell) =>
          /[",\n]/.test(String(cell ?? "")) ? `"${String(cell).replaceAll('"', '""')}"` : (cell ?? ""),
        )
        .join(","),
    )
    .join("\n");
}

async function xlsx(rows: Rows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Customers");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// A multipart/form-data body as a browser sends it: the options as fields, then the file.
function multipart(fileName: string, content: Buffer | string, fields: Record<string, string>) {
  const boundary = `----tradewind${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    body: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  client: Client,
  fileName: string,
  content: Buffer | string,
  fields: Record<string, string> = {},
) {
  const { body, headers } = multipart(fileName, content, fields);
  return client.post("/api/imports/customers", body, { headers });
}

// Uploads, runs the job as a server's worker would, and answers the finished import.
async function importFile(
  client: Client,
  fileName: string,
  content: Buffer | string,
  fields: Record<string, string> = {},
  query = "",
) {
  const accepted = await upload(client, fileName, content, fields);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  await runJobs();
  const response = await client.get(`/api/imports/${accepted.body.importId}${query}`);
  expect(response.status).toBe(200);
  expect(response.body.status, response.body.failure).toBe("done");
  return response.body;
}

async function customerCount(): Promise<number> {
  const [row] = await t.database.db.select({ count: sql<number>`count(*)::int` }).from(customers);
  return Number(row?.count);
}

async function findCustomer(client: Client, q: string) {
  const list = await client.get(`/api/customers?q=${encodeURIComponent(q)}`);
  expect(list.body.items, q).toHaveLength(1);
  return (await client.get(`/api/customers/${list.body.items[0].id}`)).body;
}

const tag = () => randomBytes(3).toString("hex");

describe("importing customers", () => {
  it("detects English headers in a CSV and imports companies with their contact", async () => {
    const file = csv([
      [
        "Company Name",
        "Country",
        "City",
        "Website",
        "Contact",
        "Email",
        "Phone",
        "Tier",
        "Source",
        "Tags",
        "Notes",
      ],
      [
        "Nordlicht Maschinen GmbH",
        "Germany",
        "Hamburg",
        "www.nordlicht-maschinen.de",
        "Jens Ohm",
        "Jens@Nordlicht-Maschinen.de",
        "040 1234567",
        "a",
        "Trade show",
        "fair, valves",
        "Met at Hannover Messe",
      ],
      ["Pampas Agro S.A.", "AR", "", "", "", "", "+54 11 4321 8765", "", "", "", ""],
    ]);
    const result = await importFile(repA, "customers.csv", file);
    expect(result).toMatchObject({
      total: 2,
      processed: 2,
      created: 2,
      duplicates: 0,
      errorCount: 0,
      dryRun: false,
    });
    expect(result.columns.map((c: { field: string }) => c.field)).toEqual([
      "name",
      "country",
      "city",
      "website",
      "contactName",
      "email",
      "phone",
      "tier",
      "source",
      "tags",
      "notes",
    ]);
    const nordlicht = await findCustomer(repA, "nordlicht");
    expect(nordlicht).toMatchObject({
      name: "Nordlicht Maschinen GmbH",
      country: "DE",
      city: "Hamburg",
      tier: "A",
      source: "trade_show",
      tags: ["fair", "valves"],
      ownerId: ids.repA,
      emailDomains: ["nordlicht-maschinen.de"],
      timeZone: "Europe/Berlin",
      notes: "Met at Hannover Messe",
    });
    expect(nordlicht.contacts[0]).toMatchObject({
      name: "Jens Ohm",
      emails: ["jens@nordlicht-maschinen.de"],
      phones: ["+49401234567"],
      isPrimary: true,
    });
    // Without a contact the phone is the company's.
    const pampas = await findCustomer(repA, "pampas");
    expect(pampas).toMatchObject({ country: "AR", phones: ["+541143218765"], contacts: [] });
    const timeline = (await repA.get(`/api/customers/${pampas.id}/timeline`)).body.items;
    expect(timeline.some((entry: { type: string }) => entry.type === "created")).toBe(true);
    // Imported customers are found by the interactive duplicate check too.
    const check = await repB.post("/api/customers/duplicate-check", {
      name: "Nordlicht Maschinen",
      country: "DE",
    });
    expect(check.body.matches[0]).toMatchObject({ customerId: nordlicht.id, ownerName: "Anna Rep" });
    // ...also with a typo, through the typo-tolerant name keys written with the import.
    const typo = await repB.post("/api/customers/duplicate-check", {
      name: "Nordlicht Maschnen",
      country: "DE",
    });
    expect(typo.body.matches[0]).toMatchObject({ customerId: nordlicht.id });
    const notes = (await repA.get("/api/notifications")).body.items;
    expect(notes[0]).toMatchObject({ type: "import_finished", entityType: "import" });
  });

  it("detects Chinese headers in an XLSX below a title row, and reports the sheet's row numbers", async () => {
    const file = await xlsx([
      ["2024 广交会客户名单"],
      [],
      ["公司名称", "国家/地区", "城市", "网址", "联系人", "邮箱", "手机", "等级", "来源", "备注"],
      [
        "Sakura Trading 株式会社",
        "日本",
        "大阪",
        "sakura-trading.jp",
        "田中",
        "tanaka@sakura-trading.jp",
        "06-6123-4567",
        "B",
        "展会",
        "样品已寄",
      ],
      ["Rio Verde Ltda", "巴西", "", "", "", "", "", "", "", ""],
      ["", "德国", "", "", "", "", "", "", "", ""],
      ["Andes Frutas SpA", "Chile", "", "", "", "", "", "", "海关数据", ""],
    ]);
    const result = await importFile(repA, "客户.xlsx", file);
    expect(result).toMatchObject({ total: 4, created: 3, errorCount: 1 });
    expect(result.errors).toEqual([{ row: 6, message: expect.stringContaining("公司名称 is empty") }]);
    expect(result.results.map((r: { row: number }) => r.row)).toEqual([4, 5, 6, 7]);
    const sakura = await findCustomer(repA, "sakura");
    expect(sakura).toMatchObject({ country: "JP", tier: "B", source: "trade_show", notes: "样品已寄" });
    expect(sakura.contacts[0]).toMatchObject({ name: "田中", phones: ["+81661234567"] });
    expect((await findCustomer(repA, "andes frutas")).source).toBe("customs_data");
  });

  it("imports the good rows of a file with bad ones and reports each bad row by its number", async () => {
    const k = tag();
    const file = csv([
      ["Company", "Country", "Email", "Phone", "Tier", "Website"],
      [`Good One ${k} Ltd`, "GB", `buyer@good-one-${k}.co.uk`, "", "", ""],
      ["", "GB", "", "", "", ""],
      [`No Country ${k}`, "Atlantis", "", "", "", ""],
      [`Bad Mail ${k}`, "FR", "not-an-email", "", "", ""],
      [`Bad Phone ${k}`, "FR", "", "12", "", ""],
      [`Bad Tier ${k}`, "FR", "", "", "Z", ""],
      [`Bad Site ${k}`, "FR", "", "", "", "not a website"],
      [`Good Two ${k}`, "United States", "", "+1 212 555 0123", "", ""],
    ]);
    const before = await customerCount();
    const result = await importFile(repA, "mixed.csv", file);
    expect(result).toMatchObject({ total: 8, created: 2, duplicates: 0, errorCount: 6 });
    expect(result.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6, 7, 8]);
    const messages = result.errors.map((e: { message: string }) => e.message);
    expect(messages[0]).toContain("Company is empty");
    expect(messages[1]).toContain('Country "Atlantis"');
    expect(messages[2]).toContain("Email");
    expect(messages[3]).toContain('Phone "12" is not a valid phone number for FR');
    expect(messages[4]).toContain('Tier "Z"');
    expect(messages[5]).toContain("Website");
    expect(await customerCount()).toBe(before + 2);
    const errorsOnly = await repA.get(`/api/imports/${result.id}?outcome=error&limit=2&offset=1`);
    expect(errorsOnly.body.results.map((r: { row: number }) => r.row)).toEqual([4, 5]);
  });

  it("creates nothing new when the same file is imported again", async () => {
    const k = tag();
    const file = await xlsx([
      ["Company Name", "Country", "Email", "Phone"],
      [`Helvetia Präzision ${k} AG`, "CH", `info@helvetia-${k}.ch`, ""],
      [`Lotus Foods ${k} Pvt Ltd`, "IN", "", ""],
      [`Kiwi Wool ${k} Limited`, "NZ", "", "+64 9 123 4567"],
    ]);
    const first = await importFile(repA, "again.xlsx", file);
    expect(first.created).toBe(3);
    const before = await customerCount();
    const second = await importFile(repA, "again.xlsx", file);
    expect(second).toMatchObject({ created: 0, duplicates: 3, errorCount: 0 });
    expect(await customerCount()).toBe(before);
    expect(second.results[0].duplicateOf).toMatchObject({
      customerId: first.results[0].customerId,
      ownerName: "Anna Rep",
      row: null,
    });
    // Recognised even after the customer was renamed.
    await repA.patch(`/api/customers/${first.results[1].customerId}`, {
      name: `Lotus Gourmet ${k}`,
      confirmNotDuplicate: true,
    });
    const third = await importFile(repA, "again.xlsx", file);
    expect(third.created).toBe(0);
    expect(third.results[1].duplicateOf.reason).toBe("the same company was imported before");
  });

  it("creates the customers once when the same file is imported twice at the same time", async () => {
    const k = tag();
    const file = csv([
      ["Company", "Country", "Email"],
      ...Array.from({ length: 30 }, (_, i) => [`Twin ${k} Nr ${i} Ltd`, "IE", `sales@twin-${k}-${i}.ie`]),
    ]);
    const accepted = await Promise.all([upload(repA, "twin.csv", file), upload(repA, "twin.csv", file)]);
    const ids = accepted.map((response) => response.body.importId as string);
    const [record] = await t.database.db
      .select({ workspaceId: imports.workspaceId })
      .from(imports)
      .where(eq(imports.id, ids[0] ?? ""));
    if (!record) throw new Error("no import");
    // Two workers, as two app instances would run them.
    await Promise.all(ids.map((id) => runImport(t.database.db, record.workspaceId, id)));
    const results = await Promise.all(ids.map((id) => repA.get(`/api/imports/${id}`)));
    expect(results.map((r) => r.body.created).sort()).toEqual([0, 30]);
    expect(results.map((r) => r.body.duplicates).sort()).toEqual([0, 30]);
    await runJobs();
  });

  it("writes each chunk in as many transactions as the database runs at once, with every row's search words", async () => {
    // Letters only, so each name's first word is one search word.
    const k = tag().replace(/\d/g, (digit) => "ghijklmnop"[Number(digit)] ?? "");
    const rows = [..."abcdefgh"].map((letter) => [`Quokka${k}${letter} Trading`, "AU"]);
    const result = await importFile(repA, "lanes.csv", csv([["Company", "Country"], ...rows]));
    expect(result.created).toBe(rows.length);
    const customerIds = result.results.map((row: { customerId: string }) => row.customerId);
    const written = await t.database.db.execute<{ transactions: number }>(sql`
      select count(distinct xmin::text)::int as transactions from ${customers}
      where id = any(${`{${customerIds.join(",")}}`}::uuid[])`);
    expect(written.rows[0]?.transactions).toBe(parallelTransactions(t.database.db));
    const words = await t.database.db.execute<{ word: string }>(sql`
      select word from customer_search_words where word like ${`quokka${k}%`} order by word`);
    expect(words.rows.map((row) => row.word)).toEqual([..."abcdefgh"].map((letter) => `quokka${k}${letter}`));
  });

  it("leaves nothing of a chunk when the insert of its last rows fails", async () => {
    const k = tag();
    const run = (statement: string) => t.database.db.execute(sql.raw(statement));
    // A database error on the chunk's last row: on PostgreSQL its half of the chunk is written by
    // the second transaction, which fails while the first has written the other half.
    await run(`create function refuse_${k}() returns trigger language plpgsql as $$
      begin raise exception 'refused %', new.name; end $$`);
    await run(`create trigger refuse_${k} before insert on customers for each row
      when (new.name = 'Refused ${k} Ltd') execute function refuse_${k}()`);
    try {
      const before = await customerCount();
      const rows = Array.from({ length: 10 }, (_, at) => [`Lane ${k} Nr ${at} Ltd`, "NZ"]);
      const file = csv([["Company", "Country"], ...rows, [`Refused ${k} Ltd`, "NZ"]]);
      const accepted = await upload(manager, "refused.csv", file, { assignTo: "pool" });
      expect(accepted.status).toBe(202);
      await runJobs();
      const status = (await manager.get(`/api/imports/${accepted.body.importId}`)).body;
      expect(status.status).toBe("failed");
      expect(status.failure).toContain("refused");
      expect(await customerCount()).toBe(before);
    } finally {
      await run(`drop trigger refuse_${k} on customers`);
      await run(`drop function refuse_${k}()`);
    }
  });

  it("records the search words of every chunk, also those an earlier chunk already had", async () => {
    const k = tag().replace(/\d/g, (digit) => "ghijklmnop"[Number(digit)] ?? "");
    const letters = (at: number) =>
      [at % 10, Math.floor(at / 10) % 10, Math.floor(at / 100)].map((digit) => "abcdefghij"[digit]).join("");
    // 300 rows: two chunks, each with words of its own and one word shared by all.
    const rows = Array.from({ length: 300 }, (_, at) => [`Numbat${k}${letters(at)} Shared${k}`, "AU"]);
    const result = await importFile(manager, "words.csv", csv([["Company", "Country"], ...rows]), {
      assignTo: "pool",
    });
    expect(result.created).toBe(300);
    const words = await t.database.db.execute<{ count: number }>(sql`
      select count(*)::int as count from customer_search_words
      where word like ${`numbat${k}%`} or word = ${`shared${k}`}`);
    expect(words.rows[0]?.count).toBe(301);
  });

  it("finds duplicates within the file and against existing customers, naming the owner", async () => {
    const k = tag();
    const existing = await repB.post("/api/customers", {
      name: `Bosphorus Textil ${k} A.Ş.`,
      country: "TR",
      contacts: [{ name: "Ayşe", email: `ayse@bosphorus-${k}.com.tr` }],
    });
    expect(existing.status).toBe(201);
    const file = csv([
      ["Company", "Country", "Email", "Phone", "Website"],
      [`BOSPHORUS TEXTIL ${k}`, "Turkey", "", "", ""],
      [`Marmara Trade ${k}`, "TR", `ayse@bosphorus-${k}.com.tr`, "", ""],
      [`Atlas Olive ${k} SARL`, "MA", "", "+212 522 123456", `atlas-${k}.ma`],
      [`Atlas Olive ${k} S.A.R.L.`, "MA", "", "", ""],
      [`Casablanca Oils ${k}`, "MA", "", "0522-123456", ""],
      [`Fes Leather ${k}`, "MA", "", "", `https://www.atlas-${k}.ma/shop`],
    ]);
    const result = await importFile(repA, "dupes.csv", file);
    expect(result).toMatchObject({ created: 1, duplicates: 5, errorCount: 0 });
    const [byName, byEmail, atlas, sameName, samePhone, sameSite] = result.results;
    const owner = { customerId: existing.body.id, ownerName: "Bruno Rep", inPublicPool: false };
    expect(byName.duplicateOf).toMatchObject({
      ...owner,
      row: null,
      reason: "same company name and country",
    });
    expect(byEmail.duplicateOf).toMatchObject({
      ...owner,
      reason: `same contact e-mail ayse@bosphorus-${k}.com.tr`,
    });
    expect(atlas.outcome).toBe("created");
    expect(sameName.duplicateOf).toMatchObject({
      customerId: atlas.customerId,
      row: 4,
      ownerName: "Anna Rep",
    });
    expect(sameName.duplicateOf.reason).toBe("same company name and country as row 4");
    expect(samePhone.duplicateOf).toMatchObject({ row: 4, reason: "same phone +212522123456 as row 4" });
    expect(sameSite.duplicateOf).toMatchObject({
      row: 4,
      reason: `same website atlas-${k}.ma as row 4`,
    });
    // The card of a colleague's customer, nothing more.
    expect(JSON.stringify(result)).not.toContain("Ayşe");
  });

  it("writes nothing in a dry run, then imports the same rows on commit", async () => {
    const k = tag();
    const file = csv([
      ["Company", "Country", "Contact", "Email"],
      [`Dry Creek ${k} LLC`, "US", "Dana", `dana@drycreek-${k}.com`],
      [`Dry Creek ${k} Inc.`, "US", "", ""],
      [`Broken ${k}`, "", "", ""],
    ]);
    const before = await customerCount();
    const dryRun = await importFile(repA, "dry.csv", file, { dryRun: "true" });
    expect(dryRun).toMatchObject({ dryRun: true, created: 1, duplicates: 1, errorCount: 1 });
    expect(dryRun.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "created",
      "duplicate",
      "error",
    ]);
    expect(dryRun.results[0].customerId).toBeUndefined();
    expect(dryRun.results[1].duplicateOf).toMatchObject({ customerId: null, row: 2, ownerName: "Anna Rep" });
    expect(await customerCount()).toBe(before);

    const commit = await repA.post(`/api/imports/${dryRun.id}/commit`);
    expect(commit.status).toBe(202);
    expect((await repA.post(`/api/imports/${dryRun.id}/commit`)).status).toBe(409);
    expect((await repB.post(`/api/imports/${dryRun.id}/commit`)).status).toBe(404);
    await runJobs();
    const committed = (await repA.get(`/api/imports/${commit.body.importId}`)).body;
    expect(committed).toMatchObject({
      dryRun: false,
      status: "done",
      created: 1,
      duplicates: 1,
      errorCount: 1,
    });
    expect(await customerCount()).toBe(before + 1);
  });

  it("assigns to the public pool or to a rep when a manager imports", async () => {
    const k = tag();
    const pool = await importFile(
      manager,
      "pool.csv",
      csv([
        ["Company", "Country"],
        [`Pool Lead ${k}`, "ES"],
      ]),
      {
        assignTo: "pool",
      },
    );
    expect(pool.ownerId).toBeNull();
    const pooled = await findCustomer(manager, `pool lead ${k}`);
    expect(pooled).toMatchObject({ ownerId: null, inPublicPool: true });
    const forRep = await importFile(
      manager,
      "rep.csv",
      csv([
        ["Company", "Country"],
        [`Rep Lead ${k}`, "PT"],
      ]),
      {
        assignTo: ids.repA ?? "",
      },
    );
    expect(forRep.ownerId).toBe(ids.repA);
    expect(await findCustomer(repA, `rep lead ${k}`)).toMatchObject({
      ownerId: ids.repA,
      ownerName: "Anna Rep",
    });
  });

  it("lets a rep import only for themselves, and shows an import only to its importer and admins", async () => {
    const file = csv([
      ["Company", "Country"],
      [`Mine ${tag()}`, "IT"],
    ]);
    const forColleague = await upload(repA, "x.csv", file, { assignTo: ids.repB ?? "" });
    expect(forColleague.status).toBe(403);
    expect((await upload(repA, "x.csv", file, { assignTo: "pool" })).status).toBe(403);
    expect((await upload(logistics, "x.csv", file)).status).toBe(403);
    expect((await upload(manager, "x.csv", file, { assignTo: "not-a-user" })).status).toBe(400);
    const accepted = await upload(repA, "x.csv", file, { dryRun: "true" });
    expect(accepted.status).toBe(202);
    const path = `/api/imports/${accepted.body.importId}`;
    expect((await repB.get(path)).status).toBe(404);
    expect((await manager.get(path)).status).toBe(404);
    expect((await admin.get(path)).status).toBe(200);
    expect((await repA.get(path)).status).toBe(200);
    await runJobs();
  });

  it("refuses files it cannot import with the reason", async () => {
    const noName = await upload(
      repA,
      "x.csv",
      csv([
        ["Country", "City"],
        ["DE", "Berlin"],
      ]),
    );
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toContain("company name column");
    const noCountry = await upload(
      repA,
      "x.csv",
      csv([
        ["Company", "City"],
        ["Acme", "Berlin"],
      ]),
    );
    expect(noCountry.status).toBe(400);
    expect(noCountry.body.error.message).toContain("no country column");
    const mapped = await upload(
      repA,
      "x.csv",
      csv([
        ["Firma", "Land"],
        [`Mapped ${tag()}`, "DE"],
      ]),
      {
        mapping: JSON.stringify({ Firma: "name", Land: "country" }),
        dryRun: "true",
      },
    );
    expect(mapped.status).toBe(202);
    expect((await upload(repA, "x.csv", "Company,Country\n", {})).body.error.message).toContain(
      "no data rows",
    );
    const pdf = await upload(repA, "list.pdf", Buffer.from("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n"));
    expect(pdf.status).toBe(415);
    const xls = await upload(
      repA,
      "old.xls",
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    expect(xls.status).toBe(415);
    expect(xls.body.error.message).toContain(".xlsx");
    const fakeXlsx = await upload(repA, "fake.xlsx", "Company,Country\nAcme,DE\n");
    expect(fakeXlsx.status).toBe(415);
    const badOption = await upload(
      repA,
      "x.csv",
      csv([
        ["Company", "Country"],
        ["A", "DE"],
      ]),
      { dryRun: "maybe" },
    );
    expect(badOption.status).toBe(400);
    expect(badOption.body.error.message).toContain("dryRun");
    const json = await repA.post("/api/imports/customers", { file: "nope" });
    expect(json.status).toBe(415);
    await runJobs();
  });

  it("refuses a file over 50 MB with 413", async () => {
    const big = Buffer.alloc(51 * 1024 * 1024, 0x41);
    const response = await upload(repA, "big.csv", big);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("keeps the private-customer limit: rows beyond it are reported, not imported", async () => {
    await admin.patch("/api/settings/pool", { maxPrivatePerRep: 3 });
    try {
      const k = tag();
      const rep = await createUserAndSignIn(admin, { role: "sales", name: "Lina Limit" });
      const rows: Rows = [["Company", "Country"]];
      for (let i = 0; i < 5; i++) rows.push([`Limit ${k} Nr ${i} Ltd`, "DE"]);
      const dryRun = await importFile(rep.client, "limit.csv", csv(rows), { dryRun: "true" });
      expect(dryRun).toMatchObject({ created: 3, errorCount: 2 });
      const result = await importFile(rep.client, "limit.csv", csv(rows));
      expect(result).toMatchObject({ created: 3, errorCount: 2 });
      expect(result.errors[0]).toEqual({
        row: 5,
        message: expect.stringContaining("more than 3 private customers"),
      });
      expect((await rep.client.get("/api/customers?scope=mine")).body.total).toBe(3);
    } finally {
      await admin.patch("/api/settings/pool", { maxPrivatePerRep: 300 });
    }
  });

  it("imports a 2,000-row XLSX", async () => {
    const k = tag();
    const rows: Rows = [["Company Name", "Country", "Contact", "Email", "Phone", "Website"]];
    for (let i = 0; i < 2000; i++) {
      rows.push([
        `Bulk ${k} Company ${i} GmbH`,
        "DE",
        `Person ${i}`,
        `person${i}@bulk-${k}-${i}.de`,
        `+49 30 ${2000000 + i}`,
        `bulk-${k}-${i}.de`,
      ]);
    }
    const before = await customerCount();
    const accepted = await upload(manager, "bulk.xlsx", await xlsx(rows), { assignTo: "pool" });
    expect(accepted.status).toBe(202);
    // Requests keep being served while the rows go in: a timer set now fires before the import ends
    // (on PGlite a loop of database calls never returns to Node's event loop unless it yields).
    let timerFiredAt = Number.POSITIVE_INFINITY;
    setTimeout(() => {
      timerFiredAt = performance.now();
    }, 0);
    await runJobs();
    expect(timerFiredAt).toBeLessThan(performance.now());
    const result = (await manager.get(`/api/imports/${accepted.body.importId}?limit=1000`)).body;
    expect(result).toMatchObject({ total: 2000, processed: 2000, created: 2000, errorCount: 0 });
    expect(result.results).toHaveLength(1000);
    expect(await customerCount()).toBe(before + 2000);
    // Ids follow the rows' order, so a large import appends to the id indexes instead of writing
    // all over them.
    const customerIds = result.results.map((row: { customerId: string }) => row.customerId);
    expect(customerIds).toEqual([...customerIds].sort());
  });

  it("marks an import failed with a message when the job crashes", async () => {
    const [admins] = await t.database.db
      .execute<{ id: string; workspace_id: string }>(
        sql`select id, workspace_id from users where role = 'admin' limit 1`,
      )
      .then((result) => [result.rows[0]]);
    if (!admins) throw new Error("no admin");
    const [record] = await t.database.db
      .insert(imports)
      .values({
        workspaceId: admins.workspace_id,
        userId: admins.id,
        kind: "customers",
        fileName: "broken.csv",
        fileHash: "x",
        options: {},
        rows: [[2, "Acme", "DE"]],
        total: 1,
      })
      .returning({ id: imports.id });
    if (!record) throw new Error("no import");
    await t.database.db.execute(
      sql`insert into jobs (kind, workspace_id, payload) values ('import.customers', ${admins.workspace_id}, ${JSON.stringify({ importId: record.id })}::jsonb)`,
    );
    await runJobs();
    const [failed] = await t.database.db
      .select()
      .from(imports)
      .where(and(eq(imports.workspaceId, admins.workspace_id), eq(imports.id, record.id)));
    expect(failed).toMatchObject({ status: "failed", rows: null });
    expect(failed?.failure).toBeTruthy();
    const notes = (await admin.get("/api/notifications")).body.items;
    expect(notes[0].title).toContain("Import of broken.csv failed");
  });
});
