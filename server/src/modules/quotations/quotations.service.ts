import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  type CreateQuotationInput,
  INCOTERMS_VERSION,
  type Quotation,
  type QuotationListQuery,
  type QuotationStatus,
  type QuotationSummary,
  type ReviseQuotationInput,
  type UpdateQuotationInput,
} from "../../../../shared/schemas/quotations";
import type { Db, DbOrTx } from "../../db/client";
import { conflict, fieldError, notFound } from "../../lib/app-error";
import { isoOrNull } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { type AuditInput, recordAudit, recordAuditMany } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { notify } from "../notifications/notifications.service";
import { nextNumber } from "../numbering/numbering.service";
import { users } from "../users/users.table";
import { workspaces } from "../workspaces/workspaces.table";
import {
  commercialOutput,
  contactNameOf,
  type LineRow,
  lineInputsOf,
  lineValues,
  marginOf,
  type PricedDocument,
  priceDocument,
  resolveParties,
  todayIn,
  toLine,
  totalsValues,
  userNames,
  workspaceContext,
} from "./commercial";
import { canSeeCost, quotationsScope } from "./quotations.policy";
import { quotationLines, quotations } from "./quotations.table";
import { diffRevisions } from "./revisions";

export type QuotationRow = typeof quotations.$inferSelect;

// The printed reference: the number alone for the first revision, then QT-2026-0007-R2, -R3 …
export function referenceOf(row: Pick<QuotationRow, "number" | "revision">): string {
  return row.revision > 1 ? `${row.number}-R${row.revision}` : row.number;
}

