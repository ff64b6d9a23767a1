import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";
import { drainJobs } from "../../jobs/queue";
import { jobHandlers } from "../../jobs/registry";

let t: TestApp;
let admin: Client;
let manager: Client;
let rep: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  manager = (await createUserAndSignIn(admin, { role: "manager" })).client;
  rep = (await createUserAndSignIn(admin, { role: "sales" })).client;
});
afterAll(() => t.close());

type Rows = (string | number | null)[][];

async function xlsx(rows: Rows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Products");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? "")));
  });
  return rows;
}

function upload(
  client: Client,
  fileName: string,
  content: Buffer | string,
  fields: Record<string, string> = {},
) {
  const boundary = `----tradewind${randomBytes(8).toString("hex")}`;
  const parts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return client.post("/api/imports/products", Buffer.concat(parts), {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

async function finished(client: Client, importId: string) {
  await drainJobs(t.database.db, jobHandlers);
  const response = await client.get(`/api/imports/products/${importId}`);
  expect(response.status).toBe(200);
  expect(response.body.status, response.body.failure).toBe("done");
  return response.body;
}

async function importFile(
  client: Client,
  fileName: string,
  content: Buffer | string,
  fields: Record<string, string> = {},
) {
  const accepted = await upload(client, fileName, content, fields);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  return finished(client, accepted.body.importId);
}

const HEADER = [
  "SKU",
  "Name",
  "中文品名",
  "HS code",
  "Unit",
  "List price (USD)",
  "Price EUR",
  "Cost price (CNY)",
  "MOQ",
  "Units per carton",
  "Carton length (cm)",
  "Carton width (cm)",
  "Carton height (cm)",
  "Gross weight (kg)",
  "Net weight (kg)",
  "Specifications",
  "Price tiers",
];
const CATALOGUE: Rows = [
  ["Ningbo Lux catalogue 2026"],
  HEADER,
  [
    "IMP-BULB-9",
    "LED bulb A60 9W E27",
    "LED球泡灯 9W",
    "8539.52.00",
    "pcs",
    0.38,
    0.35,
    2.1,
    3000,
    100,
    52,
    32,
    26,
    8.6,
    7.9,
    "Power: 9W; Base: E27",
    "5000+ USD 0.36; 10000+ USD 0.34",
  ],
  [
    "IMP-STRIP-5",
    "LED strip 5m 2835",
    "LED灯带 5米",
    "9405.49",
    "roll",
    "4.20",
    null,
    "21",
    100,
    50,
    45,
    35,
    30,
    12,
    11,
    null,
    null,
  ],
  [
    "IMP-BAD-HS",
    "Bad HS code",
    null,
    "12AB",
    "pcs",
    1,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [
    "IMP-NO-UNIT",
    "No unit",
    null,
    null,
    null,
    1,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [
    "imp-bulb-9",
    "Same SKU again",
    null,
    null,
    "pcs",
    1,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [
    "IMP-PACK",
    "Half packing",
    null,
    null,
    "pcs",
    1,
    null,
    null,
    null,
    20,
    30,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
];

describe("importing products", () => {
  it("checks a file in a dry run, reports errors by row, and imports it on commit", async () => {
    const file = await xlsx(CATALOGUE);
    const dryRun = await importFile(manager, "catalogue.xlsx", file, { dryRun: "true" });
    expect(dryRun).toMatchObject({
      dryRun: true,
      total: 6,
      processed: 6,
      created: 2,
      updated: 0,
      errorCount: 4,
    });
    expect(dryRun.columns.find((c: { header: string }) => c.header === "Price EUR")).toEqual({
      header: "Price EUR",
      field: "listPrice",
      currency: "EUR",
    });
    const errors = Object.fromEntries(
      dryRun.errors.map((e: { row: number; message: string }) => [e.row, e.message]),
    );
    expect(Object.keys(errors)).toEqual(["5", "6", "7", "8"]);
    expect(errors[5]).toContain("HS code");
    expect(errors[6]).toContain('"Unit"');
    expect(errors[7]).toBe("SKU imp-bulb-9 is already in row 3 of this file");
    expect(errors[8]).toContain("Packing needs all six carton figures");
    expect((await manager.get("/api/products?q=IMP-")).body.total).toBe(0);

    const committed = await manager.post(`/api/imports/products/${dryRun.id}/commit`);
    expect(committed.status).toBe(202);
    const real = await finished(manager, committed.body.importId);
    expect(real).toMatchObject({ dryRun: false, created: 2, errorCount: 4 });
    expect((await manager.post(`/api/imports/products/${dryRun.id}/commit`)).status).toBe(409);

    const bulb = (await manager.get("/api/products?q=IMP-BULB-9")).body.items[0];
    expect(bulb).toMatchObject({
      nameZh: "LED球泡灯 9W",
      hsCode: "85395200",
      listPrices: [
        { currency: "EUR", amount: "0.35" },
        { currency: "USD", amount: "0.38" },
      ],
      priceTiers: [
        { minQuantity: "5000", currency: "USD", amount: "0.36" },
        { minQuantity: "10000", currency: "USD", amount: "0.34" },
      ],
      costPrice: "2.1",
      specifications: [
        { key: "Power", value: "9W" },
        { key: "Base", value: "E27" },
      ],
      packing: { unitsPerCarton: 100, cbmPerCarton: "0.043264" },
    });
  });

  it("re-importing the same file changes nothing; a changed cell updates only that", async () => {
    const rows: Rows = [
      ["SKU", "Name", "Unit", "List price (USD)", "Category"],
      ["IDEM-1", "Wok 32cm carbon steel", "pcs", "6.80", "Kitchenware"],
      ["IDEM-2", "Frying pan 28cm", "pcs", "5.10", "Kitchenware"],
    ];
    const first = await importFile(manager, "woks.xlsx", await xlsx(rows));
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const before = (await manager.get("/api/products?q=IDEM-")).body.items;

    const again = await importFile(manager, "woks.xlsx", await xlsx(rows));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, errorCount: 0 });
    expect((await manager.get("/api/products?q=IDEM-")).body.items).toEqual(before);

    // A file with only some columns leaves the others (the category) alone.
    const repriced = await importFile(
      manager,
      "prices.csv",
      "SKU,List price (USD),List price (EUR)\nidem-1,6.50,6.00\nIDEM-2,5.10,\n",
    );
    expect(repriced).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(repriced.results.find((r: { row: number }) => r.row === 2)).toMatchObject({
      outcome: "updated",
      changed: ["listPrices"],
    });
    const wok = (await manager.get("/api/products?q=IDEM-1")).body.items[0];
    expect(wok).toMatchObject({
      category: "Kitchenware",
      listPrices: [
        { currency: "EUR", amount: "6.00" },
        { currency: "USD", amount: "6.50" },
      ],
    });
  });

  it("exports the list with formulas neutralised, cost only for cost roles, and the export imports again unchanged", async () => {
    await manager.post("/api/products", {
      sku: "EXP-1",
      name: '=HYPERLINK("http://evil.example","click")',
      unit: "set",
      listPrices: [{ currency: "USD", amount: "3.00" }],
      costPrice: "15",
      category: "Export test",
    });
    const download = await manager.get("/api/products/export?format=xlsx&category=Export%20test");
    expect(download.status).toBe(200);
    expect(download.headers["content-disposition"]).toMatch(/attachment; filename="products-.*\.xlsx"/);
    const rows = await readXlsx(download.raw.rawPayload);
    const [header, row] = rows;
    expect(header).toContain("Cost price (CNY)");
    expect(row?.[header?.indexOf("Name") ?? -1]).toBe('\'=HYPERLINK("http://evil.example","click")');

    const repExport = await rep.get("/api/products/export?format=csv&category=Export%20test");
    expect(repExport.status).toBe(200);
    expect(repExport.body).not.toContain("Cost price");
    expect(repExport.body).toContain("'=HYPERLINK");

    // Exported and imported again, a product is unchanged (text that looks like a formula aside: it
    // comes back with its protective apostrophe).
    await manager.post("/api/products", {
      sku: "EXP-2",
      name: "Garlic press",
      unit: "pcs",
      listPrices: [{ currency: "EUR", amount: "1.25" }],
      category: "Round trip",
      packing: {
        unitsPerCarton: 48,
        cartonLengthCm: 40,
        cartonWidthCm: 30,
        cartonHeightCm: 25,
        grossWeightKg: 9.5,
        netWeightKg: 8,
      },
      priceTiers: [{ minQuantity: 500, currency: "EUR", amount: "1.10" }],
      specifications: [{ key: "Material", value: "zinc alloy" }],
    });
    const roundTrip = await manager.get("/api/products/export?format=xlsx&category=Round%20trip");
    const reimported = await importFile(manager, "export.xlsx", roundTrip.raw.rawPayload);
    expect(reimported).toMatchObject({ created: 0, updated: 0, unchanged: 1, errorCount: 0 });
  });

  it("refuses reps, cost columns in another currency and files without a SKU column", async () => {
    expect((await upload(rep, "p.csv", "SKU,Name\nA,B\n")).status).toBe(403);
    const otherCurrency = await upload(manager, "p.csv", "SKU,Name,Unit,Cost price (USD)\nA,B,pcs,1\n");
    expect(otherCurrency.status).toBe(400);
    expect(otherCurrency.body.error.message).toContain("CNY");
    const noSku = await upload(manager, "p.csv", "Name,Unit\nB,pcs\n");
    expect(noSku.status).toBe(400);
    expect(noSku.body.error.message).toContain("SKU");
    expect((await upload(manager, "p.csv", "SKU\nA\n", { dryRun: "maybe" })).status).toBe(400);
    // Someone else's import does not exist for you; a customer import id is not a product import.
    const mine = await upload(manager, "p.csv", "SKU,Name,Unit\nOWN-1,Own,pcs\n", { dryRun: "true" });
    expect((await rep.get(`/api/imports/products/${mine.body.importId}`)).status).toBe(403);
    expect((await admin.get(`/api/imports/products/${mine.body.importId}`)).status).toBe(200);
    expect((await admin.get(`/api/imports/${mine.body.importId}`)).status).toBe(404);
  });
});
