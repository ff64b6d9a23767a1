import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { OrderStatus } from "../../shared/schemas/orders";
import type { Incoterm, LineInput, PaymentTerm } from "../../shared/schemas/quotations";
import type { Db } from "../src/db/client";
import { AppError } from "../src/lib/app-error";
import { Dec, roundMoney } from "../src/lib/money";
import { approversFor } from "../src/modules/approvals/approvals.service";
import { actorFromUser } from "../src/modules/auth/auth.service";
import { loadViewer, type Viewer } from "../src/modules/customers/customers.policy";
import { customers } from "../src/modules/customers/customers.table";
import { getCompanySettings, updateCompanySettings } from "../src/modules/documents/documents.service";
import { stockTotals } from "../src/modules/inventory/stock.service";
import {
  approveOrder,
  changeOrderStatus,
  convertQuotation,
  createOrder,
  setCreditLimit,
  submitOrder,
} from "../src/modules/orders/orders.service";
import { orders } from "../src/modules/orders/orders.table";
import { getProductsForPricing, type PricingProduct } from "../src/modules/products/products.service";
import { products } from "../src/modules/products/products.table";
import {
  createQuotation,
  expireQuotations,
  reviseQuotation,
  updateQuotation,
} from "../src/modules/quotations/quotations.service";
import { quotations } from "../src/modules/quotations/quotations.table";
import { users } from "../src/modules/users/users.table";
import { pick, type Rng, seededRng } from "./company-generator";
import { shipDemoOrder } from "./demo-logistics";

const DAY_MS = 24 * 3600 * 1000;

const TERMS: PaymentTerm[][] = [
  [
    { method: "TT", percent: 30, due: "on_confirmation" },
    { method: "TT", percent: 70, due: "before_shipment" },
  ],
  [{ method: "LC", percent: 100, due: "at_sight" }],
  [
    { method: "TT", percent: 30, due: "on_confirmation" },
    { method: "OA", percent: 70, due: "after_bl", days: 60 },
  ],
  [{ method: "DP", percent: 100, due: "at_sight" }],
];
const PLACES: [Incoterm, string][] = [
  ["FOB", "Ningbo"],
  ["FOB", "Shanghai"],
  ["CIF", "Hamburg"],
  ["CFR", "Los Angeles"],
  ["EXW", "Ningbo"],
  ["DAP", "Chicago"],
];

type Catalogue = { id: string; product: PricingProduct; listPrice: Dec }[];
type Deal = { customerId: string; viewer: Viewer };

// One to four products, 5 to 25 cartons each, priced between minDiscount and maxDiscount percent below
// the USD list price.
function dealLines(rng: Rng, catalogue: Catalogue, maxDiscount: number, minDiscount = 0): LineInput[] {
  const count = 1 + Math.floor(rng() * 4);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, catalogue.length)) chosen.add(Math.floor(rng() * catalogue.length));
  return [...chosen].map((index) => {
    const { id, product, listPrice } = catalogue[index] as Catalogue[number];
    const perCarton = product.packing?.unitsPerCarton ?? 10;
    const discount = new Dec(minDiscount + rng() * (maxDiscount - minDiscount)).toDecimalPlaces(1);
    return {
      productId: id,
      quantity: String(perCarton * (5 + Math.floor(rng() * 21))),
      unitPrice: roundMoney(listPrice.times(new Dec(100).minus(discount)).div(100), "USD").toFixed(2),
    };
  });
}

// A confirmation can meet short stock (the demo catalogue's quantities are random); the order then
// stays where it was, which is a realistic state too.
async function tolerateShortStock<T>(step: Promise<T>): Promise<T | undefined> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") return undefined;
    throw error;
  }
}