export async function findQuotationRow(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  options: { lock?: boolean } = {},
): Promise<QuotationRow> {
  const query = db
    .select()
    .from(quotations)
    .where(quotationsScope(viewer, eq(quotations.id, id)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound("Quotation");
  return row;
}

export async function loadQuotationLines(
  db: DbOrTx,
  workspaceId: string,
  quotationId: string,
): Promise<LineRow[]> {
  const rows = await db
    .select()
    .from(quotationLines)
    .where(and(eq(quotationLines.workspaceId, workspaceId), eq(quotationLines.quotationId, quotationId)))
    .orderBy(asc(quotationLines.position));
  return rows.map(({ quotationId: _quotationId, ...line }) => line);
}

function toSummary(
  row: QuotationRow,
  names: { customerName: string; ownerName: string | null },
): QuotationSummary {
  return {
    id: row.id,
    number: row.number,
    revision: row.revision,
    reference: referenceOf(row),
    status: row.status,
    statusReason: row.statusReason,
    validUntil: row.validUntil,
    latest: row.supersededById === null,
    previousRevisionId: row.previousRevisionId,
    supersededById: row.supersededById,
    orderId: row.orderId,
    sentAt: isoOrNull(row.sentAt),
    decidedAt: isoOrNull(row.decidedAt),
    ...commercialOutput(row, names),
  };
}

const headerOf = (row: QuotationRow) => ({
  contactName: row.contactName,
  currency: row.currency,
  incoterm: row.incoterm,
  namedPlace: row.namedPlace,
  paymentTerms: row.paymentTerms,
  validUntil: row.validUntil,
  leadTimeDays: row.leadTimeDays,
  remarks: row.remarks,
  total: formatMoney(row.total, row.currency),
});

async function customerNameOf(db: DbOrTx, workspaceId: string, customerId: string): Promise<string> {
  const [row] = await db
    .select({ name: customers.name })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  return row?.name ?? "";
}

export async function getQuotation(db: DbOrTx, viewer: Viewer, id: string): Promise<Quotation> {
  const row = await findQuotationRow(db, viewer, id);
  const [lines, customerName, owners, workspace] = await Promise.all([
    loadQuotationLines(db, viewer.workspaceId, id),
    customerNameOf(db, viewer.workspaceId, row.customerId),
    userNames(db, viewer.workspaceId, [row.ownerId]),
    workspaceContext(db, viewer.workspaceId),
  ]);
  const showCost = canSeeCost(viewer);
  const detailLines = lines.map((line) => toLine(line, row.currency, showCost));
  let changes: Quotation["changes"] = null;
  if (row.previousRevisionId) {
    const [previous] = await db
      .select()
      .from(quotations)
      .where(and(eq(quotations.workspaceId, viewer.workspaceId), eq(quotations.id, row.previousRevisionId)));
    if (previous) {
      const previousLines = await loadQuotationLines(db, viewer.workspaceId, previous.id);
      changes = diffRevisions(
        previous,
        {
          header: headerOf(previous),
          lines: previousLines.map((line) => toLine(line, previous.currency, false)),
        },
        { header: headerOf(row), lines: detailLines },
      );
    }
  }
  return {
    ...toSummary(row, { customerName, ownerName: owners.get(row.ownerId) ?? null }),
    ...(showCost ? { margin: marginOf(lines, row.total, row.currency, workspace.currency) } : {}),
    lines: detailLines,
    changes,
  };
}

export async function listQuotations(
  db: DbOrTx,
  viewer: Viewer,
  query: QuotationListQuery,
): Promise<{ items: QuotationSummary[]; total: number; page: number; pageSize: number }> {
  const where = quotationsScope(
    viewer,
    query.customerId ? eq(quotations.customerId, query.customerId) : undefined,
    query.status ? eq(quotations.status, query.status) : undefined,
    query.ownerId ? eq(quotations.ownerId, query.ownerId) : undefined,
    query.allRevisions === "true" ? undefined : isNull(quotations.supersededById),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({ quotation: quotations, customerName: customers.name, ownerName: users.name })
      .from(quotations)
      .innerJoin(
        customers,
        and(eq(customers.workspaceId, quotations.workspaceId), eq(customers.id, quotations.customerId)),
      )
      .leftJoin(users, and(eq(users.workspaceId, quotations.workspaceId), eq(users.id, quotations.ownerId)))
      .where(where)
      .orderBy(desc(quotations.updatedAt), desc(quotations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ count: sql<number>`count(*)::int` }).from(quotations).where(where),
  ]);
  return {
    items: rows.map((row) => toSummary(row.quotation, row)),
    total: count?.count ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function assertNotPast(validUntil: string, today: string): void {
  if (validUntil < today) throw fieldError("validUntil", `must be today (${today}) or later`);
}

async function numberTaken(tx: DbOrTx, workspaceId: string, number: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: quotations.id })
    .from(quotations)
    .where(and(eq(quotations.workspaceId, workspaceId), eq(quotations.number, number)))
    .limit(1);
  return row !== undefined;
}

async function insertLines(tx: DbOrTx, workspaceId: string, quotationId: string, priced: PricedDocument) {
  await tx
    .insert(quotationLines)
    .values(lineValues(workspaceId, priced.lines).map((line) => ({ ...line, quotationId })));
}

export async function createQuotation(
  db: Db,
  viewer: Viewer,
  input: CreateQuotationInput,
  now = new Date(),
): Promise<Quotation> {
  const { customer, contactName } = await resolveParties(db, viewer, input.customerId, input.contactId);
  const workspace = await workspaceContext(db, viewer.workspaceId);
  assertNotPast(input.validUntil, todayIn(workspace.timeZone, now));
  const priced = await priceDocument(db, viewer.workspaceId, input.currency, input.lines);
  const id = await db.transaction(async (tx) => {
    const number = await nextNumber(
      tx,
      viewer.workspaceId,
      "quotation",
      (candidate) => numberTaken(tx, viewer.workspaceId, candidate),
      now,
    );
    const [row] = await tx
      .insert(quotations)
      .values({
        workspaceId: viewer.workspaceId,
        number,
        customerId: customer.id,
        contactId: input.contactId ?? null,
        contactName,
        // The customer's owner owns its quotations; an admin quoting a pool customer owns it.
        ownerId: customer.ownerId ?? viewer.userId,
        createdBy: viewer.userId,
        currency: input.currency,
        incoterm: input.incoterm,
        incotermVersion: INCOTERMS_VERSION,
        namedPlace: input.namedPlace,
        paymentTerms: input.paymentTerms,
        leadTimeDays: input.leadTimeDays ?? null,
        remarks: input.remarks ?? null,
        validUntil: input.validUntil,
        ...totalsValues(priced),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: quotations.id });
    if (!row) throw new Error("insert returned no quotation");
    await insertLines(tx, viewer.workspaceId, row.id, priced);
    await recordAudit(tx, viewer, {
      action: "quotation.created",
      entityType: "quotation",
      entityId: row.id,
      changes: { number, customerId: customer.id, currency: input.currency, total: priced.total.toFixed() },
    });
    return row.id;
  });
  return getQuotation(db, viewer, id);
}

function assertLatest(row: QuotationRow): void {
  if (row.supersededById) {
    throw conflict(`${referenceOf(row)} was replaced by a newer revision; work on the latest one`, {
      reason: "superseded",
      latestId: row.supersededById,
    });
  }
}

// Field edits (not status, not lines) as column values; the contact is checked against the customer.
async function editedHeader(tx: DbOrTx, row: QuotationRow, edits: ReviseQuotationInput) {
  const { lines: _lines, contactId, ...fields } = edits;
  const values: Partial<typeof quotations.$inferInsert> = Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  );
  if (contactId !== undefined) {
    values.contactId = contactId;
    values.contactName = await contactNameOf(tx, row.workspaceId, row.customerId, contactId);
  }
  return values;
}

