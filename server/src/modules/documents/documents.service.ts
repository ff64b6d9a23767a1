import { and, eq } from "drizzle-orm";
import countries from "i18n-iso-countries";
import type {
  BankAccount,
  CompanySettings,
  UpdateCompanySettings,
} from "../../../../shared/schemas/documents";
import { type LOGO_TYPES, MAX_LOGO_BYTES } from "../../../../shared/schemas/documents";
import type { Order } from "../../../../shared/schemas/orders";
import type { ContainerEstimate, Line, PaymentTerm, Quotation } from "../../../../shared/schemas/quotations";
import type { DbOrTx } from "../../db/client";
import { AppError } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { groupThousands } from "../../lib/money";
import { recordAudit } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { getOrder } from "../orders/orders.service";
import { todayIn, workspaceContext } from "../quotations/commercial";
import { getQuotation } from "../quotations/quotations.service";
import { getSection, type Section, updateSection } from "../settings/settings.service";
import { workspaces } from "../workspaces/workspaces.table";
import { workspaceLogos } from "./documents.table";
import { type Cell, type Column, type DocumentModel, type Letterhead, renderDocument } from "./pdf";

// ---- Letterhead settings -----------------------------------------------------------------------

type StoredCompany = Omit<CompanySettings, "hasLogo">;
const COMPANY: Section<StoredCompany> = {
  key: "company",
  defaults: {
    name: "",
    localName: null,
    address: null,
    phone: null,
    email: null,
    website: null,
    taxId: null,
    bankAccounts: [],
  },
};

async function hasLogo(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ size: workspaceLogos.byteSize })
    .from(workspaceLogos)
    .where(eq(workspaceLogos.workspaceId, workspaceId));
  return row !== undefined;
}

// Until the company is described, documents carry the workspace's name.
export async function getCompanySettings(db: DbOrTx, workspaceId: string): Promise<CompanySettings> {
  const [stored, [workspace], logo] = await Promise.all([
    getSection(db, workspaceId, COMPANY),
    db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    hasLogo(db, workspaceId),
  ]);
  return { ...stored, name: stored.name || (workspace?.name ?? ""), hasLogo: logo };
}

export async function updateCompanySettings(
  db: DbOrTx,
  actor: Actor,
  input: UpdateCompanySettings,
): Promise<CompanySettings> {
  await updateSection(db, actor, COMPANY, input);
  return getCompanySettings(db, actor.workspaceId);
}

