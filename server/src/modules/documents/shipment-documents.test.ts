import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, createUserAndSignIn, type TestApp } from "../../../test/harness";
import { ok, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "../shipments/logistics-fixtures";

let t: TestApp;
let w: TradeWorld;
let order: Awaited<ReturnType<typeof confirmedOrder>>;
let shipment: { id: string; number: string };

const year = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", year: "numeric" }).format(
  new Date(),
);

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
  await ok(
    w.admin.patch("/api/settings/company", {
      name: "Ningbo Oceanic Trading Co., Ltd.",
      localName: "宁波远洋贸易有限公司",
      address: "No. 88 Zhongshan East Road\nNingbo 315000, China",
      bankAccounts: [
        {
          currency: "USD",
          beneficiary: "Ningbo Oceanic Trading Co., Ltd.",
          bankName: "Bank of China Ningbo Branch",
          accountNumber: "3512 0000 1234 5678",
        },
      ],
    }),
    200,
  );
  // A price with four decimals, so the shipped amount has to be rounded to the cent.
  order = await confirmedOrder(w, {
    lines: [
      { productId: w.ids.mug, quantity: 100, unitPrice: "2.6125" },
      { productId: w.ids.lamp, quantity: 10, unitPrice: "15.00" },
    ],
    shippingMarks: "ACME\nHAMBURG\nC/NO. 1-UP",
  });
  const [mug, lamp] = order.lines;
  if (!mug || !lamp) throw new Error("the order has two lines");
  // The lamp had no HS code when it was ordered; the invoice takes the product's current one.
  await ok(w.admin.patch(`/api/products/${w.ids.lamp}`, { hsCode: "9405.42" }), 200);
  shipment = await ok(
    w.logistics.post(`/api/orders/${order.id}/shipments`, {
      lines: [
        { orderLineId: mug.id, quantity: 33 },
        { orderLineId: lamp.id, quantity: 10 },
      ],
      mode: "sea_fcl",
      portOfLoading: "Ningbo",
      portOfDischarge: "Hamburg",
      containerType: "40HQ",
      containerNumber: "MSCU1234567",
      sealNumber: "SL998877",
      vessel: "MSC ANNA",
      voyage: "123W",
      blNumber: "NGB123",
      blDate: "2031-03-02",
    }),
  );
});
afterAll(() => t.close());