// Quotations in every state (draft, sent, revised, accepted, rejected, expired) and orders across the
// lifecycle, made through the services so numbers, timelines, approvals, stock and audit are real.
// Idempotent: skipped once the workspace has quotations or orders, and without products.
export async function seedDemoTrade(
  db: Db,
  workspaceId: string,
  now = new Date(),
): Promise<{ quotations: number; orders: number }> {
  const none = { quotations: 0, orders: 0 };
  for (const table of [quotations, orders]) {
    const [existing] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(table)
      .where(eq(table.workspaceId, workspaceId));
    if ((existing?.count ?? 0) > 0) return none;
  }

  const productIds = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), eq(products.status, "active")))
    .orderBy(asc(products.sku))
    .limit(40);
  const pricing = await getProductsForPricing(
    db,
    workspaceId,
    productIds.map((row) => row.id),
  );
  // Products well in stock (100 cartons or more available), so the orders below can be confirmed.
  const stock = await stockTotals(db, workspaceId, [...pricing.keys()]);
  const catalogue: Catalogue = [...pricing].flatMap(([id, product]) => {
    const usd = product.listPrices.find((price) => price.currency === "USD");
    const level = stock.get(id);
    const available = level ? level.onHand.minus(level.reserved) : new Dec(0);
    const wellStocked = product.packing && available.gte(product.packing.unitsPerCarton * 100);
    return usd && wellStocked ? [{ id, product, listPrice: new Dec(usd.amount) }] : [];
  });
  const staff = await db.select().from(users).where(eq(users.workspaceId, workspaceId));
  const admin = staff.find((user) => user.role === "admin");
  const reps = staff.filter((user) => user.role === "sales");
  if (catalogue.length === 0 || !admin || reps.length === 0) return none;
  const viewers = new Map<string, Viewer>();
  for (const user of staff) viewers.set(user.id, await loadViewer(db, actorFromUser(user, "session")));
  const viewerOf = (userId: string) => viewers.get(userId) as Viewer;
  const adminViewer = viewerOf(admin.id);

  const buyers = await db
    .select({ id: customers.id, ownerId: customers.ownerId })
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, workspaceId),
        inArray(
          customers.ownerId,
          reps.map((rep) => rep.id),
        ),
      ),
    )
    .orderBy(asc(customers.name))
    .limit(30);
  if (buyers.length === 0) return none;

  const company = await getCompanySettings(db, workspaceId);
  if (company.address === null) {
    await updateCompanySettings(db, adminViewer, {
      name: "Ningbo Oceanic Trading Co., Ltd.",
      localName: "宁波远洋贸易有限公司",
      address: "Room 1808, Oceanic Tower, 88 Zhongshan East Road\nNingbo, Zhejiang 315000, China",
      phone: "+86 574 8765 4321",
      email: "sales@ningbo-oceanic.example",
      website: "www.ningbo-oceanic.example",
      taxId: "91330200MA2XXXXXX1",
      bankAccounts: [
        {
          currency: "USD",
          beneficiary: "Ningbo Oceanic Trading Co., Ltd.",
          bankName: "Bank of China, Ningbo Branch",
          bankAddress: "139 Yaohang Street, Ningbo, China",
          accountNumber: "3585 5812 3456",
          swift: "BKCHCNBJ92A",
        },
      ],
    });
  }
  for (const buyer of buyers.slice(0, 3)) {
    await setCreditLimit(db, adminViewer, buyer.id, { creditLimit: "50000", creditLimitCurrency: "USD" });
  }

  const rng = seededRng(20_260_501);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const dateAt = (daysAgo: number) => at(daysAgo).toISOString().slice(0, 10);
  let next = 0;
  const deal = (): Deal => {
    const buyer = buyers[next++ % buyers.length] as (typeof buyers)[number];
    return { customerId: buyer.id, viewer: viewerOf(buyer.ownerId as string) };
  };
  const terms = () => {
    const [incoterm, namedPlace] = pick(rng, PLACES);
    return {
      currency: "USD",
      incoterm,
      namedPlace,
      paymentTerms: pick(rng, TERMS),
      leadTimeDays: 25 + Math.floor(rng() * 20),
    };
  };
  const quote = (d: Deal, daysAgo: number, validDays: number, maxDiscount = 8) =>
    createQuotation(
      db,
      d.viewer,
      {
        customerId: d.customerId,
        ...terms(),
        validUntil: dateAt(daysAgo - validDays),
        lines: dealLines(rng, catalogue, maxDiscount),
      },
      at(daysAgo),
    );
  const send = (d: Deal, id: string, daysAgo: number) =>
    updateQuotation(db, d.viewer, id, { status: "sent" }, at(daysAgo));

  let quotationCount = 0;
  // Drafts, sent, accepted, rejected and expired quotations, and one revised twice.
  for (const daysAgo of [2, 4, 6]) {
    await quote(deal(), daysAgo, 30);
    quotationCount++;
  }
  for (const daysAgo of [8, 10, 12]) {
    const d = deal();
    await send(d, (await quote(d, daysAgo, 30)).id, daysAgo - 1);
    quotationCount++;
  }
  for (const reason of [
    "Price too high compared with a Vietnamese supplier",
    "Project postponed to next season",
  ]) {
    const d = deal();
    const q = await quote(d, 20, 30);
    await send(d, q.id, 19);
    await updateQuotation(db, d.viewer, q.id, { status: "rejected", statusReason: reason }, at(15));
    quotationCount++;
  }
  for (const daysAgo of [50, 45]) {
    const d = deal();
    await send(d, (await quote(d, daysAgo, 14)).id, daysAgo - 1);
    quotationCount++;
  }
  {
    const d = deal();
    const v1 = await quote(d, 16, 30);
    await send(d, v1.id, 15);
    const v2 = await reviseQuotation(db, d.viewer, v1.id, { lines: dealLines(rng, catalogue, 5) }, at(9));
    await send(d, v2.id, 9);
    quotationCount++;
  }
  const accepted: { deal: Deal; id: string }[] = [];
  for (const daysAgo of [30, 26, 22]) {
    const d = deal();
    const q = await quote(d, daysAgo, 45);
    await send(d, q.id, daysAgo - 1);
    await updateQuotation(db, d.viewer, q.id, { status: "accepted" }, at(daysAgo - 3));
    accepted.push({ deal: d, id: q.id });
    quotationCount++;
  }
  await expireQuotations(db, now);

  // Orders: two converted from accepted quotations, the rest entered directly, walked to their state.
  // Shipping states come from real shipments planned and departed by logistics.
  const logistics = staff.find((user) => user.role === "logistics");
  const shipper = logistics ? viewerOf(logistics.id) : adminViewer;
  let shipmentSequence = 0;
  const walk: OrderStatus[] = ["in_production", "ready_to_ship", "partially_shipped", "shipped", "completed"];
  const advance = async (d: Deal, id: string, target: OrderStatus, daysAgo: number) => {
    let day = daysAgo - 2;
    for (const status of walk.slice(0, walk.indexOf(target) + 1)) {
      if (status === "partially_shipped" || status === "shipped") {
        if (status === "partially_shipped" && target !== "partially_shipped") continue;
        const share = status === "shipped" ? "rest" : "part";
        const arrival = target === "completed" ? "delivered" : status === "shipped" ? "arrived" : "departed";
        await shipDemoOrder(db, shipper, id, {
          share,
          target: arrival,
          daysAgo: day,
          now,
          sequence: shipmentSequence++,
        });
        // Delivered about five weeks after departure: the order completes after that.
        day -= arrival === "delivered" ? 35 : 3;
        continue;
      }
      await changeOrderStatus(db, d.viewer, id, { status }, at(day));
      day -= 3;
    }
  };
  const confirm = async (d: Deal, id: string, daysAgo: number) => {
    const submitted = await tolerateShortStock(submitOrder(db, d.viewer, id, at(daysAgo)));
    if (submitted?.status !== "pending_approval") return submitted?.status === "confirmed";
    const [approverId] = await approversFor(db, workspaceId, submitted.ownerId);
    const approver = approverId ? viewerOf(approverId) : adminViewer;
    const approved = await tolerateShortStock(
      approveOrder(db, approver, id, "Volume justifies the price", at(daysAgo - 1)),
    );
    return approved?.status === "confirmed";
  };
  const direct = (d: Deal, daysAgo: number, maxDiscount = 6, minDiscount = 0) =>
    createOrder(
      db,
      d.viewer,
      {
        customerId: d.customerId,
        ...terms(),
        lines: dealLines(rng, catalogue, maxDiscount, minDiscount),
        requestedDeliveryDate: dateAt(daysAgo - 45),
        shippingMarks: "N/M",
      },
      at(daysAgo),
    );

  let orderCount = 0;
  const [first, second] = accepted;
  if (first) {
    await convertQuotation(db, first.deal.viewer, first.id, { requestedDeliveryDate: dateAt(-30) }, at(20));
    orderCount++;
  }
  if (second) {
    const order = await convertQuotation(db, second.deal.viewer, second.id, {}, at(18));
    if (await confirm(second.deal, order.id, 17)) await advance(second.deal, order.id, "in_production", 15);
    orderCount++;
  }
  await direct(deal(), 3);
  orderCount++;
  {
    // Priced 13–18% below list: waits in the manager's approval inbox.
    const d = deal();
    const order = await direct(d, 2, 18, 13);
    await tolerateShortStock(submitOrder(db, d.viewer, order.id, at(1)));
    orderCount++;
  }
  // [state, days ago, discount range]: the ready-to-ship one went through the manager's approval.
  const plans: [OrderStatus, number, number, number][] = [
    ["confirmed", 14, 6, 0],
    ["in_production", 25, 6, 0],
    ["ready_to_ship", 35, 15, 12],
    ["partially_shipped", 45, 6, 0],
    ["shipped", 55, 6, 0],
    ["completed", 90, 6, 0],
  ];
  for (const [target, daysAgo, maxDiscount, minDiscount] of plans) {
    const d = deal();
    const order = await direct(d, daysAgo, maxDiscount, minDiscount);
    if ((await confirm(d, order.id, daysAgo - 1)) && target !== "confirmed")
      await advance(d, order.id, target, daysAgo);
    orderCount++;
  }
  {
    const d = deal();
    const order = await direct(d, 40);
    if (await confirm(d, order.id, 39)) {
      await changeOrderStatus(
        db,
        d.viewer,
        order.id,
        { status: "cancelled", reason: "Buyer postponed the project to next year" },
        at(30),
      );
    }
    orderCount++;
  }
  return { quotations: quotationCount, orders: orderCount };
}
