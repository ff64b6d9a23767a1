import { PassThrough, type Writable } from "node:stream";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Locale } from "../../../../shared/schemas/common";
import type { CustomerExportQuery } from "../../../../shared/schemas/imports";
import type { DbOrTx } from "../../db/client";
import { recordAudit } from "../audit/audit.service";
import { fullAccessSql, type Viewer } from "../customers/customers.policy";
import { customerListFilters, listOrder } from "../customers/customers.service";
import { type CustomerRow, contacts, customerColumns, customers } from "../customers/customers.table";
import { users } from "../users/users.table";

// An export is a file a person opens in Excel, not a backup: beyond this the view should be narrowed.
export const EXPORT_CAP = 100_000;
// Customers read per query while the file is written, so memory holds one batch, not the view.
const BATCH_SIZE = 2000;

// Headers match the import's detection, so an exported file imports again as it is.
const COLUMNS = [
  { key: "name", en: "Company name", zh: "公司名称" },
  { key: "localName", en: "Local name", zh: "本地名称" },
  { key: "country", en: "Country", zh: "国家" },
  { key: "city", en: "City", zh: "城市" },
  { key: "address", en: "Address", zh: "地址" },
  { key: "website", en: "Website", zh: "网址" },
  { key: "contact", en: "Contact", zh: "联系人" },
  { key: "title", en: "Title", zh: "职位" },
  { key: "email", en: "Email", zh: "邮箱" },
  { key: "phone", en: "Phone", zh: "电话" },
  { key: "industry", en: "Industry", zh: "行业" },
  { key: "tier", en: "Tier", zh: "等级" },
  { key: "stage", en: "Stage", zh: "阶段" },
  { key: "source", en: "Source", zh: "来源" },
  { key: "tags", en: "Tags", zh: "标签" },
  { key: "notes", en: "Notes", zh: "备注" },
  { key: "owner", en: "Owner", zh: "负责人" },
  { key: "pool", en: "Public pool", zh: "公海" },
  { key: "createdAt", en: "Created", zh: "创建时间" },
  { key: "lastFollowUpAt", en: "Last follow-up", zh: "最近跟进" },
  { key: "nextFollowUpAt", en: "Next follow-up", zh: "下次跟进" },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];
type ExportRow = Partial<Record<ColumnKey, string>>;

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection); a leading
// apostrophe makes it text.
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  const safe = safeCell(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// Numbers stay numbers in XLSX (summable, formatted by the writer's number format).
export type Cell = string | number;
export type RowWriter = { write: (cells: Cell[]) => Promise<void>; end: () => Promise<void> };

// CSV in UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as GBK.
export function csvWriter(out: Writable): RowWriter {
  out.write("\uFEFF");
  return {
    write: async (cells) => {
      if (!out.write(`${cells.map((cell) => csvField(String(cell))).join(",")}\r\n`)) {
        await new Promise<void>((resolve) => out.once("drain", resolve));
      }
    },
    end: async () => {
      out.end();
    },
  };
}

export function xlsxWriter(
  out: Writable,
  sheetName: string,
  options: { numberFormat?: string } = {},
): RowWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: options.numberFormat !== undefined,
  });
  const sheet = workbook.addWorksheet(sheetName);
  return {
    write: async (cells) => {
      const row = sheet.addRow(cells.map((cell) => (typeof cell === "number" ? cell : safeCell(cell))));
      const format = options.numberFormat;
      if (format) {
        cells.forEach((cell, index) => {
          if (typeof cell === "number") row.getCell(index + 1).numFmt = format;
        });
      }
      row.commit();
    },
    end: async () => {
      sheet.commit();
      await workbook.commit();
    },
  };
}

type PrimaryContact = { name: string; title: string | null; emails: string[]; phones: string[] };