function imageType(content: Buffer): (typeof LOGO_TYPES)[number] | undefined {
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  if (content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return "image/jpeg";
  return undefined;
}

// The type is read from the bytes, not from what the browser claims.
export async function setLogo(db: DbOrTx, actor: Actor, content: Buffer): Promise<CompanySettings> {
  if (content.length > MAX_LOGO_BYTES) {
    throw new AppError("payload_too_large", `The logo must be at most ${MAX_LOGO_BYTES / 1024} KB`);
  }
  const contentType = imageType(content);
  if (!contentType) throw new AppError("unsupported_media_type", "The logo must be a PNG or JPEG image");
  await db.transaction(async (tx) => {
    await tx
      .insert(workspaceLogos)
      .values({ workspaceId: actor.workspaceId, contentType, byteSize: content.length, data: content })
      .onConflictDoUpdate({
        target: workspaceLogos.workspaceId,
        set: { contentType, byteSize: content.length, data: content, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: "settings.logo_changed",
      entityType: "workspace",
      entityId: actor.workspaceId,
      changes: { contentType, byteSize: content.length },
    });
  });
  return getCompanySettings(db, actor.workspaceId);
}

export async function deleteLogo(db: DbOrTx, actor: Actor): Promise<CompanySettings> {
  await db.transaction(async (tx) => {
    await tx.delete(workspaceLogos).where(eq(workspaceLogos.workspaceId, actor.workspaceId));
    await recordAudit(tx, actor, {
      action: "settings.logo_removed",
      entityType: "workspace",
      entityId: actor.workspaceId,
    });
  });
  return getCompanySettings(db, actor.workspaceId);
}

export async function getLogo(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({ contentType: workspaceLogos.contentType, data: workspaceLogos.data })
    .from(workspaceLogos)
    .where(eq(workspaceLogos.workspaceId, workspaceId));
  return row;
}

// ---- Wording ------------------------------------------------------------------------------------

const METHOD: Record<PaymentTerm["method"], string> = {
  TT: "T/T",
  LC: "L/C",
  DP: "D/P",
  DA: "D/A",
  OA: "O/A",
  other: "",
};

// "30% T/T on confirmation", "100% L/C at sight", "100% O/A 60 days after B/L date".
type TermText = Pick<PaymentTerm, "method" | "percent" | "due"> & {
  days?: number | null;
  note?: string | null;
};
export function describePaymentTerm(term: TermText): string {
  const due = {
    on_confirmation: "on order confirmation",
    before_shipment: "before shipment",
    at_sight: "at sight",
    after_bl: `${term.days ?? 0} days after B/L date`,
  }[term.due];
  const days = term.due !== "after_bl" && term.days ? ` (${term.days} days)` : "";
  const method = term.method === "other" ? (term.note ?? "other") : METHOD[term.method];
  const note = term.method !== "other" && term.note ? ` — ${term.note}` : "";
  return `${term.percent}% ${method} ${due}${days}${note}`;
}

export const money = (currency: string, amount: string) => `${currency} ${groupThousands(amount)}`;

function packingLines(estimate: ContainerEstimate): string[] {
  if (estimate.cartons === 0) return [];
  const { fills } = estimate;
  const lines = [
    `${estimate.cartons} cartons · ${groupThousands(estimate.cbm)} m³ · ${groupThousands(estimate.grossWeightKg)} kg gross weight`,
    `Container fill (by volume or weight): 20GP ${fills["20GP"]} · 40GP ${fills["40GP"]} · 40HQ ${fills["40HQ"]}`,
  ];
  if (estimate.linesWithoutPacking > 0) {
    lines.push(`${estimate.linesWithoutPacking} line(s) without packing data are not included.`);
  }
  return lines;
}

export function bankLines(accounts: BankAccount[], currency: string): string[] {
  const account =
    accounts.find((a) => a.currency === currency) ?? accounts.find((a) => !a.currency) ?? accounts[0];
  if (!account) return [];
  return [
    `Beneficiary: ${account.beneficiary}`,
    `Bank: ${account.bankName}`,
    ...(account.bankAddress ? [`Bank address: ${account.bankAddress}`] : []),
    `Account No.: ${account.accountNumber}${account.currency ? ` (${account.currency})` : ""}`,
    ...(account.swift ? [`SWIFT: ${account.swift}`] : []),
  ];
}

const COLUMNS: Column[] = [
  { header: "No.", width: 26 },
  { header: "Item", width: 203 },
  { header: "Qty", width: 56, align: "right" },
  { header: "Unit", width: 36 },
  { header: "Unit price", width: 70, align: "right" },
  { header: "Disc.", width: 38, align: "right" },
  { header: "Amount", width: 86.28, align: "right" },
];

function lineRow(line: Line, index: number): Cell[] {
  const item = line.sku ? `${line.sku} · ${line.description}` : line.description;
  const details = [line.descriptionZh, line.hsCode ? `HS ${line.hsCode}` : null].filter(Boolean).join("  ");
  return [
    String(index + 1),
    { text: item, sub: details || null },
    groupThousands(line.quantity),
    line.unit,
    groupThousands(line.unitPrice),
    line.discountPercent > 0 ? `${line.discountPercent}%` : "",
    groupThousands(line.lineTotal),
  ];
}

// ---- Assembling -----------------------------------------------------------------------------------

export type DocumentContext = { letterhead: Letterhead; company: CompanySettings; timeZone: string };

export async function documentContext(db: DbOrTx, workspaceId: string): Promise<DocumentContext> {
  const [company, logo, workspace] = await Promise.all([
    getCompanySettings(db, workspaceId),
    getLogo(db, workspaceId),
    workspaceContext(db, workspaceId),
  ]);
  const contact = [company.phone ? `Tel ${company.phone}` : null, company.email, company.website]
    .filter(Boolean)
    .join(" · ");
  return {
    company,
    timeZone: workspace.timeZone,
    letterhead: {
      name: company.name,
      localName: company.localName,
      addressLines: [
        ...(company.address?.split("\n") ?? []),
        ...(company.taxId ? [`Tax ID: ${company.taxId}`] : []),
      ],
      contactLine: contact || null,
      logo: logo?.data ?? null,
    },
  };
}

export async function buyerLines(
  db: DbOrTx,
  workspaceId: string,
  customerId: string,
  contactName: string | null,
) {
  const [row] = await db
    .select({
      name: customers.name,
      address: customers.address,
      city: customers.city,
      country: customers.country,
    })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  const place = [row?.city, row?.country ? countries.getName(row.country, "en") : null]
    .filter(Boolean)
    .join(", ");
  return [
    row?.name ?? "",
    ...(row?.address ? row.address.split("\n") : []),
    ...(place ? [place] : []),
    ...(contactName ? [`Attn: ${contactName}`] : []),
  ];
}

type Commercial = Pick<
  Quotation,
  | "currency"
  | "incoterm"
  | "incotermVersion"
  | "namedPlace"
  | "paymentTerms"
  | "leadTimeDays"
  | "subtotal"
  | "discountTotal"
  | "total"
  | "lines"
  | "containerEstimate"
  | "remarks"
>;

function commercialParts(document: Commercial, ctx: DocumentContext) {
  const terms: [string, string][] = [
    [`Incoterms ${document.incotermVersion}`, `${document.incoterm} ${document.namedPlace}`],
    ["Payment terms", document.paymentTerms.map(describePaymentTerm).join("; ")],
  ];
  if (document.leadTimeDays !== null) terms.push(["Lead time", `${document.leadTimeDays} days`]);
  const totals: DocumentModel["totals"] = [
    { label: "Subtotal", value: money(document.currency, document.subtotal) },
  ];
  if (Number(document.discountTotal) !== 0) {
    totals.push({ label: "Discount", value: `- ${money(document.currency, document.discountTotal)}` });
  }
  totals.push({
    label: `Total ${document.incoterm} ${document.namedPlace}`,
    value: money(document.currency, document.total),
    strong: true,
  });
  return {
    terms,
    columns: COLUMNS,
    rows: document.lines.map(lineRow),
    totals,
    tail: [
      { heading: "Packing and container estimate", lines: packingLines(document.containerEstimate) },
      { heading: "Remarks", lines: document.remarks ? document.remarks.split("\n") : [] },
      { heading: "Bank details", lines: bankLines(ctx.company.bankAccounts, document.currency) },
    ],
  };
}

export async function quotationPdf(db: DbOrTx, viewer: Viewer, id: string) {
  const quotation = await getQuotation(db, viewer, id);
  const ctx = await documentContext(db, viewer.workspaceId);
  const parts = commercialParts(quotation, ctx);
  const pdf = await renderDocument({
    title: "QUOTATION",
    letterhead: ctx.letterhead,
    party: {
      label: "To",
      lines: await buyerLines(db, viewer.workspaceId, quotation.customerId, quotation.contactName),
    },
    facts: [
      ["Quotation No.", quotation.reference],
      ["Date", todayIn(ctx.timeZone, new Date(quotation.createdAt))],
      ["Valid until", quotation.validUntil],
      ["Currency", quotation.currency],
    ],
    terms: parts.terms,
    columns: parts.columns,
    rows: parts.rows,
    totals: parts.totals,
    sections: parts.tail,
    metadata: { title: `Quotation ${quotation.reference}`, subject: quotation.customerName },
  });
  return { pdf, fileName: `${quotation.reference}.pdf` };
}

export async function orderPdf(db: DbOrTx, viewer: Viewer, id: string) {
  const order: Order = await getOrder(db, viewer, id);
  const ctx = await documentContext(db, viewer.workspaceId);
  const parts = commercialParts(order, ctx);
  const terms = [...parts.terms];
  if (order.requestedDeliveryDate) terms.push(["Requested delivery", order.requestedDeliveryDate]);
  if (order.shippingMarks) terms.push(["Shipping marks", order.shippingMarks]);
  const pdf = await renderDocument({
    title: "PROFORMA INVOICE",
    letterhead: ctx.letterhead,
    party: {
      label: "Buyer",
      lines: await buyerLines(db, viewer.workspaceId, order.customerId, order.contactName),
    },
    facts: [
      ["PI No.", order.number],
      ["Date", todayIn(ctx.timeZone, new Date(order.confirmedAt ?? order.createdAt))],
      ["Currency", order.currency],
      ["Status", order.status.replaceAll("_", " ")],
    ],
    terms,
    columns: parts.columns,
    rows: parts.rows,
    totals: parts.totals,
    sections: [
      {
        heading: "Payment schedule",
        lines: order.paymentSchedule.map(
          (instalment) =>
            `${instalment.sequence}. ${describePaymentTerm(instalment)}: ${money(instalment.currency, instalment.amount)}`,
        ),
      },
      ...parts.tail,
    ],
    signatures: ["The Buyer (signature and stamp)", `For and on behalf of ${ctx.company.name}`],
    metadata: { title: `Proforma invoice ${order.number}`, subject: order.customerName },
  });
  return { pdf, fileName: `${order.number}.pdf` };
}
