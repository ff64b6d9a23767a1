import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness";
import { backgroundTasks } from "../../jobs/registry";
import { runOncePerPeriod } from "../../jobs/scheduler";
import { daysFromNow, quotationBody, setupTrade, type TradeWorld } from "./trade-fixtures";

let t: TestApp;
let w: TradeWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
});
afterAll(() => t.close());

const DAY = 86_400_000;

async function createQuotation(overrides: Record<string, unknown> = {}) {
  const response = await w.repA.post("/api/quotations", quotationBody(w, overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe("creating a quotation", () => {
  it("computes totals, discount off list and the container estimate on the server", async () => {
    const quotation = await createQuotation({ contactId: w.ids.acmeContact, leadTimeDays: 35 });
    expect(quotation).toMatchObject({
      number: expect.stringMatching(/^QT-\d{4}-\d{4}$/),
      revision: 1,
      reference: quotation.number,
      status: "draft",
      latest: true,
      customerId: w.ids.acme,
      ownerId: w.ids.repA,
      ownerName: "Anna Rep",
      contactName: expect.stringContaining("Buyer of Acme"),
      currency: "USD",
      incoterm: "FOB",
      incotermVersion: "2020",
      namedPlace: "Ningbo",
      // 1000 × 2.35 = 2350.00 less 5% = 2232.50; 20 × 15.00 = 300.00
      subtotal: "2650.00",
      discountTotal: "117.50",
      total: "2532.50",
      // 20 cartons of 0.12 m³ and 20 kg, 2 cartons of 0.48 m³ and 35 kg
      containerEstimate: {
        cartons: 22,
        cbm: "3.36",
        grossWeightKg: "470",
        fills: { "20GP": 0.12, "40GP": 0.058, "40HQ": 0.049 },
        linesWithoutPacking: 0,
      },
      changes: null,
    });
    expect(quotation.lines[0]).toMatchObject({
      position: 1,
      sku: "MUG-500",
      description: "Stainless steel vacuum mug 500 ml",
      descriptionZh: "不锈钢保温杯 500毫升",
      quantity: "1000",
      unit: "pcs",
      unitPrice: "2.35",
      discountPercent: 5,
      lineTotal: "2232.50",
      listPrice: "2.50",
      discountOffListPercent: 10.7,
      cartons: 20,
      cbm: "2.4",
    });
    // Reps see neither costs nor margins.
    expect(quotation.margin).toBeUndefined();
    expect(quotation.lines[0]).not.toHaveProperty("unitCost");
  });

  it("shows managers the cost and the margin when document and costs share a currency", async () => {
    const quotation = await createQuotation({
      currency: "CNY",
      lines: [{ productId: w.ids.mug, quantity: 100, unitPrice: "18.00" }],
    });
    const seen = await w.managerA.get(`/api/quotations/${quotation.id}`);
    expect(seen.status).toBe(200);
    // 100 × 18.00 = 1800.00 against 100 × 12.00 = 1200.00
    expect(seen.body.margin).toEqual({
      costTotal: "1200.00",
      costCurrency: "CNY",
      amount: "600.00",
      percent: 33.33,
      note: null,
    });
    expect(seen.body.lines[0].unitCost).toBe("12.00");
    const usd = await w.managerA.get(`/api/quotations/${(await createQuotation()).id}`);
    expect(usd.body.margin).toMatchObject({ amount: null, note: expect.stringContaining("exchange rates") });
  });

  it("refuses bad input and names the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          paymentTerms: [
            { method: "TT", percent: 30, due: "on_confirmation" },
            { method: "TT", percent: 60, due: "before_shipment" },
          ],
        },
        "paymentTerms",
      ],
      [{ paymentTerms: [{ method: "OA", percent: 100, due: "after_bl" }] }, "paymentTerms.0.days"],
      [{ incoterm: "FOBX" }, "incoterm"],
      [{ currency: "XYZ" }, "currency"],
      [{ lines: [] }, "lines"],
      [{ lines: [{ quantity: 1, unitPrice: "1.00" }] }, "lines.0.description"],
      [{ lines: [{ description: "x", quantity: 0, unitPrice: "1.00" }] }, "lines.0.quantity"],
      [{ lines: [{ description: "x", quantity: 1, unitPrice: 1.5 }] }, "lines.0.unitPrice"],
      [{ lines: [{ productId: w.ids.acme, quantity: 1, unitPrice: "1.00" }] }, "lines.0.productId"],
      [{ validUntil: "2020-01-01" }, "validUntil"],
      [{ contactId: w.ids.mug }, "contactId"],
      [{ total: "1.00" }, "total"],
      [{ ownerId: w.ids.repA2 }, "ownerId"],
    ];
    for (const [overrides, field] of cases) {
      const response = await w.repA.post("/api/quotations", quotationBody(w, overrides));
      expect(response.status, field).toBe(400);
      expect(response.body.error.message, field).toContain(field);
    }
  });
});

