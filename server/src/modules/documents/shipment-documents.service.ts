import { and, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Order } from "../../../../shared/schemas/orders";
import type { Packing } from "../../../../shared/schemas/products";
import type { Line } from "../../../../shared/schemas/quotations";
import type { Shipment, ShipmentMode } from "../../../../shared/schemas/shipments";
import type { Db, DbOrTx } from "../../db/client";
import { conflict } from "../../lib/app-error";
import {
  type Dec,
  formatDecimal,
  formatMoney,
  formatPrice,
  groupThousands,
  sumDec,
  toDec,
} from "../../lib/money";
import { recordAudit } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { nextNumber } from "../numbering/numbering.service";
import { getOrder } from "../orders/orders.service";
import { packingOf } from "../products/products.service";
import { products } from "../products/products.table";
import { todayIn } from "../quotations/commercial";
import { lineAmounts, netUnitPrice } from "../quotations/pricing";
import { getShipment } from "../shipments/shipments.service";
import {
  bankLines,
  buyerLines,
  type DocumentContext,
  describePaymentTerm,
  documentContext,
  money,
} from "./documents.service";
import { shipmentInvoices } from "./documents.table";
import { type Cell, type Column, renderDocument } from "./pdf";

// ---- The invoice number -------------------------------------------------------------------------

type Invoice = { number: string; issuedAt: Date };

async function findInvoice(db: DbOrTx, workspaceId: string, shipmentId: string) {
  const [row] = await db
    .select({ number: shipmentInvoices.number, issuedAt: shipmentInvoices.issuedAt })
    .from(shipmentInvoices)
    .where(and(eq(shipmentInvoices.workspaceId, workspaceId), eq(shipmentInvoices.shipmentId, shipmentId)));
  return row;
}

// Drawn the first time one of the shipment's documents is printed, then kept: reprints, the packing
// list and the spreadsheet all carry that number.
async function issueInvoice(db: Db, viewer: Viewer, shipment: Shipment, now: Date): Promise<Invoice> {
  const existing = await findInvoice(db, viewer.workspaceId, shipment.id);
  if (existing) return existing;
  if (shipment.status === "cancelled") {
    throw conflict("A cancelled shipment gets no commercial invoice", { reason: "cancelled" });
  }
  return db.transaction(async (tx) => {
    // Two first prints at once must not draw two numbers: the second waits, then finds the first's.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`shipment-invoice:${shipment.id}`}))`);
    const raced = await findInvoice(tx, viewer.workspaceId, shipment.id);
    if (raced) return raced;
    const number = await nextNumber(
      tx,
      viewer.workspaceId,
      "invoice",
      async (candidate) =>
        (
          await tx
            .select({ number: shipmentInvoices.number })
            .from(shipmentInvoices)
            .where(
              and(
                eq(shipmentInvoices.workspaceId, viewer.workspaceId),
                eq(shipmentInvoices.number, candidate),
              ),
            )
        ).length > 0,
      now,
    );
    await tx.insert(shipmentInvoices).values({
      workspaceId: viewer.workspaceId,
      shipmentId: shipment.id,
      number,
      issuedBy: viewer.userId,
      issuedAt: now,
    });
    await recordAudit(tx, viewer, {
      action: "shipment.invoice_issued",
      entityType: "shipment",
      entityId: shipment.id,
      changes: { number, orderId: shipment.orderId },
    });
    return { number, issuedAt: now };
  });
}

// ---- What left in this shipment -----------------------------------------------------------------

type ShippedLine = {
  line: Line;
  quantity: Dec;
  hsCode: string | null;
  // Net and gross weight in kg, volume in m³: null when neither the order line nor the product has
  // packing data.
  cartons: number | null;
  netKg: Dec | null;
  grossKg: Dec | null;
  cbm: Dec | null;
};

// Net weight follows the units (a part carton holds fewer); each carton adds its own tare, the
// difference between a full carton's gross and net weight.
function packed(quantity: Dec, packing: Packing | null, cartonsGiven: number | null) {
  const cartons = cartonsGiven ?? (packing ? quantity.div(packing.unitsPerCarton).ceil().toNumber() : null);
  if (!packing || cartons === null) return { cartons, netKg: null, grossKg: null, cbm: null };
  const netKg = quantity.div(packing.unitsPerCarton).times(packing.netWeightKg);
  const tare = toDec(packing.grossWeightKg).minus(packing.netWeightKg);
  return {
    cartons,
    netKg,
    grossKg: netKg.plus(tare.times(cartons)),
    cbm: toDec(packing.cbmPerCarton).times(cartons),
  };
}

