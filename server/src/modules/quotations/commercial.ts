import { and, eq, inArray } from "drizzle-orm";
import type {
  ContainerEstimate,
  Line,
  LineInput,
  QuotationSummary,
} from "../../../../shared/schemas/quotations";
import type { DbOrTx } from "../../db/client";
import { fieldError } from "../../lib/app-error";
import { iso } from "../../lib/dates";
import { formatDecimal, formatMoney, formatPrice, roundMoney, sumDec, toDec } from "../../lib/money";
import type { Viewer } from "../customers/customers.policy";
import { findWorkableCustomer } from "../customers/customers.service";
import { contacts } from "../customers/customers.table";
import { getProductsForPricing } from "../products/products.service";
import { users } from "../users/users.table";
import { workspaces } from "../workspaces/workspaces.table";
import {
  cartonsOf,
  containerEstimate,
  discountOffList,
  documentTotals,
  type PricedLine,
  priceLine,
  type Totals,
} from "./pricing";
import type { commercialColumns, quotationLines, quotations } from "./quotations.table";

// What quotations and orders (PI) share beyond the arithmetic: pricing lines against the catalogue,
// storing and reading lines, the customer check, names and margins.

export type LineRow = Omit<typeof quotationLines.$inferSelect, "quotationId">;
// The columns an order shares with a quotation, typed once from the quotation table.
type CommercialRow = Pick<typeof quotations.$inferSelect, keyof ReturnType<typeof commercialColumns>>;

export type PricedDocument = Totals & { lines: PricedLine[]; containerEstimate: ContainerEstimate };

// Prices the lines in the document currency; product lines take list price, cost, packing and names
// from the catalogue as they are now, and keep them (the document does not change with the product).
export async function priceDocument(
  db: DbOrTx,
  workspaceId: string,
  currency: string,
  lines: LineInput[],
): Promise<PricedDocument> {
  const productIds = [...new Set(lines.flatMap((line) => (line.productId ? [line.productId] : [])))];
  const products =
    productIds.length > 0 ? await getProductsForPricing(db, workspaceId, productIds) : new Map();
  const priced = lines.map((line, index) => {
    const product = line.productId ? products.get(line.productId) : undefined;
    if (line.productId && !product) throw fieldError(`lines.${index}.productId`, "no such product");
    if (product?.status === "discontinued") {
      throw fieldError(
        `lines.${index}.productId`,
        `${product.sku} is discontinued and can no longer be offered`,
      );
    }
    return priceLine(line, product, currency);
  });
  return { ...documentTotals(priced), lines: priced, containerEstimate: containerEstimate(priced) };
}

// Stored lines back into input form, to re-price them (a new revision, another currency).
export function lineInputsOf(rows: LineRow[]): LineInput[] {
  return rows.map((row) => ({
    productId: row.productId ?? undefined,
    description: row.description,
    quantity: formatDecimal(row.quantity),
    unit: row.unit,
    unitPrice: formatDecimal(row.unitPrice),
    discountPercent: Number(row.discountPercent),
  }));
}

export function lineValues(workspaceId: string, priced: PricedLine[]) {
  return priced.map((line, index) => ({
    workspaceId,
    position: index + 1,
    productId: line.productId,
    sku: line.sku,
    description: line.description,
    descriptionZh: line.descriptionZh,
    hsCode: line.hsCode,
    quantity: line.quantity.toFixed(),
    unit: line.unit,
    unitPrice: line.unitPrice.toFixed(),
    discountPercent: line.discountPercent.toFixed(),
    lineTotal: line.lineTotal.toFixed(),
    listPrice: line.listPrice?.toFixed() ?? null,
    unitCost: line.unitCost?.toFixed() ?? null,
    packing: line.packing,
  }));
}

// Copies stored lines to another document unchanged (a quotation converted into an order).
export function copiedLineValues(rows: LineRow[]) {
  return rows.map(({ id: _id, ...row }) => row);
}

export function totalsValues(document: PricedDocument) {
  return {
    subtotal: document.subtotal.toFixed(),
    discountTotal: document.discountTotal.toFixed(),
    total: document.total.toFixed(),
    containerEstimate: document.containerEstimate,
  };
}