describe("who sees a quotation", () => {
  it("answers 404 to other reps and other teams' managers, and shows it to the team manager and admins", async () => {
    const quotation = await createQuotation();
    const url = `/api/quotations/${quotation.id}`;
    for (const outsider of [w.repB, w.repA2, w.managerB]) {
      expect((await outsider.get(url)).status).toBe(404);
      expect((await outsider.patch(url, { remarks: "mine now" })).status).toBe(404);
      expect((await outsider.get(`${url}/pdf`)).status).toBe(404);
      expect((await outsider.post(`${url}/revise`, {})).status).toBe(404);
      const list = await outsider.get(`/api/quotations?customerId=${w.ids.acme}`);
      expect(list.body.items.map((q: { id: string }) => q.id)).not.toContain(quotation.id);
    }
    expect((await w.managerA.get(url)).status).toBe(200);
    expect((await w.admin.get(url)).status).toBe(200);
    // Logistics has no business with quotations at all.
    expect((await w.logistics.get(url)).status).toBe(403);
    // Nor may a rep quote a customer of another rep.
    expect((await w.repB.post("/api/quotations", quotationBody(w))).status).toBe(404);
  });
});

describe("status and revisions", () => {
  it("edits a draft, sends it (customer becomes quoted), then only revising changes it", async () => {
    const quotation = await createQuotation();
    const url = `/api/quotations/${quotation.id}`;
    const edited = await w.repA.patch(url, {
      remarks: "Prices include export carton packing",
      lines: [{ productId: w.ids.mug, quantity: 2000, unitPrice: "2.40" }],
    });
    expect(edited.status).toBe(200);
    // 2000 × 2.40 = 4800.00; 40 cartons: 4.8 m³, 800 kg
    expect(edited.body).toMatchObject({ total: "4800.00", remarks: "Prices include export carton packing" });
    expect(edited.body.containerEstimate).toMatchObject({ cartons: 40, cbm: "4.8", grossWeightKg: "800" });

    expect((await w.repA.patch(url, { status: "accepted" })).status).toBe(409);
    const sent = await w.repA.patch(url, { status: "sent" });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe("sent");
    expect(sent.body.sentAt).not.toBeNull();
    expect((await w.repA.get(`/api/customers/${w.ids.acme}`)).body.stage).toBe("quoted");

    const late = await w.repA.patch(url, { remarks: "changed after sending" });
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe("not_draft");

    const rejected = await w.repA.patch(url, { status: "rejected", statusReason: "Price too high" });
    expect(rejected.body).toMatchObject({ status: "rejected", statusReason: "Price too high" });
    expect((await w.repA.patch(url, { status: "accepted" })).status).toBe(409);
  });

  it("revise makes v2 with the same number, keeps v1 readable and lists what changed", async () => {
    const v1 = await createQuotation();
    await w.repA.patch(`/api/quotations/${v1.id}`, { status: "sent" });
    const revised = await w.repA.post(`/api/quotations/${v1.id}/revise`, {
      incoterm: "CIF",
      namedPlace: "Hamburg",
      lines: [
        { productId: w.ids.mug, quantity: 1000, unitPrice: "2.40", discountPercent: 5 },
        { description: "Custom logo printing", quantity: 1, unit: "set", unitPrice: "150.00" },
      ],
    });
    expect(revised.status).toBe(201);
    const v2 = revised.body;
    expect(v2).toMatchObject({
      number: v1.number,
      revision: 2,
      reference: `${v1.number}-R2`,
      status: "draft",
      previousRevisionId: v1.id,
      latest: true,
      incoterm: "CIF",
      // 1000 × 2.40 less 5% = 2280.00; + 150.00
      total: "2430.00",
    });
    expect(v2.containerEstimate.linesWithoutPacking).toBe(1);
    const fields = v2.changes.fields.map((change: { field: string }) => change.field);
    expect(fields).toEqual(expect.arrayContaining(["incoterm", "namedPlace", "total"]));
    expect(fields).not.toContain("paymentTerms");
    expect(v2.changes.fields).toContainEqual({ field: "total", from: "2532.50", to: "2430.00" });
    expect(v2.changes.linesAdded).toEqual([expect.objectContaining({ description: "Custom logo printing" })]);
    expect(v2.changes.linesRemoved).toEqual([expect.objectContaining({ sku: "LAMP-01" })]);
    expect(v2.changes.linesChanged).toEqual([
      {
        sku: "MUG-500",
        description: "Stainless steel vacuum mug 500 ml",
        changes: [
          { field: "unitPrice", from: "2.35", to: "2.40" },
          { field: "lineTotal", from: "2232.50", to: "2280.00" },
        ],
      },
    ]);

    const old = await w.repA.get(`/api/quotations/${v1.id}`);
    expect(old.body).toMatchObject({
      revision: 1,
      status: "sent",
      latest: false,
      supersededById: v2.id,
      total: "2532.50",
    });
    expect(old.body.lines).toHaveLength(2);
    const again = await w.repA.post(`/api/quotations/${v1.id}/revise`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ reason: "superseded", latestId: v2.id });
    expect((await w.repA.post(`/api/quotations/${v2.id}/revise`, {})).status).toBe(409);

    const latest = await w.repA.get(`/api/quotations?customerId=${w.ids.acme}`);
    const listed = latest.body.items.map((q: { id: string }) => q.id);
    expect(listed).toContain(v2.id);
    expect(listed).not.toContain(v1.id);
    const all = await w.repA.get(`/api/quotations?customerId=${w.ids.acme}&allRevisions=true`);
    expect(all.body.items.map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining([v1.id, v2.id]));
  });

  it("expires sent quotations once their validity date has passed, and tells the owner", async () => {
    const sent = await createQuotation({ validUntil: daysFromNow(2) });
    await w.repA.patch(`/api/quotations/${sent.id}`, { status: "sent" });
    const draft = await createQuotation({ validUntil: daysFromNow(2) });
    const task = backgroundTasks.find((candidate) => candidate.name === "quotation-expiry");
    if (!task) throw new Error("quotation-expiry task missing");
    expect(await runOncePerPeriod(t.database.db, task, new Date(Date.now() + DAY))).toBe(true);
    expect((await w.repA.get(`/api/quotations/${sent.id}`)).body.status).toBe("sent");
    expect(await runOncePerPeriod(t.database.db, task, new Date(Date.now() + 4 * DAY))).toBe(true);
    const expired = await w.repA.get(`/api/quotations/${sent.id}`);
    expect(expired.body.status).toBe("expired");
    expect((await w.repA.get(`/api/quotations/${draft.id}`)).body.status).toBe("draft");
    expect((await w.repA.patch(`/api/quotations/${sent.id}`, { status: "accepted" })).status).toBe(409);
    const notifications = await w.repA.get("/api/notifications");
    expect(notifications.body.items).toContainEqual(
      expect.objectContaining({ type: "quotation_expired", entityId: sent.id }),
    );
    // A revision with a new date brings it back.
    const revived = await w.repA.post(`/api/quotations/${sent.id}/revise`, { validUntil: daysFromNow(20) });
    expect(revived.status).toBe(201);
    expect(revived.body.changes.fields).toContainEqual(expect.objectContaining({ field: "validUntil" }));
  });
});