type ShipmentData = {
  shipment: Shipment;
  order: Order;
  lines: ShippedLine[];
  invoice: Invoice;
  ctx: DocumentContext;
  buyer: string[];
};

async function loadShipmentData(db: Db, viewer: Viewer, id: string, now: Date): Promise<ShipmentData> {
  const shipment = await getShipment(db, viewer, id);
  const [order, ctx] = await Promise.all([
    getOrder(db, viewer, shipment.orderId),
    documentContext(db, viewer.workspaceId),
  ]);
  const invoice = await issueInvoice(db, viewer, shipment, now);
  const orderLines = new Map(order.lines.map((line) => [line.id, line]));
  // Lines priced before the product had packing or an HS code take today's product data.
  const productIds = order.lines.flatMap((line) =>
    line.productId && (!line.packing || !line.hsCode) ? [line.productId] : [],
  );
  const productRows =
    productIds.length === 0
      ? []
      : await db
          .select()
          .from(products)
          .where(and(eq(products.workspaceId, viewer.workspaceId), inArray(products.id, productIds)));
  const productsById = new Map(productRows.map((row) => [row.id, row]));
  const lines = shipment.lines.flatMap((shipped) => {
    const line = orderLines.get(shipped.orderLineId);
    if (!line) return [];
    const product = line.productId ? productsById.get(line.productId) : undefined;
    const quantity = toDec(shipped.quantity);
    const packing = line.packing ?? (product ? packingOf(product) : null);
    return [
      {
        line,
        quantity,
        hsCode: line.hsCode ?? product?.hsCode ?? null,
        ...packed(quantity, packing, shipped.cartons),
      },
    ];
  });
  const buyer = await buyerLines(db, viewer.workspaceId, order.customerId, order.contactName);
  return { shipment, order, lines, invoice, ctx, buyer };
}

// ---- Wording shared by the three documents ------------------------------------------------------

const MODE: Record<ShipmentMode, string> = {
  sea_fcl: "Sea freight (FCL)",
  sea_lcl: "Sea freight (LCL)",
  air: "Air freight",
  express: "Express courier",
  rail: "Rail freight",
  truck: "Road freight",
};

const joined = (separator: string, ...parts: (string | null | undefined)[]) =>
  parts.filter((part): part is string => Boolean(part)).join(separator);

function transportFacts({ shipment }: ShipmentData): [string, string][] {
  const transport = shipment.mode === "air" ? "AWB No." : "B/L No.";
  const facts: [string, string | null][] = [
    ["Shipped by", MODE[shipment.mode]],
    ["Port of loading", shipment.portOfLoading],
    ["Port of discharge", shipment.portOfDischarge],
    ["Vessel / voyage", joined(" / ", shipment.vessel, shipment.voyage) || null],
    [
      "Container / seal",
      joined(" / ", joined(" ", shipment.containerType, shipment.containerNumber), shipment.sealNumber) ||
        null,
    ],
    [transport, joined(" of ", shipment.blNumber, shipment.blDate) || null],
    ["Tracking No.", shipment.trackingNumber],
    ["Customs declaration", shipment.customsDeclarationNumber],
    ["Forwarder", shipment.forwarder],
  ];
  return facts.filter((fact): fact is [string, string] => fact[1] !== null);
}

function documentFacts(data: ShipmentData): [string, string][] {
  return [
    ["Invoice No.", data.invoice.number],
    ["Date", todayIn(data.ctx.timeZone, data.invoice.issuedAt)],
    ["PI No.", data.order.number],
    ["Shipment No.", data.shipment.number],
  ];
}

const itemText = (line: Line) => (line.sku ? `${line.sku} · ${line.description}` : line.description);
// Kilograms and cubic metres, to the gram and the litre.
const measure = (value: Dec | null) => (value === null ? "" : groupThousands(formatDecimal(value, 3)));

type PackingTotals = { cartons: number; netKg: Dec; grossKg: Dec; cbm: Dec; withoutPacking: number };

function packingTotals(lines: ShippedLine[]): PackingTotals {
  const measured = lines.filter((line) => line.netKg !== null);
  return {
    cartons: lines.reduce((sum, line) => sum + (line.cartons ?? 0), 0),
    netKg: sumDec(measured.map((line) => line.netKg ?? 0)),
    grossKg: sumDec(measured.map((line) => line.grossKg ?? 0)),
    cbm: sumDec(measured.map((line) => line.cbm ?? 0)),
    withoutPacking: lines.length - measured.length,
  };
}