const TRANSITIONS: Record<QuotationStatus, QuotationStatus[]> = {
  draft: ["sent"],
  sent: ["accepted", "rejected"],
  accepted: [],
  rejected: [],
  expired: [],
};

function transition(
  row: QuotationRow,
  to: "sent" | "accepted" | "rejected",
  reason: string | undefined,
  validUntil: string,
  today: string,
  now: Date,
): Partial<typeof quotations.$inferInsert> {
  if (!TRANSITIONS[row.status].includes(to)) {
    const hint =
      row.status === "draft"
        ? " Send it first."
        : row.status === "accepted"
          ? " Convert it into an order."
          : " Revise it.";
    throw conflict(`A ${row.status} quotation cannot become ${to}.${hint}`, { reason: "invalid_transition" });
  }
  if (to === "sent") {
    if (validUntil < today)
      throw fieldError("validUntil", `passed on ${validUntil}; set a new date before sending`);
    return { status: to, sentAt: now };
  }
  if (to === "accepted" && validUntil < today) {
    throw conflict(`This quotation expired on ${validUntil}; revise it with a new validity date`, {
      reason: "expired",
    });
  }
  return { status: to, decidedAt: now, statusReason: reason ?? null };
}

// A customer who got a quotation is at least "quoted" (earlier stages move up, later ones stay).
async function markCustomerQuoted(tx: DbOrTx, viewer: Viewer, customerId: string, now: Date) {
  const moved = await tx
    .update(customers)
    .set({ stage: "quoted", updatedAt: now })
    .where(
      and(
        eq(customers.workspaceId, viewer.workspaceId),
        eq(customers.id, customerId),
        sql`${customers.stage} in ('new', 'contacted')`,
      ),
    )
    .returning({ id: customers.id });
  if (moved.length > 0) {
    await recordAudit(tx, viewer, {
      action: "customer.updated",
      entityType: "customer",
      entityId: customerId,
      changes: { stage: { to: "quoted" }, via: "quotation_sent" },
    });
  }
}

export async function updateQuotation(
  db: Db,
  viewer: Viewer,
  id: string,
  input: UpdateQuotationInput,
  now = new Date(),
): Promise<Quotation> {
  const { status, statusReason, ...edits } = input;
  const workspace = await workspaceContext(db, viewer.workspaceId);
  const today = todayIn(workspace.timeZone, now);
  await db.transaction(async (tx) => {
    const row = await findQuotationRow(tx, viewer, id, { lock: true });
    assertLatest(row);
    const values: Partial<typeof quotations.$inferInsert> = {};
    const audit: AuditInput[] = [];
    if (Object.keys(edits).length > 0) {
      if (row.status !== "draft") {
        throw conflict(`Only a draft can be edited; this quotation is ${row.status}. Revise it instead.`, {
          reason: "not_draft",
        });
      }
      if (edits.validUntil) assertNotPast(edits.validUntil, today);
      Object.assign(values, await editedHeader(tx, row, edits));
      if (edits.lines || (edits.currency && edits.currency !== row.currency)) {
        const lines = edits.lines ?? lineInputsOf(await loadQuotationLines(tx, viewer.workspaceId, id));
        const priced = await priceDocument(tx, viewer.workspaceId, edits.currency ?? row.currency, lines);
        Object.assign(values, totalsValues(priced));
        await tx
          .delete(quotationLines)
          .where(and(eq(quotationLines.workspaceId, viewer.workspaceId), eq(quotationLines.quotationId, id)));
        await insertLines(tx, viewer.workspaceId, id, priced);
      }
      audit.push({
        action: "quotation.updated",
        entityType: "quotation",
        entityId: id,
        changes: { fields: Object.keys(edits) },
      });
    }
    if (status && status !== row.status) {
      Object.assign(
        values,
        transition(row, status, statusReason, edits.validUntil ?? row.validUntil, today, now),
      );
      if (status === "sent") await markCustomerQuoted(tx, viewer, row.customerId, now);
      audit.push({
        action: "quotation.status_changed",
        entityType: "quotation",
        entityId: id,
        changes: { from: row.status, to: status, reason: statusReason ?? null },
      });
    }
    if (audit.length === 0) return;
    await tx
      .update(quotations)
      .set({ ...values, updatedAt: now })
      .where(quotationsScope(viewer, eq(quotations.id, id)));
    await recordAuditMany(tx, viewer, audit);
  });
  return getQuotation(db, viewer, id);
}