describe("number series", () => {
  it("gives 50 concurrent creations 50 distinct, consecutive numbers", async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => w.repA.post("/api/quotations", quotationBody(w))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(50);
    const counters = numbers.map((n) => Number(n.split("-").at(-1))).sort((a, b) => a - b);
    const first = counters[0] ?? 0;
    expect(counters).toEqual(Array.from({ length: 50 }, (_, i) => first + i));
  });

  it("follows a changed pattern and refuses patterns that could repeat", async () => {
    expect((await w.repA.get("/api/settings/numbering")).body).toEqual({
      quotation: "QT-{YYYY}-{####}",
      order: "PI-{YYYY}-{####}",
      invoice: "CI-{YYYY}-{####}",
    });
    expect((await w.repA.patch("/api/settings/numbering", { quotation: "Q{YY}{MM}-{###}" })).status).toBe(
      403,
    );
    const bad = await w.admin.patch("/api/settings/numbering", { quotation: "QT-{YYYY}" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("counter");
    expect((await w.admin.patch("/api/settings/numbering", { quotation: "Q{MM}-{###}" })).status).toBe(400);
    const changed = await w.admin.patch("/api/settings/numbering", { quotation: "Q{YY}{MM}-{###}" });
    expect(changed.body.quotation).toBe("Q{YY}{MM}-{###}");
    const quotation = await createQuotation();
    expect(quotation.number).toMatch(/^Q\d{4}-001$/);
    await w.admin.patch("/api/settings/numbering", { quotation: "QT-{YYYY}-{####}" });
  });
});

// A 4×4 PNG, enough for the letterhead.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGNQSFgARwzEcQDMQxIBsLSc1wAAAABJRU5ErkJggg==",
  "base64",
);