function packingSummary(totals: PackingTotals): string[] {
  const lines = [
    `${totals.cartons} cartons · N.W. ${measure(totals.netKg)} kg · G.W. ${measure(totals.grossKg)} kg · ${measure(totals.cbm)} m³`,
  ];
  if (totals.withoutPacking > 0) {
    lines.push(
      `${totals.withoutPacking} line(s) without packing data are not included in weight and volume.`,
    );
  }
  return lines;
}

const fileSafe = (number: string) => number.replace(/[/\\]/g, "-");

// ---- Commercial invoice -------------------------------------------------------------------------

const INVOICE_COLUMNS: Column[] = [
  { header: "No.", width: 24 },
  { header: "Description of goods", width: 197.28 },
  { header: "HS code", width: 56 },
  { header: "Qty", width: 56, align: "right" },
  { header: "Unit", width: 36 },
  { header: "Unit price", width: 66, align: "right" },
  { header: "Amount", width: 80, align: "right" },
];

export async function commercialInvoicePdf(db: Db, viewer: Viewer, id: string, now = new Date()) {
  const data = await loadShipmentData(db, viewer, id, now);
  const { order, lines, ctx } = data;
  const currency = order.currency;
  const amounts = lines.map(
    (shipped) =>
      lineAmounts(shipped.quantity, shipped.line.unitPrice, shipped.line.discountPercent, currency).lineTotal,
  );
  const total = sumDec(amounts);
  const rows: Cell[][] = lines.map((shipped, index) => [
    String(index + 1),
    { text: itemText(shipped.line), sub: shipped.line.descriptionZh },
    shipped.hsCode ?? "",
    groupThousands(formatDecimal(shipped.quantity)),
    shipped.line.unit,
    groupThousands(
      formatPrice(
        netUnitPrice({
          unitPrice: toDec(shipped.line.unitPrice),
          discountPercent: toDec(shipped.line.discountPercent),
        }),
        currency,
      ),
    ),
    groupThousands(formatMoney(amounts[index] ?? 0, currency)),
  ]);
  const pdf = await renderDocument({
    title: "COMMERCIAL INVOICE",
    letterhead: ctx.letterhead,
    party: { label: "Buyer", lines: data.buyer },
    facts: [...documentFacts(data), ["Currency", currency]],
    terms: [
      [`Incoterms ${order.incotermVersion}`, `${order.incoterm} ${order.namedPlace}`],
      ["Payment terms", order.paymentTerms.map(describePaymentTerm).join("; ")],
      ...transportFacts(data),
    ],
    columns: INVOICE_COLUMNS,
    rows,
    totals: [
      {
        label: `Total ${order.incoterm} ${order.namedPlace}`,
        value: money(currency, formatMoney(total, currency)),
        strong: true,
      },
    ],
    sections: [
      { heading: "Packing", lines: packingSummary(packingTotals(lines)) },
      { heading: "Shipping marks", lines: order.shippingMarks ? order.shippingMarks.split("\n") : [] },
      { heading: "Bank details", lines: bankLines(ctx.company.bankAccounts, currency) },
    ],
    signatures: [`For and on behalf of ${ctx.company.name}`],
    metadata: { title: `Commercial invoice ${data.invoice.number}`, subject: order.customerName },
  });
  return { content: pdf, fileName: `Commercial invoice ${fileSafe(data.invoice.number)}.pdf` };
}

// ---- Packing list -------------------------------------------------------------------------------

const PACKING_COLUMNS: Column[] = [
  { header: "No.", width: 24 },
  { header: "Description of goods", width: 171.28 },
  { header: "Qty", width: 56, align: "right" },
  { header: "Unit", width: 36 },
  { header: "Cartons", width: 50, align: "right" },
  { header: "N.W. (kg)", width: 58, align: "right" },
  { header: "G.W. (kg)", width: 58, align: "right" },
  { header: "Volume (m³)", width: 62, align: "right" },
];