function pdfText(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `tw-shipment-doc-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const url = (id: string, document: string) => `/api/shipments/${id}/documents/${document}`;

async function fetchDocument(client: Client, id: string, document: string) {
  const response = await client.get(url(id, document));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { payload: response.raw.rawPayload, headers: response.headers };
}

describe("commercial invoice", () => {
  it("prints the shipped goods at the order's prices, with the transport details and a kept number", async () => {
    const { payload, headers } = await fetchDocument(w.repA, shipment.id, "commercial-invoice.pdf");
    expect(headers["content-type"]).toBe("application/pdf");
    const number = `CI-${year}-0001`;
    expect(headers["content-disposition"]).toBe(
      `attachment; filename="Commercial invoice ${number}.pdf"; filename*=UTF-8''Commercial%20invoice%20${number}.pdf`,
    );
    const text = pdfText(payload);
    for (const expected of [
      "COMMERCIAL INVOICE",
      "Ningbo Oceanic Trading Co., Ltd.",
      "宁波远洋贸易有限公司",
      "Acme Housewares",
      number,
      order.number,
      shipment.number,
      "FOB Ningbo",
      "Hamburg",
      "MSC ANNA / 123W",
      "40HQ MSCU1234567 / SL998877",
      "NGB123 of 2031-03-02",
      "961700",
      "940542",
      "不锈钢保温杯 500毫升",
      // 33 × 2.6125 = 86.2125 → 86.21; 10 × 15.00 = 150.00
      "2.6125",
      "86.21",
      "150.00",
      "USD 236.21",
      "ACME",
      "C/NO. 1-UP",
      "3512 0000 1234 5678",
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Only this shipment's quantity, not the order's.
    expect(text).not.toContain("USD 411.25");

    // Reprints and the packing list keep the number; the audit trail records its issue once.
    const again = await fetchDocument(w.logistics, shipment.id, "commercial-invoice.pdf");
    expect(again.headers["content-disposition"]).toContain(number);
    const packing = await fetchDocument(w.finance, shipment.id, "packing-list.pdf");
    expect(packing.headers["content-disposition"]).toContain(`Packing list ${number}.pdf`);
    const audit = await ok(w.admin.get(`/api/audit?entityType=shipment&entityId=${shipment.id}`), 200);
    const issued = audit.items.filter(
      (entry: { action: string }) => entry.action === "shipment.invoice_issued",
    );
    expect(issued).toHaveLength(1);
    expect(issued[0].changes).toMatchObject({ number });
  });

  it("gives the next shipment the next number, once, even when printed twice at the same moment", async () => {
    const [mug] = order.lines;
    if (!mug) throw new Error("the order has lines");
    const second = await ok(
      w.logistics.post(`/api/orders/${order.id}/shipments`, {
        lines: [{ orderLineId: mug.id, quantity: 10 }],
        mode: "air",
        blNumber: "176-12345675",
      }),
    );
    const [a, b] = await Promise.all([
      fetchDocument(w.logistics, second.id, "commercial-invoice.pdf"),
      fetchDocument(w.admin, second.id, "packing-list.xlsx"),
    ]);
    const number = `CI-${year}-0002`;
    expect(a.headers["content-disposition"]).toContain(number);
    expect(b.headers["content-disposition"]).toContain(number);
    // Air freight carries an air waybill, not a bill of lading.
    expect(pdfText(a.payload)).toContain("AWB No.");
  });

  it("is hidden from whoever cannot see the order, and refused for a cancelled shipment", async () => {
    for (const outsider of [w.repB, w.repA2, w.managerB]) {
      for (const document of ["commercial-invoice.pdf", "packing-list.pdf", "packing-list.xlsx"]) {
        expect((await outsider.get(url(shipment.id, document))).status, document).toBe(404);
      }
    }
    const marketing = await createUserAndSignIn(w.admin, { role: "marketing" });
    expect((await marketing.client.get(url(shipment.id, "commercial-invoice.pdf"))).status).toBe(403);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await w.admin.get(url(unknown, "packing-list.pdf"))).status).toBe(404);

    const other = await confirmedOrder(w);
    const [otherMug] = other.lines;
    if (!otherMug) throw new Error("the order has lines");
    const cancelled = await ok(
      w.logistics.post(`/api/orders/${other.id}/shipments`, {
        lines: [{ orderLineId: otherMug.id, quantity: 5 }],
        mode: "express",
      }),
    );
    await ok(w.logistics.post(`/api/shipments/${cancelled.id}/status`, { status: "cancelled" }), 200);
    const refused = await w.logistics.get(url(cancelled.id, "commercial-invoice.pdf"));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("cancelled");
  });
});

describe("packing list", () => {
  // Mugs: 33 pcs at 50 a carton (18 kg net, 20 kg gross, 0.12 m³) → 1 carton, 33/50 × 18 = 11.88 kg
  // net, plus 2 kg tare = 13.88 kg gross, 0.12 m³. Lamps: 10 at 10 a carton (30 / 35 kg, 0.48 m³).
  it("prints cartons, weights and volume per line with their totals", async () => {
    const { payload } = await fetchDocument(w.repA, shipment.id, "packing-list.pdf");
    const text = pdfText(payload);
    for (const expected of [
      "PACKING LIST",
      `CI-${year}-0001`,
      "MUG-500",
      "11.88",
      "13.88",
      "0.12",
      "0.48",
      "41.88",
      "48.88",
      "0.6",
      "2 cartons · N.W. 41.88 kg · G.W. 48.88 kg · 0.6 m³",
      "C/NO. 1-UP",
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Prices stay off the packing list.
    expect(text).not.toContain("2.6125");
  });

  it("exports the same figures to a spreadsheet that reads back", async () => {
    const { payload, headers } = await fetchDocument(w.repA, shipment.id, "packing-list.xlsx");
    expect(headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(headers["content-disposition"]).toMatch(
      /^attachment; filename="Packing list CI-\d{4}-0001\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(payload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Packing list");
    if (!sheet) throw new Error("the workbook has a packing list sheet");
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[0]?.[0]).toBe("Ningbo Oceanic Trading Co., Ltd.");
    const fact = (label: string) => rows.find((row) => row[0] === label)?.[2];
    expect(fact("Invoice No.")).toBe(`CI-${year}-0001`);
    expect(fact("PI No.")).toBe(order.number);
    expect(fact("Vessel / voyage")).toBe("MSC ANNA / 123W");
    const header = rows.findIndex((row) => row[0] === "No.");
    expect(rows[header]).toEqual([
      "No.",
      "SKU",
      "Description",
      "Description (Chinese)",
      "HS code",
      "Quantity",
      "Unit",
      "Cartons",
      "N.W. (kg)",
      "G.W. (kg)",
      "Volume (m³)",
    ]);
    expect(rows[header + 1]).toEqual([
      1,
      "MUG-500",
      "Stainless steel vacuum mug 500 ml",
      "不锈钢保温杯 500毫升",
      "961700",
      33,
      "pcs",
      1,
      11.88,
      13.88,
      0.12,
    ]);
    expect(rows[header + 2]?.slice(4)).toEqual(["940542", 10, "pcs", 1, 30, 35, 0.48]);
    expect(rows[header + 3]?.slice(7)).toEqual([2, 41.88, 48.88, 0.6]);
    expect(rows.flat()).toContain("C/NO. 1-UP");
  });
});