function multipart(content: Buffer, fileName: string) {
  const boundary = "----tradewind-test";
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

function pdfText(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `tw-quotation-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe("the quotation PDF", () => {
  it("prints the letterhead, Chinese names, lines, totals and terms", async () => {
    const company = await w.admin.patch("/api/settings/company", {
      name: "Ningbo Oceanic Trading Co., Ltd.",
      localName: "宁波远洋贸易有限公司",
      address: "No. 88 Zhongshan East Road\nNingbo 315000, China",
      phone: "+86 574 8888 0000",
      email: "sales@ningbo-oceanic.example",
      bankAccounts: [
        {
          currency: "USD",
          beneficiary: "Ningbo Oceanic Trading Co., Ltd.",
          bankName: "Bank of China Ningbo Branch",
          accountNumber: "3512 0000 1234 5678",
          swift: "BKCHCNBJ92A",
        },
      ],
    });
    expect(company.status).toBe(200);
    expect((await w.repA.patch("/api/settings/company", { name: "Mine" })).status).toBe(403);
    const notImage = multipart(Buffer.from("GIF89a not really"), "logo.gif");
    expect((await w.admin.request("PUT", "/api/settings/company/logo", notImage)).status).toBe(415);
    const logo = await w.admin.request("PUT", "/api/settings/company/logo", multipart(PNG, "logo.png"));
    expect(logo.status).toBe(200);
    expect(logo.body.hasLogo).toBe(true);
    expect((await w.repA.get("/api/settings/company/logo")).headers["content-type"]).toBe("image/png");

    const quotation = await createQuotation({
      contactId: w.ids.acmeContact,
      leadTimeDays: 35,
      remarks: "Samples free of charge",
    });
    const response = await w.repA.get(`/api/quotations/${quotation.id}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain(`${quotation.number}.pdf`);
    const text = pdfText(response.raw.rawPayload);
    for (const expected of [
      "QUOTATION",
      quotation.number,
      "Ningbo Oceanic Trading Co., Ltd.",
      "宁波远洋贸易有限公司",
      "MUG-500",
      "Stainless steel vacuum mug 500 ml",
      "不锈钢保温杯 500毫升",
      "LED台灯",
      "2,232.50",
      "USD 2,532.50",
      "FOB Ningbo",
      "30% T/T on order confirmation",
      "70% T/T before shipment",
      "35 days",
      "22 cartons",
      "BKCHCNBJ92A",
      "Samples free of charge",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });
});