export async function packingListPdf(db: Db, viewer: Viewer, id: string, now = new Date()) {
  const data = await loadShipmentData(db, viewer, id, now);
  const { order, lines, ctx } = data;
  const totals = packingTotals(lines);
  const rows: Cell[][] = lines.map((shipped, index) => [
    String(index + 1),
    {
      text: itemText(shipped.line),
      sub: joined("  ", shipped.line.descriptionZh, shipped.hsCode ? `HS ${shipped.hsCode}` : null) || null,
    },
    groupThousands(formatDecimal(shipped.quantity)),
    shipped.line.unit,
    shipped.cartons === null ? "" : String(shipped.cartons),
    measure(shipped.netKg),
    measure(shipped.grossKg),
    measure(shipped.cbm),
  ]);
  const pdf = await renderDocument({
    title: "PACKING LIST",
    letterhead: ctx.letterhead,
    party: { label: "Buyer", lines: data.buyer },
    facts: documentFacts(data),
    terms: [
      [`Incoterms ${order.incotermVersion}`, `${order.incoterm} ${order.namedPlace}`],
      ...transportFacts(data),
    ],
    columns: PACKING_COLUMNS,
    rows,
    columnTotals: [
      "",
      "Total",
      "",
      "",
      String(totals.cartons),
      measure(totals.netKg),
      measure(totals.grossKg),
      measure(totals.cbm),
    ],
    totals: [],
    sections: [
      { heading: "Packing", lines: packingSummary(totals) },
      { heading: "Shipping marks", lines: order.shippingMarks ? order.shippingMarks.split("\n") : [] },
    ],
    signatures: [`For and on behalf of ${ctx.company.name}`],
    metadata: { title: `Packing list ${data.invoice.number}`, subject: order.customerName },
  });
  return { content: pdf, fileName: `Packing list ${fileSafe(data.invoice.number)}.pdf` };
}

// Quantities, weights and volumes are written as numbers so the forwarder's spreadsheet can add them;
// they carry at most four decimals and no money.
export async function packingListXlsx(db: Db, viewer: Viewer, id: string, now = new Date()) {
  const data = await loadShipmentData(db, viewer, id, now);
  const { order, lines, ctx } = data;
  const totals = packingTotals(lines);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = ctx.company.name;
  const sheet = workbook.addWorksheet("Packing list");
  sheet.columns = [
    { width: 6 },
    { width: 16 },
    { width: 40 },
    { width: 24 },
    { width: 12 },
    { width: 10 },
    { width: 8 },
    { width: 10 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
  ];
  sheet.addRow([ctx.company.name]).font = { bold: true, size: 14 };
  if (ctx.company.localName) sheet.addRow([ctx.company.localName]);
  for (const line of ctx.letterhead.addressLines) sheet.addRow([line]);
  sheet.addRow([]);
  sheet.addRow(["PACKING LIST"]).font = { bold: true, size: 13 };
  const label = (pairs: [string, string][]) => {
    for (const [key, value] of pairs) {
      const row = sheet.addRow([key, "", value]);
      row.getCell(1).font = { bold: true };
    }
  };
  label(documentFacts(data));
  label([["Buyer", data.buyer.join(", ")]]);
  label([
    [`Incoterms ${order.incotermVersion}`, `${order.incoterm} ${order.namedPlace}`],
    ...transportFacts(data),
  ]);
  sheet.addRow([]);
  const header = sheet.addRow([
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
  header.font = { bold: true };
  const number = (value: Dec | null, places: number) =>
    value === null ? null : Number(formatDecimal(value, places));
  lines.forEach((shipped, index) => {
    sheet.addRow([
      index + 1,
      shipped.line.sku,
      shipped.line.description,
      shipped.line.descriptionZh,
      shipped.hsCode,
      number(shipped.quantity, 4),
      shipped.line.unit,
      shipped.cartons,
      number(shipped.netKg, 3),
      number(shipped.grossKg, 3),
      number(shipped.cbm, 3),
    ]);
  });
  const total = sheet.addRow([
    "",
    "",
    "Total",
    "",
    "",
    "",
    "",
    totals.cartons,
    number(totals.netKg, 3),
    number(totals.grossKg, 3),
    number(totals.cbm, 3),
  ]);
  total.font = { bold: true };
  if (totals.withoutPacking > 0) sheet.addRow([packingSummary(totals)[1]]);
  if (order.shippingMarks) {
    sheet.addRow([]);
    sheet.addRow(["Shipping marks"]).font = { bold: true };
    for (const line of order.shippingMarks.split("\n")) sheet.addRow([line]);
  }
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { content, fileName: `Packing list ${fileSafe(data.invoice.number)}.xlsx` };
}
