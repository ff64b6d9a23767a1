import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { type Client, createUserAndSignIn, setupWorkspace } from "../../../test/harness";

// A workspace for the quotation and order tests: two teams (Europe: manager Mona, reps Anna and Arno;
// Americas: manager Max, rep Bruno), logistics and finance users, two products with stock, and one
// customer for each of Anna and Bruno.

export type TradeWorld = Awaited<ReturnType<typeof setupTrade>>;

async function ok(response: Promise<{ status: number; body: unknown }>, status = 201) {
  const result = await response;
  if (result.status !== status) throw new Error(`fixture request failed: ${JSON.stringify(result.body)}`);
  // biome-ignore lint/suspicious/noExplicitAny: fixture JSON
  return result.body as any;
}

export async function setupTrade(app: FastifyInstance) {
  const admin = await setupWorkspace(app);
  const mA = await createUserAndSignIn(admin, { role: "manager", name: "Mona Manager" });
  const mB = await createUserAndSignIn(admin, { role: "manager", name: "Max Manager" });
  const teamA = await ok(admin.post("/api/teams", { name: "Europe", managerId: mA.user.id }));
  const teamB = await ok(admin.post("/api/teams", { name: "Americas", managerId: mB.user.id }));
  const a = await createUserAndSignIn(admin, { role: "sales", teamId: teamA.id, name: "Anna Rep" });
  const a2 = await createUserAndSignIn(admin, { role: "sales", teamId: teamA.id, name: "Arno Rep" });
  const b = await createUserAndSignIn(admin, { role: "sales", teamId: teamB.id, name: "Bruno Rep" });
  const l = await createUserAndSignIn(admin, { role: "logistics", name: "Lia Logistics" });
  const f = await createUserAndSignIn(admin, { role: "finance", name: "Fei Finance" });

  const mug = await ok(
    admin.post("/api/products", {
      sku: "MUG-500",
      name: "Stainless steel vacuum mug 500 ml",
      nameZh: "不锈钢保温杯 500毫升",
      hsCode: "9617.00",
      unit: "pcs",
      listPrices: [
        { currency: "USD", amount: "2.50" },
        { currency: "EUR", amount: "2.30" },
      ],
      costPrice: "12.00",
      packing: {
        unitsPerCarton: 50,
        cartonLengthCm: 60,
        cartonWidthCm: 40,
        cartonHeightCm: 50,
        grossWeightKg: 20,
        netWeightKg: 18,
      },
    }),
  );
  const lamp = await ok(
    admin.post("/api/products", {
      sku: "LAMP-01",
      name: "LED desk lamp",
      nameZh: "LED台灯",
      unit: "pcs",
      listPrices: [{ currency: "USD", amount: "15.00" }],
      costPrice: "80.00",
      packing: {
        unitsPerCarton: 10,
        cartonLengthCm: 100,
        cartonWidthCm: 80,
        cartonHeightCm: 60,
        grossWeightKg: 35,
        netWeightKg: 30,
      },
    }),
  );
  for (const [product, quantity] of [
    [mug, 10_000],
    [lamp, 500],
  ] as const) {
    await ok(
      admin.post("/api/stock/adjustments", {
        productId: product.id,
        quantityChange: quantity,
        reason: "Opening stock",
      }),
    );
  }

  const suffix = randomBytes(3).toString("hex");
  const customerOf = (client: Client, name: string, country: string) =>
    ok(
      client.post("/api/customers", {
        name: `${name} ${suffix}`,
        country,
        website: `https://${name.toLowerCase().replace(/\W+/g, "")}-${suffix}.com`,
        contacts: [
          {
            name: `Buyer of ${name}`,
            email: `buyer@${name.toLowerCase().replace(/\W+/g, "")}-${suffix}.com`,
          },
        ],
      }),
    );
  const acme = await customerOf(a.client, "Acme Housewares", "DE");
  const acmeContacts = await ok(a.client.get(`/api/customers/${acme.id}/contacts`), 200);
  const bravo = await customerOf(b.client, "Bravo Importers", "US");

  return {
    admin,
    managerA: mA.client,
    managerB: mB.client,
    repA: a.client,
    repA2: a2.client,
    repB: b.client,
    logistics: l.client,
    finance: f.client,
    ids: {
      managerA: mA.user.id,
      managerB: mB.user.id,
      repA: a.user.id,
      repA2: a2.user.id,
      repB: b.user.id,
      logistics: l.user.id,
      finance: f.user.id,
      mug: mug.id as string,
      lamp: lamp.id as string,
      acme: acme.id as string,
      acmeContact: acmeContacts.items[0].id as string,
      bravo: bravo.id as string,
    },
  };
}

// A quotation body for Acme: 1000 mugs at 2.35 less 5% and 20 lamps at 15.00; FOB Ningbo, 30/70 T/T.
export function quotationBody(world: TradeWorld, overrides: Record<string, unknown> = {}) {
  return {
    customerId: world.ids.acme,
    currency: "USD",
    incoterm: "FOB",
    namedPlace: "Ningbo",
    paymentTerms: [
      { method: "TT", percent: 30, due: "on_confirmation" },
      { method: "TT", percent: 70, due: "before_shipment" },
    ],
    validUntil: daysFromNow(30),
    lines: [
      { productId: world.ids.mug, quantity: 1000, unitPrice: "2.35", discountPercent: 5 },
      { productId: world.ids.lamp, quantity: 20, unitPrice: "15.00" },
    ],
    ...overrides,
  };
}

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export { ok };