export function toLine(row: LineRow, currency: string, showCost: boolean): Line {
  const quantity = toDec(row.quantity);
  const listPrice = row.listPrice === null ? null : toDec(row.listPrice);
  const offList = discountOffList({
    unitPrice: toDec(row.unitPrice),
    discountPercent: toDec(row.discountPercent),
    listPrice,
  });
  const packed = row.packing ? cartonsOf(quantity, row.packing) : null;
  return {
    id: row.id,
    position: row.position,
    productId: row.productId,
    sku: row.sku,
    description: row.description,
    descriptionZh: row.descriptionZh,
    hsCode: row.hsCode,
    quantity: formatDecimal(quantity),
    unit: row.unit,
    unitPrice: formatPrice(row.unitPrice, currency),
    discountPercent: Number(row.discountPercent),
    lineTotal: formatMoney(row.lineTotal, currency),
    listPrice: listPrice === null ? null : formatPrice(listPrice, currency),
    discountOffListPercent: offList === null ? null : offList.toNumber(),
    packing: row.packing,
    cartons: packed?.cartons ?? null,
    cbm: packed ? formatDecimal(packed.cbm, 4) : null,
    grossWeightKg: packed ? formatDecimal(packed.grossWeightKg, 3) : null,
    ...(showCost ? { unitCost: row.unitCost === null ? null : formatPrice(row.unitCost, currency) } : {}),
  };
}

// Costs are kept in the workspace currency; a margin in another document currency waits for FX rates.
export function marginOf(rows: LineRow[], total: string, currency: string, costCurrency: string) {
  const costed = rows.filter((row) => row.unitCost !== null);
  const costTotal = roundMoney(
    sumDec(costed.map((row) => toDec(row.quantity).times(row.unitCost ?? 0))),
    costCurrency,
  );
  const base = { costTotal: formatMoney(costTotal, costCurrency), costCurrency };
  if (costed.length < rows.length) {
    const missing = rows.length - costed.length;
    return { ...base, amount: null, percent: null, note: `${missing} line(s) have no cost price` };
  }
  if (currency !== costCurrency) {
    return {
      ...base,
      amount: null,
      percent: null,
      note: `Costs are in ${costCurrency} and the document in ${currency}; the margin needs exchange rates`,
    };
  }
  const amount = toDec(total).minus(costTotal);
  const percent = toDec(total).isZero() ? null : amount.div(total).times(100).toDecimalPlaces(2).toNumber();
  return { ...base, amount: formatMoney(amount, currency), percent, note: null };
}

// The customer of a new document must be one the caller works (owner, collaborator, manager, admin;
// a pool customer is claimed first).
export async function resolveParties(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  contactId: string | null | undefined,
) {
  const customer = await findWorkableCustomer(db, viewer, customerId);
  return { customer, contactName: await contactNameOf(db, viewer.workspaceId, customerId, contactId) };
}

export async function contactNameOf(
  db: DbOrTx,
  workspaceId: string,
  customerId: string,
  contactId: string | null | undefined,
): Promise<string | null> {
  if (!contactId) return null;
  const [contact] = await db
    .select({ name: contacts.name })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        eq(contacts.customerId, customerId),
        eq(contacts.id, contactId),
      ),
    );
  if (!contact) throw fieldError("contactId", "is not a contact of this customer");
  return contact.name;
}

export async function workspaceContext(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({ currency: workspaces.currency, timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error(`workspace ${workspaceId} not found`);
  return row;
}

// The calendar date in a time zone, as YYYY-MM-DD.
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export async function userNames(db: DbOrTx, workspaceId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, wanted)));
  return new Map(rows.map((row) => [row.id, row.name]));
}

type CommercialOutput = Omit<
  QuotationSummary,
  | "id"
  | "number"
  | "revision"
  | "reference"
  | "status"
  | "statusReason"
  | "validUntil"
  | "latest"
  | "previousRevisionId"
  | "supersededById"
  | "orderId"
  | "sentAt"
  | "decidedAt"
>;

export function commercialOutput(
  row: CommercialRow,
  names: { customerName: string; ownerName: string | null },
): CommercialOutput {
  return {
    customerId: row.customerId,
    customerName: names.customerName,
    contactId: row.contactId,
    contactName: row.contactName,
    ownerId: row.ownerId,
    ownerName: names.ownerName,
    createdBy: row.createdBy,
    currency: row.currency,
    incoterm: row.incoterm,
    incotermVersion: row.incotermVersion,
    namedPlace: row.namedPlace,
    paymentTerms: row.paymentTerms,
    leadTimeDays: row.leadTimeDays,
    remarks: row.remarks,
    subtotal: formatMoney(row.subtotal, row.currency),
    discountTotal: formatMoney(row.discountTotal, row.currency),
    total: formatMoney(row.total, row.currency),
    containerEstimate: row.containerEstimate,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