function exportRow(
  row: CustomerRow,
  ownerName: string | null,
  fullAccess: boolean,
  contact: PrimaryContact | undefined,
  locale: Locale,
  formatTime: (date: Date | null) => string,
): ExportRow {
  // What every user may know of any customer (its card); the rest only with full access.
  const card: ExportRow = {
    name: row.name,
    country: row.country,
    tier: row.tier,
    stage: row.stage,
    owner: ownerName ?? "",
    pool: row.ownerId === null ? (locale === "zh-CN" ? "是" : "Yes") : "",
  };
  if (!fullAccess) return card;
  return {
    ...card,
    localName: row.localName ?? "",
    city: row.city ?? "",
    address: row.address ?? "",
    website: row.website ?? "",
    contact: contact?.name ?? "",
    title: contact?.title ?? "",
    email: contact?.emails.join("; ") ?? "",
    phone: [...(contact?.phones ?? []), ...row.phones].join("; "),
    industry: row.industry ?? "",
    source: row.source ?? "",
    tags: row.tags.join(", "),
    notes: row.notes ?? "",
    createdAt: formatTime(row.createdAt),
    lastFollowUpAt: formatTime(row.lastFollowUpAt),
    nextFollowUpAt: formatTime(row.nextFollowUpAt),
  };
}

async function primaryContacts(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, PrimaryContact>();
  const rows = await db
    .selectDistinctOn([contacts.customerId], {
      customerId: contacts.customerId,
      name: contacts.name,
      title: contacts.title,
      emails: contacts.emails,
      phones: contacts.phones,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.customerId, ids)))
    .orderBy(contacts.customerId, desc(contacts.isPrimary), asc(contacts.createdAt));
  return new Map(rows.map(({ customerId, ...contact }) => [customerId, contact]));
}

export type CustomerExport = {
  stream: PassThrough;
  fileName: string;
  contentType: string;
  truncated: boolean;
};

// The current list view as a file: the same filters, visibility and order as GET /api/customers.
// A customer the viewer may see only as a card exports only its card's fields.
export async function exportCustomers(
  db: DbOrTx,
  viewer: Viewer,
  query: CustomerExportQuery,
  onError: (error: unknown) => void,
): Promise<CustomerExport> {
  const where = await customerListFilters(db, viewer, query);
  // Ids first, in the list's order (as seen on screen): the rows are then read in batches without re-running the sorted query.
  const listed = await db
    .select({ id: customers.id, fullAccess: fullAccessSql(viewer).mapWith(Boolean) })
    .from(customers)
    .where(where)
    .orderBy(...listOrder(query.sort))
    .limit(EXPORT_CAP + 1);
  const truncated = listed.length > EXPORT_CAP;
  const entries = listed.slice(0, EXPORT_CAP);
  const { page: _page, pageSize: _pageSize, format, ...filters } = query;
  await recordAudit(db, viewer, {
    action: "customers.exported",
    entityType: "customer",
    changes: { format, filters, rows: entries.length, truncated },
  });

  const locale = viewer.locale;
  const timeFormat = new Intl.DateTimeFormat("sv-SE", {
    timeZone: viewer.timeZone,
    dateStyle: "short",
    timeStyle: "short",
  });
  const formatTime = (date: Date | null) => (date ? timeFormat.format(date) : "");
  const stream = new PassThrough();
  const writer = format === "csv" ? csvWriter(stream) : xlsxWriter(stream, "Customers");

  const produce = async () => {
    await writer.write(COLUMNS.map((column) => (locale === "zh-CN" ? column.zh : column.en)));
    for (let start = 0; start < entries.length; start += BATCH_SIZE) {
      const batch = entries.slice(start, start + BATCH_SIZE);
      const ids = batch.map((entry) => entry.id);
      const rows = await db
        .select({ customer: customerColumns, ownerName: users.name })
        .from(customers)
        .leftJoin(users, and(eq(users.workspaceId, customers.workspaceId), eq(users.id, customers.ownerId)))
        .where(and(eq(customers.workspaceId, viewer.workspaceId), inArray(customers.id, ids)));
      const byId = new Map(rows.map((row) => [row.customer.id, row]));
      const fullIds = batch.filter((entry) => entry.fullAccess).map((entry) => entry.id);
      const contactsById = await primaryContacts(db, viewer.workspaceId, fullIds);
      for (const entry of batch) {
        const found = byId.get(entry.id);
        // Deleted since the ids were read: left out rather than written half.
        if (!found) continue;
        const values = exportRow(
          found.customer,
          found.ownerName,
          entry.fullAccess,
          contactsById.get(entry.id),
          locale,
          formatTime,
        );
        await writer.write(COLUMNS.map((column) => values[column.key] ?? ""));
      }
    }
    await writer.end();
  };
  produce().catch((error: unknown) => {
    onError(error);
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
  });

  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return {
    stream,
    fileName: `customers-${stamp}.${format}`,
    contentType:
      format === "csv"
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    truncated,
  };
}
