import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";

let t: TestApp;
let admin: Client;
let manager: Client;
let rep: Client;
let finance: Client;
let logistics: Client;
let marketing: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  manager = (await createUserAndSignIn(admin, { role: "manager" })).client;
  rep = (await createUserAndSignIn(admin, { role: "sales" })).client;
  finance = (await createUserAndSignIn(admin, { role: "finance" })).client;
  logistics = (await createUserAndSignIn(admin, { role: "logistics" })).client;
  marketing = (await createUserAndSignIn(admin, { role: "marketing" })).client;
});
afterAll(() => t.close());

const PANEL = {
  sku: "LED-PNL-600",
  name: "LED panel light 600x600 40W",
  nameZh: "LED平板灯 600x600 40W",
  hsCode: "9405.42.90",
  unit: "pcs",
  listPrices: [
    { currency: "usd", amount: "12.5" },
    { currency: "EUR", amount: "11.60" },
  ],
  costPrice: "58.00",
  moq: "200",
  leadTimeDays: 25,
  packing: {
    unitsPerCarton: 4,
    cartonLengthCm: 65,
    cartonWidthCm: "20",
    cartonHeightCm: 64.5,
    grossWeightKg: "14.2",
    netWeightKg: 12.8,
  },
};

describe("creating products", () => {
  it("creates a product in the contract shape, with CBM computed and amounts as decimal strings", async () => {
    const response = await manager.post("/api/products", {
      ...PANEL,
      category: "LED lighting",
      specifications: [{ key: "Colour temperature", value: "4000K" }],
      priceTiers: [{ minQuantity: 1000, currency: "USD", amount: "11.80" }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({
      sku: "LED-PNL-600",
      nameZh: "LED平板灯 600x600 40W",
      hsCode: "94054290",
      unit: "pcs",
      listPrices: [
        { currency: "EUR", amount: "11.60" },
        { currency: "USD", amount: "12.50" },
      ],
      priceTiers: [{ minQuantity: "1000", currency: "USD", amount: "11.80" }],
      costPrice: "58",
      costCurrency: "CNY",
      moq: "200",
      leadTimeDays: 25,
      status: "active",
      // 65 × 20 × 64.5 cm = 83,850 cm³
      packing: { unitsPerCarton: 4, cartonLengthCm: "65", cartonHeightCm: "64.5", cbmPerCarton: "0.08385" },
      stock: { onHand: "0", reserved: "0", available: "0", low: false },
      watching: false,
    });
  });

  it("keeps SKUs unique in the workspace without regard to case", async () => {
    const first = await manager.post("/api/products", {
      sku: "HW-HINGE-35",
      name: "Cabinet hinge 35mm",
      unit: "pair",
      listPrices: [],
    });
    expect(first.status).toBe(201);
    const again = await manager.post("/api/products", {
      sku: "hw-hinge-35",
      name: "Other",
      unit: "pcs",
      listPrices: [],
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "conflict",
      details: { field: "sku", productId: first.body.id },
    });

    const other = await manager.post("/api/products", {
      sku: "HW-HINGE-40",
      name: "Hinge 40",
      unit: "pair",
      listPrices: [],
    });
    expect((await manager.patch(`/api/products/${other.body.id}`, { sku: "Hw-Hinge-35" })).status).toBe(409);
    // Changing only the case of its own SKU is fine.
    expect((await manager.patch(`/api/products/${first.body.id}`, { sku: "HW-Hinge-35" })).status).toBe(200);

    const raced = await Promise.all(
      ["KW-POT-24", "kw-pot-24"].map((sku) =>
        manager.post("/api/products", { sku, name: "Stock pot 24cm", unit: "pcs", listPrices: [] }),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("validates HS codes as 6 to 10 digits", async () => {
    const create = (hsCode: string) =>
      manager.post("/api/products", {
        sku: `HS-${hsCode}`,
        name: "Kettle",
        unit: "pcs",
        listPrices: [],
        hsCode,
      });
    expect((await create("8516.10")).body.hsCode).toBe("851610");
    expect((await create("8516 10 00 00")).body.hsCode).toBe("8516100000");
    for (const bad of ["85161", "85161000001", "8516.1A", ""]) {
      const response = await create(bad);
      expect(response.status, bad).toBe(400);
      expect(response.body.error.details.issues[0].path).toBe("hsCode");
    }
  });

  it("refuses invalid input with the field named, and fields no one may set", async () => {
    const base = { sku: "VAL-1", name: "Valid", unit: "pcs", listPrices: [] };
    const cases: [Record<string, unknown>, string][] = [
      [{ unit: "bucket" }, "unit"],
      [{ listPrices: [{ currency: "USD", amount: 12.5 }] }, "listPrices.0.amount"],
      [{ listPrices: [{ currency: "USD", amount: "0" }] }, "listPrices.0.amount"],
      [{ listPrices: [{ currency: "XYZ", amount: "1" }] }, "listPrices.0.currency"],
      [
        {
          listPrices: [
            { currency: "USD", amount: "1" },
            { currency: "usd", amount: "2" },
          ],
        },
        "listPrices",
      ],
      [{ costPrice: "-1" }, "costPrice"],
      [{ packing: { ...PANEL.packing, netWeightKg: "15" } }, "packing.netWeightKg"],
      [{ packing: { unitsPerCarton: 4 } }, "packing.cartonLengthCm"],
      [{ sku: "=cmd|' /C calc'!A0" }, "sku"],
      [{ workspaceId: "00000000-0000-0000-0000-000000000000" }, ""],
      [{ createdBy: "someone" }, ""],
    ];
    for (const [fields, path] of cases) {
      const response = await manager.post("/api/products", { ...base, ...fields });
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(response.body.error.code).toBe("validation");
      if (path)
        expect(response.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });
});

describe("who sees and sets cost prices", () => {
  it("shows cost prices to admin, manager and finance only", async () => {
    const created = (await admin.post("/api/products", { ...PANEL, sku: "COST-1" })).body;
    for (const client of [admin, manager, finance]) {
      expect((await client.get(`/api/products/${created.id}`)).body.costPrice).toBe("58");
    }
    for (const client of [rep, logistics, marketing]) {
      const one = await client.get(`/api/products/${created.id}`);
      expect(one.status).toBe(200);
      expect(one.body).not.toHaveProperty("costPrice");
      expect(one.body).not.toHaveProperty("costCurrency");
      const list = await client.get("/api/products?q=COST-1");
      expect(list.body.items[0]).not.toHaveProperty("costPrice");
    }
    // Stock is for the roles that handle it.
    expect((await rep.get(`/api/products/${created.id}`)).body.stock).toBeDefined();
    expect((await marketing.get(`/api/products/${created.id}`)).body).not.toHaveProperty("stock");
  });

  it("refuses product writes from reps (cost price or not) and from finance", async () => {
    const created = (await admin.post("/api/products", { ...PANEL, sku: "COST-2" })).body;
    expect((await rep.post("/api/products", { ...PANEL, sku: "REP-1" })).status).toBe(403);
    const { costPrice: _cost, ...withoutCost } = PANEL;
    expect((await rep.post("/api/products", { ...withoutCost, sku: "REP-2" })).status).toBe(403);
    expect((await rep.patch(`/api/products/${created.id}`, { costPrice: "1.00" })).status).toBe(403);
    expect((await finance.patch(`/api/products/${created.id}`, { costPrice: "1.00" })).status).toBe(403);
    expect((await admin.get(`/api/products/${created.id}`)).body.costPrice).toBe("58");
  });
});

describe("editing products", () => {
  it("changes what is sent, clears with null, replaces price lists and audits the changes", async () => {
    const created = (
      await manager.post("/api/products", { ...PANEL, sku: "EDIT-1", supplier: "Zhongshan Lux Factory" })
    ).body;
    const response = await manager.patch(`/api/products/${created.id}`, {
      name: "LED panel 600x600 36W",
      listPrices: [{ currency: "USD", amount: "11.90" }],
      supplier: null,
      packing: null,
      status: "discontinued",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: "LED panel 600x600 36W",
      listPrices: [{ currency: "USD", amount: "11.90" }],
      supplier: null,
      packing: null,
      status: "discontinued",
      nameZh: PANEL.nameZh,
    });
    const audit = await admin.get(`/api/audit?entityType=product&entityId=${created.id}`);
    const updated = audit.body.items.filter(
      (entry: { action: string }) => entry.action === "product.updated",
    );
    expect(updated).toHaveLength(1);
    expect(Object.keys(updated[0].changes).sort()).toEqual([
      "listPrices",
      "name",
      "packing",
      "status",
      "supplier",
    ]);
    expect(updated[0].changes.listPrices.from).toHaveLength(2);

    // Sending what is already there changes nothing and writes no audit row.
    const same = await manager.patch(`/api/products/${created.id}`, {
      name: "LED panel 600x600 36W",
      moq: 200,
    });
    expect(same.body.updatedAt).toBe(response.body.updatedAt);
    const after = await admin.get(`/api/audit?entityType=product&entityId=${created.id}`);
    expect(after.body.items).toHaveLength(audit.body.items.length);
  });

  it("answers 404 for unknown products and refuses unknown fields", async () => {
    expect((await rep.get("/api/products/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const created = (await manager.post("/api/products", { ...PANEL, sku: "EDIT-2" })).body;
    expect((await manager.patch(`/api/products/${created.id}`, { createdAt: "2020-01-01" })).status).toBe(
      400,
    );
  });
});

describe("listing products", () => {
  it("searches SKU and both names, filters by category and status, and pages", async () => {
    const make = (sku: string, name: string, nameZh: string, category: string) =>
      manager.post("/api/products", { sku, name, nameZh, category, unit: "set", listPrices: [] });
    await make("KIT-KNF-5", "Kitchen knife set 5pcs", "厨房刀具五件套", "Kitchenware");
    await make("KIT-CUT-1", "Bamboo cutting board", "竹砧板", "Kitchenware");
    await make("TOOL-DRL-1", "Cordless drill 12V", "充电钻", "Tools");
    const search = async (query: string) =>
      (await rep.get(`/api/products?${query}`)).body.items.map((p: { sku: string }) => p.sku);
    expect(await search(`q=${encodeURIComponent("刀具")}`)).toEqual(["KIT-KNF-5"]);
    expect(await search("q=kit-")).toEqual(["KIT-CUT-1", "KIT-KNF-5"]);
    expect(await search("q=cordless")).toEqual(["TOOL-DRL-1"]);
    expect(await search("category=kitchenware&sort=-sku")).toEqual(["KIT-KNF-5", "KIT-CUT-1"]);
    expect(await search("q=50%25")).toEqual([]);
    const page = await rep.get("/api/products?category=Kitchenware&pageSize=1&page=2");
    expect(page.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ sku: "KIT-KNF-5" }] });
    expect((await rep.get("/api/products/categories")).body.items).toEqual(
      expect.arrayContaining(["Kitchenware", "Tools"]),
    );
  });
});