// A new revision: same number, revision + 1, a draft again, with the edits applied and the lines
// priced anew. The previous revision stays readable and points to its successor.
export async function reviseQuotation(
  db: Db,
  viewer: Viewer,
  id: string,
  input: ReviseQuotationInput,
  now = new Date(),
): Promise<Quotation> {
  const workspace = await workspaceContext(db, viewer.workspaceId);
  const today = todayIn(workspace.timeZone, now);
  const newId = await db.transaction(async (tx) => {
    const row = await findQuotationRow(tx, viewer, id, { lock: true });
    assertLatest(row);
    if (row.status === "draft") {
      throw conflict("This quotation is still a draft: edit it instead of revising it", { reason: "draft" });
    }
    if (row.status === "accepted") {
      throw conflict(
        "An accepted quotation is not revised: convert it into an order, or make a new quotation",
        {
          reason: "accepted",
        },
      );
    }
    const validUntil = input.validUntil ?? row.validUntil;
    if (validUntil < today) {
      throw fieldError("validUntil", `passed on ${validUntil}; give the new revision a date from ${today}`);
    }
    const lines = input.lines ?? lineInputsOf(await loadQuotationLines(tx, viewer.workspaceId, id));
    const priced = await priceDocument(tx, viewer.workspaceId, input.currency ?? row.currency, lines);
    const {
      id: _id,
      revision,
      status: _status,
      statusReason: _reason,
      sentAt: _sent,
      decidedAt: _decided,
      supersededById: _superseded,
      orderId: _order,
      ...kept
    } = row;
    const [created] = await tx
      .insert(quotations)
      .values({
        ...kept,
        ...(await editedHeader(tx, row, input)),
        ...totalsValues(priced),
        revision: revision + 1,
        previousRevisionId: row.id,
        createdBy: viewer.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: quotations.id });
    if (!created) throw new Error("insert returned no quotation");
    await insertLines(tx, viewer.workspaceId, created.id, priced);
    await tx
      .update(quotations)
      .set({ supersededById: created.id, updatedAt: now })
      .where(quotationsScope(viewer, eq(quotations.id, id)));
    await recordAudit(tx, viewer, {
      action: "quotation.revised",
      entityType: "quotation",
      entityId: created.id,
      changes: { from: row.id, revision: revision + 1, fields: Object.keys(input) },
    });
    return created.id;
  });
  return getQuotation(db, viewer, newId);
}

// Sent quotations whose validity date has passed in the workspace's time zone become expired (the
// date itself is still valid). Run by the periodic task; drafts never expire, they are re-dated.
export async function expireQuotations(db: Db, now = new Date()): Promise<{ expired: number }> {
  const localToday = sql`(${now.toISOString()}::timestamptz at time zone (select ${workspaces.timeZone} from ${workspaces} where ${workspaces.id} = ${quotations.workspaceId}))::date`;
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(quotations)
      .set({ status: "expired", updatedAt: now })
      .where(
        and(
          eq(quotations.status, "sent"),
          isNull(quotations.supersededById),
          sql`${quotations.validUntil} < ${localToday}`,
        ),
      )
      .returning();
    for (const row of expired) {
      await recordAudit(
        tx,
        { workspaceId: row.workspaceId, userId: null },
        {
          action: "quotation.expired",
          entityType: "quotation",
          entityId: row.id,
          changes: { validUntil: row.validUntil },
        },
      );
    }
    await notify(
      tx,
      expired.map((row) => ({
        workspaceId: row.workspaceId,
        userId: row.ownerId,
        type: "quotation_expired" as const,
        title: `Quotation ${referenceOf(row)} expired`,
        body: `It was valid until ${row.validUntil}. Revise it with a new date if the customer is still interested.`,
        entityType: "quotation",
        entityId: row.id,
      })),
    );
    return { expired: expired.length };
  });
}

export type DealMove = { customerIds: string[]; fromUserId: string; toUserId: string };

// A leaving rep's quotations still in play (draft or sent, latest revision) follow the customers
// handed over, so the buyer's answer reaches someone who still works here.
export async function handOverOpenQuotations(tx: DbOrTx, viewer: Viewer, moves: DealMove[]): Promise<number> {
  let count = 0;
  for (const move of moves) {
    if (move.customerIds.length === 0) continue;
    const moved = await tx
      .update(quotations)
      .set({ ownerId: move.toUserId, updatedAt: new Date() })
      .where(
        and(
          eq(quotations.workspaceId, viewer.workspaceId),
          eq(quotations.ownerId, move.fromUserId),
          inArray(quotations.customerId, move.customerIds),
          inArray(quotations.status, ["draft", "sent"]),
          isNull(quotations.supersededById),
        ),
      )
      .returning({ id: quotations.id });
    count += moved.length;
    await recordAuditMany(
      tx,
      viewer,
      moved.map((quotation) => ({
        action: "quotation.transferred",
        entityType: "quotation",
        entityId: quotation.id,
        changes: { ownerId: { from: move.fromUserId, to: move.toUserId }, reason: "customer handed over" },
      })),
    );
  }
  return count;
}
