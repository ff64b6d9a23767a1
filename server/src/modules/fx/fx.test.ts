import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp } from "../../../test/harness";
import { todayIn } from "../quotations/commercial";
import { ok, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { addDays } from "../receivables/receivables.service";
import { confirmedOrder } from "../shipments/logistics-fixtures";

let t: TestApp;
let w: TradeWorld;
let today: string;
let fxCustomerId: string;
let fxOrderId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
  today = todayIn("Asia/Shanghai", new Date());
});
afterAll(() => t.close());

function upload(client: Client, content: string, fields: Record<string, string> = {}) {
  const boundary = `----tradewind${randomBytes(8).toString("hex")}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const body = Buffer.from(
    `${parts.join("")}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rates.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return client.post("/api/fx-rates/import", body, {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

// ECB reference rates as published: EUR base, one row per day, N/A for discontinued currencies and a
// trailing comma. USD/CNY crosses to 7.25 today, 7.20 ten days on and 7.40 thirty days on.
const ecbFile = () =>
  [
    "Date, USD, JPY, CYP, CNY, ",
    `${addDays(today, 30)}, 1.0000, 150.00, N/A, 7.4000, `,
    `${addDays(today, 10)}, 1.1000, 160.00, N/A, 7.9200, `,
    `${today}, 1.0800, 160.00, N/A, 7.8300, `,
  ].join("\n");

describe("exchange rates", () => {
  it("imports an ECB file and converts through the EUR base to the cent", async () => {
    const result = await ok(upload(w.finance, ecbFile()), 200);
    expect(result).toEqual({ format: "ecb", imported: 9, dates: 3, currencies: ["CNY", "JPY", "USD"] });
    const rates = await ok(w.repA.get(`/api/fx-rates?base=EUR&quote=USD`), 200);
    expect(rates.items.map((rate: { rate: string; source: string }) => [rate.rate, rate.source])[2]).toEqual([
      "1.08",
      "ecb",
    ]);

    const usdCny = await ok(
      w.finance.get(`/api/fx-rates/convert?from=USD&to=CNY&date=${today}&amount=1000`),
      200,
    );
    expect(usdCny).toMatchObject({ rate: "7.25", converted: "7250.00" });
    // 280 × 7.83 / 1.08 = 2030 exactly, not 2029.99.
    expect(
      (await ok(w.finance.get(`/api/fx-rates/convert?from=USD&to=CNY&date=${today}&amount=280`), 200))
        .converted,
    ).toBe("2030.00");
    // 1000 USD × 160 / 1.08 = 148148.148… JPY, which has no minor unit.
    expect(
      (await ok(w.finance.get(`/api/fx-rates/convert?from=USD&to=JPY&date=${today}&amount=1000`), 200))
        .converted,
    ).toBe("148148");
    // A day between two published days uses the earlier one.
    expect(
      (
        await ok(
          w.finance.get(`/api/fx-rates/convert?from=CNY&to=USD&date=${addDays(today, 5)}&amount=725`),
          200,
        )
      ).converted,
    ).toBe("100.00");
    expect((await w.finance.get(`/api/fx-rates/convert?from=USD&to=GBP&date=${today}&amount=1`)).status).toBe(
      400,
    );
  });

  it("imports date,currency,rate lists, enters rates by hand and refuses bad files", async () => {
    const simple = await ok(
      upload(w.finance, "date,currency,rate\n2020-01-02,GBP,9.1\n2020-01-02,chf,8.0\n"),
      200,
    );
    expect(simple).toMatchObject({ format: "simple", imported: 2, currencies: ["CHF", "GBP"] });
    expect((await ok(w.finance.get("/api/fx-rates?base=CNY&quote=GBP"), 200)).items[0].rate).toBe("9.1");
    const based = await ok(
      upload(w.finance, "date,currency,rate\n2020-01-02,CHF,1.1\n", { base: "GBP" }),
      200,
    );
    expect(based.currencies).toEqual(["CHF"]);

    const manual = await ok(
      w.finance.post("/api/fx-rates", { date: "2020-01-03", base: "gbp", quote: "CHF", rate: "1.1" }),
    );
    expect(manual).toMatchObject({ base: "GBP", quote: "CHF", rate: "1.1", source: "manual" });
    const again = await ok(
      w.finance.post("/api/fx-rates", { date: "2020-01-03", base: "GBP", quote: "CHF", rate: "1.2" }),
    );
    expect(again.id).toBe(manual.id);

    expect(
      (await w.repA.post("/api/fx-rates", { date: "2020-01-03", base: "USD", quote: "CNY", rate: "7" }))
        .status,
    ).toBe(403);
    expect(
      (await w.finance.post("/api/fx-rates", { date: "2020-01-03", base: "USD", quote: "USD", rate: "1" }))
        .status,
    ).toBe(400);
    expect(
      (await w.finance.post("/api/fx-rates", { date: "2020-01-03", base: "USD", quote: "CNY", rate: "-1" }))
        .status,
    ).toBe(400);
    expect((await upload(w.finance, "when,what\n1,2\n")).status).toBe(400);
    expect((await upload(w.finance, "Date,USD\n2020-01-02,abc\n")).status).toBe(400);
    expect((await upload(w.finance, "Date,EURO\n2020-01-02,1\n")).status).toBe(400);
    expect((await upload(w.repA, "date,currency,rate\n")).status).toBe(403);
  });

  it("reports unrealised and realised gain or loss on hand-computed examples", async () => {
    const customer: { id: string } = await ok(
      w.repA.post("/api/customers", { name: `FX Test ${Date.now()}`, country: "FR" }),
    );
    // 400 USD confirmed today at 7.25: 120 on confirmation, 280 before shipment.
    const order = await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    const { items } = await ok(w.finance.get(`/api/receivables?orderId=${order.id}`), 200);
    // The deposit arrives ten days later at 7.20: 120 × (7.20 − 7.25) = −6.00 CNY realised.
    await ok(
      w.finance.post("/api/payments", {
        customerId: customer.id,
        amount: "120.00",
        currency: "USD",
        receivedAt: addDays(today, 10),
        allocations: [{ receivableId: items[0].id, amount: "120.00" }],
      }),
    );
    const report = await ok(w.finance.get(`/api/reports/fx-exposure?date=${addDays(today, 30)}`), 200);
    expect(report.reportingCurrency).toBe("CNY");
    // The balance of 280 USD: 2030.00 at 7.25, 2072.00 at 7.40, so 42.00 unrealised gain.
    expect(report.open).toEqual([
      {
        currency: "USD",
        outstanding: "280.00",
        atOrderRate: "2030.00",
        atReportRate: "2072.00",
        unrealised: "42.00",
      },
    ]);
    expect(report.realised).toEqual([
      { ownerId: w.ids.repA, ownerName: "Anna Rep", currency: "USD", settled: "120.00", gainLoss: "-6.00" },
    ]);
    expect(report.missingRates).toEqual([]);
    fxCustomerId = customer.id;
    fxOrderId = order.id;
    // Before the payment it was not realised yet.
    const earlier = await ok(w.finance.get(`/api/reports/fx-exposure?date=${addDays(today, 5)}`), 200);
    expect(earlier.realised).toEqual([]);
    expect(earlier.open[0]).toMatchObject({ outstanding: "400.00", unrealised: "0.00" });
    // Another team's rep sees none of it.
    expect((await ok(w.repB.get(`/api/reports/fx-exposure?date=${addDays(today, 30)}`), 200)).open).toEqual(
      [],
    );
  });

  it("keeps the rate each order and payment was booked at, even when the rate table changes later", async () => {
    // 1 USD = 7.83 / 1.08 = 7.25 CNY on the day the order was confirmed, 7.92 / 1.10 = 7.20 when paid.
    const order = await ok(w.finance.get(`/api/orders/${fxOrderId}`), 200);
    expect(order.fxRate).toEqual({ reportingCurrency: "CNY", rate: "7.25", date: today, note: null });
    const { items: paid } = await ok(w.finance.get(`/api/payments?customerId=${fxCustomerId}`), 200);
    expect(paid[0].fxRate).toEqual({
      reportingCurrency: "CNY",
      rate: "7.2",
      date: addDays(today, 10),
      note: null,
    });
    // A direct USD/CNY rate entered afterwards for the order's day would value both at 7.30.
    await ok(w.finance.post("/api/fx-rates", { date: today, base: "USD", quote: "CNY", rate: "7.30" }));
    const report = await ok(w.finance.get(`/api/reports/fx-exposure?date=${addDays(today, 30)}`), 200);
    // The balance: 280 × 7.25 = 2030.00 as booked; 280 × 7.30 = 2044.00 today (the direct pair wins
    // over the EUR cross), so 14.00 unrealised. Realised stays 120 × (7.20 − 7.25) = −6.00.
    expect(report.open).toEqual([
      {
        currency: "USD",
        outstanding: "280.00",
        atOrderRate: "2030.00",
        atReportRate: "2044.00",
        unrealised: "14.00",
      },
    ]);
    expect(report.realised).toEqual([
      { ownerId: w.ids.repA, ownerName: "Anna Rep", currency: "USD", settled: "120.00", gainLoss: "-6.00" },
    ]);
    // A payment in a currency without any rate keeps the date and says why the rate is missing.
    const unrated = await ok(
      w.finance.post("/api/payments", {
        customerId: fxCustomerId,
        amount: "50.00",
        currency: "NZD",
        receivedAt: today,
      }),
    );
    expect(unrated.fxRate).toEqual({
      reportingCurrency: "CNY",
      rate: null,
      date: today,
      note: `No NZD to CNY rate on or before ${today}`,
    });
  });
});
