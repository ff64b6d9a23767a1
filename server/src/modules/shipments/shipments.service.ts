import { and, asc, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { OrderStatus } from "../../../../shared/schemas/orders";
import {
  type CreateShipmentInput,
  SHIPMENT_DETAILS,
  type Shipment,
  type ShipmentStatus,
  type ShipmentStatusInput,
  type UpdateShipmentInput,
} from "../../../../shared/schemas/shipments";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { AppError, conflict, fieldError, notFound } from "../../lib/app-error";
import { iso, isoOrNull } from "../../lib/dates";
import { type Dec, formatDecimal, toDec } from "../../lib/money";
import { type DepartureHold, holdDeparture } from "../approvals/approvals.service";
import { recordAudit } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { deductStock } from "../inventory/stock.service";
import { publish } from "../notifications/events.service";
import { notify } from "../notifications/notifications.service";
import { ordersScope } from "../orders/orders.policy";
import { findOrderRow, type OrderRow, orderWatcherIds, recordEvent } from "../orders/orders.service";
import { orderLines, orders } from "../orders/orders.table";
import { shipmentLines, shipments } from "./shipments.table";

type ShipmentRow = typeof shipments.$inferSelect;

// A shipment is visible exactly when its order is.
function shipmentsScope(viewer: Viewer, ...filters: (SQL | undefined)[]) {
  return ordersScope(viewer, ...filters);
}

const FLOW: ShipmentStatus[] = ["planned", "booked", "loaded", "departed", "arrived", "delivered"];
const stepOf = (status: ShipmentStatus) => FLOW.indexOf(status);
const DEPARTED = stepOf("departed");
// Orders that may still ship goods; shipping before "ready to ship" is allowed (partial early lots).
const SHIPPABLE: OrderStatus[] = ["confirmed", "in_production", "ready_to_ship", "partially_shipped"];

async function selectShipments(db: DbOrTx, viewer: Viewer, ...filters: (SQL | undefined)[]) {
  return db
    .select({
      shipment: shipments,
      orderNumber: orders.number,
      customerId: orders.customerId,
      customerName: customers.name,
    })
    .from(shipments)
    .innerJoin(orders, and(eq(orders.workspaceId, shipments.workspaceId), eq(orders.id, shipments.orderId)))
    .innerJoin(
      customers,
      and(eq(customers.workspaceId, orders.workspaceId), eq(customers.id, orders.customerId)),
    )
    .where(shipmentsScope(viewer, eq(shipments.workspaceId, viewer.workspaceId), ...filters))
    .orderBy(desc(shipments.createdAt), desc(shipments.id));
}

async function toShipments(
  db: DbOrTx,
  workspaceId: string,
  rows: Awaited<ReturnType<typeof selectShipments>>,
): Promise<Shipment[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .select({ line: shipmentLines, orderLine: orderLines })
    .from(shipmentLines)
    .innerJoin(
      orderLines,
      and(
        eq(orderLines.workspaceId, shipmentLines.workspaceId),
        eq(orderLines.id, shipmentLines.orderLineId),
      ),
    )
    .where(
      and(
        eq(shipmentLines.workspaceId, workspaceId),
        inArray(
          shipmentLines.shipmentId,
          rows.map((row) => row.shipment.id),
        ),
      ),
    )
    .orderBy(asc(shipmentLines.position));
  return rows.map(({ shipment, orderNumber, customerId, customerName }) => {
    const { workspaceId: _ws, createdBy: _by, ...fields } = shipment;
    return {
      ...fields,
      orderNumber,
      customerId,
      customerName,
      departedAt: isoOrNull(shipment.departedAt),
      arrivedAt: isoOrNull(shipment.arrivedAt),
      deliveredAt: isoOrNull(shipment.deliveredAt),
      cancelledAt: isoOrNull(shipment.cancelledAt),
      createdAt: iso(shipment.createdAt),
      updatedAt: iso(shipment.updatedAt),
      lines: lines
        .filter(({ line }) => line.shipmentId === shipment.id)
        .map(({ line, orderLine }) => ({
          id: line.id,
          orderLineId: line.orderLineId,
          sku: orderLine.sku,
          description: orderLine.description,
          unit: orderLine.unit,
          quantity: formatDecimal(line.quantity),
          cartons: line.cartons,
        })),
    };
  });
}

export async function listShipments(
  db: DbOrTx,
  viewer: Viewer,
  query: { status?: ShipmentStatus | undefined; orderId?: string | undefined },
) {
  const rows = await selectShipments(
    db,
    viewer,
    query.status ? eq(shipments.status, query.status) : undefined,
    query.orderId ? eq(shipments.orderId, query.orderId) : undefined,
  );
  return { items: await toShipments(db, viewer.workspaceId, rows), total: rows.length };
}

export async function getShipment(db: DbOrTx, viewer: Viewer, id: string): Promise<Shipment> {
  const rows = await selectShipments(db, viewer, eq(shipments.id, id));
  const [shipment] = await toShipments(db, viewer.workspaceId, rows);
  if (!shipment) throw notFound("Shipment");
  return shipment;
}

// The shipment and its order, both locked: the order first, as everywhere that changes an order.
async function lockShipment(tx: Tx, viewer: Viewer, id: string) {
  const [found] = await tx
    .select({ orderId: shipments.orderId })
    .from(shipments)
    .innerJoin(orders, and(eq(orders.workspaceId, shipments.workspaceId), eq(orders.id, shipments.orderId)))
    .where(shipmentsScope(viewer, eq(shipments.workspaceId, viewer.workspaceId), eq(shipments.id, id)));
  if (!found) throw notFound("Shipment");
  const order = await findOrderRow(tx, viewer, found.orderId, { lock: true });
  const [row] = await tx
    .select()
    .from(shipments)
    .where(and(eq(shipments.workspaceId, viewer.workspaceId), eq(shipments.id, id)))
    .for("update");
  if (!row) throw notFound("Shipment");
  return { order, row };
}

// Quantity of each order line in shipments that are not cancelled (departed ones only if asked).
export async function shippedQuantities(
  tx: DbOrTx,
  workspaceId: string,
  orderId: string,
  departedOnly: boolean,
): Promise<Map<string, Dec>> {
  const rows = await tx
    .select({ orderLineId: shipmentLines.orderLineId, quantity: sql<string>`sum(${shipmentLines.quantity})` })
    .from(shipmentLines)
    .innerJoin(
      shipments,
      and(eq(shipments.workspaceId, shipmentLines.workspaceId), eq(shipments.id, shipmentLines.shipmentId)),
    )
    .where(
      and(
        eq(shipments.workspaceId, workspaceId),
        eq(shipments.orderId, orderId),
        ne(shipments.status, "cancelled"),
        departedOnly ? inArray(shipments.status, FLOW.slice(DEPARTED)) : undefined,
      ),
    )
    .groupBy(shipmentLines.orderLineId);
  return new Map(rows.map((row) => [row.orderLineId, toDec(row.quantity)]));
}

const detailValues = (input: Partial<Record<(typeof SHIPMENT_DETAILS)[number], string | null | undefined>>) =>
  Object.fromEntries(
    SHIPMENT_DETAILS.flatMap((key) => (input[key] === undefined ? [] : [[key, input[key]]])),
  );

export async function createShipment(
  db: Db,
  viewer: Viewer,
  orderId: string,
  input: CreateShipmentInput,
  now = new Date(),
): Promise<Shipment> {
  const id = await db.transaction(async (tx) => {
    const order = await findOrderRow(tx, viewer, orderId, { lock: true });
    if (!SHIPPABLE.includes(order.status)) {
      throw conflict(`A ${order.status} order cannot ship; it must be confirmed and not fully shipped`, {
        reason: "not_shippable",
      });
    }
    const lines = await tx
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.workspaceId, viewer.workspaceId), eq(orderLines.orderId, orderId)));
    const planned = await shippedQuantities(tx, viewer.workspaceId, orderId, false);
    const seen = new Set<string>();
    input.lines.forEach((item, index) => {
      const line = lines.find((candidate) => candidate.id === item.orderLineId);
      if (!line) throw fieldError(`lines.${index}.orderLineId`, "is not a line of this order");
      if (seen.has(item.orderLineId)) throw fieldError(`lines.${index}.orderLineId`, "is listed twice");
      seen.add(item.orderLineId);
      const left = toDec(line.quantity).minus(planned.get(line.id) ?? 0);
      if (toDec(item.quantity).gt(left)) {
        throw fieldError(
          `lines.${index}.quantity`,
          `only ${formatDecimal(left)} ${line.unit} of ${line.sku ?? line.description} are left to ship`,
        );
      }
    });
    const [count] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(shipments)
      .where(and(eq(shipments.workspaceId, viewer.workspaceId), eq(shipments.orderId, orderId)));
    // Numbered after the order (PI-2026-0007-S2): the order row lock keeps the suffix unique.
    const number = `${order.number}-S${(count?.count ?? 0) + 1}`;
    const [row] = await tx
      .insert(shipments)
      .values({
        workspaceId: viewer.workspaceId,
        number,
        orderId,
        mode: input.mode,
        ...detailValues(input),
        createdBy: viewer.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: shipments.id });
    if (!row) throw new Error("shipment insert returned nothing");
    await tx.insert(shipmentLines).values(
      input.lines.map((item, position) => ({
        workspaceId: viewer.workspaceId,
        shipmentId: row.id,
        orderLineId: item.orderLineId,
        position,
        quantity: toDec(item.quantity).toFixed(),
        cartons: item.cartons ?? null,
      })),
    );
    await recordAudit(tx, viewer, {
      action: "shipment.created",
      entityType: "shipment",
      entityId: row.id,
      changes: { number, orderId, lines: input.lines },
    });
    await publishToFollowers(tx, viewer, order, await orderFollowers(tx, viewer, order), {
      action: "shipment_planned",
      shipmentId: row.id,
    });
    return row.id;
  });
  return getShipment(db, viewer, id);
}

export async function updateShipment(
  db: Db,
  viewer: Viewer,
  id: string,
  input: UpdateShipmentInput,
  now = new Date(),
): Promise<Shipment> {
  await db.transaction(async (tx) => {
    const { row } = await lockShipment(tx, viewer, id);
    if (row.status === "cancelled") throw conflict("A cancelled shipment cannot be edited");
    const values = { ...detailValues(input), ...(input.mode ? { mode: input.mode } : {}) };
    const changes = Object.fromEntries(
      Object.entries(values)
        .filter(([key, value]) => row[key as keyof ShipmentRow] !== value)
        .map(([key, value]) => [key, { from: row[key as keyof ShipmentRow] ?? null, to: value }]),
    );
    if (Object.keys(changes).length === 0) return;
    await tx
      .update(shipments)
      .set({ ...values, updatedAt: now })
      .where(and(eq(shipments.workspaceId, viewer.workspaceId), eq(shipments.id, id)));
    await recordAudit(tx, viewer, {
      action: "shipment.updated",
      entityType: "shipment",
      entityId: id,
      changes,
    });
  });
  return getShipment(db, viewer, id);
}

// The order's owner and the colleagues following it.
async function orderFollowers(tx: Tx, viewer: Viewer, order: OrderRow): Promise<string[]> {
  return [...new Set([order.ownerId, ...(await orderWatcherIds(tx, viewer.workspaceId, order.id))])];
}

// Addressed to each follower: their open order page listens for it and reloads its shipments.
function publishToFollowers(
  tx: Tx,
  viewer: Viewer,
  order: OrderRow,
  followers: string[],
  payload: Record<string, unknown>,
) {
  return publish(
    tx,
    followers.map((userId) => ({
      workspaceId: viewer.workspaceId,
      userId,
      type: "timeline" as const,
      entityType: "order",
      entityId: order.id,
      payload,
    })),
  );
}

// Departure takes the goods out of stock (once per shipment) and moves the order to partially
// shipped or shipped, by what has left across all its departed shipments.
async function depart(tx: Tx, viewer: Viewer, order: OrderRow, row: ShipmentRow, now: Date) {
  const lines = await tx
    .select({ productId: orderLines.productId, quantity: shipmentLines.quantity })
    .from(shipmentLines)
    .innerJoin(
      orderLines,
      and(
        eq(orderLines.workspaceId, shipmentLines.workspaceId),
        eq(orderLines.id, shipmentLines.orderLineId),
      ),
    )
    .where(and(eq(shipmentLines.workspaceId, viewer.workspaceId), eq(shipmentLines.shipmentId, row.id)));
  const stockLines = lines.flatMap((line) =>
    line.productId ? [{ productId: line.productId, quantity: line.quantity }] : [],
  );
  if (stockLines.length > 0) {
    await deductStock(tx, viewer.workspaceId, stockLines, {
      orderId: order.id,
      shipmentId: row.id,
      actorId: viewer.userId,
      reason: `Shipment ${row.number} departed`,
    });
  }
  if (!SHIPPABLE.includes(order.status)) return;
  const orderLineRows = await tx
    .select({ id: orderLines.id, quantity: orderLines.quantity })
    .from(orderLines)
    .where(and(eq(orderLines.workspaceId, viewer.workspaceId), eq(orderLines.orderId, order.id)));
  const departed = await shippedQuantities(tx, viewer.workspaceId, order.id, true);
  const complete = orderLineRows.every((line) => (departed.get(line.id) ?? toDec(0)).gte(line.quantity));
  const status: OrderStatus = complete ? "shipped" : "partially_shipped";
  if (status === order.status) return;
  await tx
    .update(orders)
    .set({ status, updatedAt: now })
    .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, order.id)));
  await recordEvent(
    tx,
    viewer,
    order.id,
    {
      kind: "status_changed",
      fromStatus: order.status,
      toStatus: status,
      data: { shipmentId: row.id, shipmentNumber: row.number },
    },
    now,
  );
}

export async function changeShipmentStatus(
  db: Db,
  viewer: Viewer,
  id: string,
  input: ShipmentStatusInput,
  now = new Date(),
): Promise<Shipment> {
  const at = input.at ? new Date(input.at) : now;
  const hold = await db.transaction(async (tx): Promise<DepartureHold | null> => {
    const { order, row } = await lockShipment(tx, viewer, id);
    if (row.status === input.status) return null;
    if (row.status === "cancelled" || row.status === "delivered") {
      throw conflict(`A ${row.status} shipment cannot change status`, { reason: "invalid_transition" });
    }
    const from = stepOf(row.status);
    if (input.status === "cancelled") {
      if (from >= DEPARTED) {
        throw conflict("A shipment that has departed cannot be cancelled", { reason: "invalid_transition" });
      }
    } else if (stepOf(input.status) < from) {
      throw conflict(`A ${row.status} shipment cannot go back to ${input.status}`, {
        reason: "invalid_transition",
      });
    }
    const to = stepOf(input.status);
    const crossesDeparture = from < DEPARTED && to >= DEPARTED;
    if (crossesDeparture) {
      // Committed with the request it files, so the hold shows in the approval inbox.
      const held = await holdDeparture(tx, viewer, order, row, now);
      if (held) return held;
    }
    const values: Partial<typeof shipments.$inferInsert> = {
      status: input.status,
      updatedAt: now,
      ...(input.blNumber ? { blNumber: input.blNumber } : {}),
      ...(input.blDate ? { blDate: input.blDate } : {}),
      ...(input.status === "cancelled" ? { cancelledAt: at } : {}),
      ...(crossesDeparture ? { departedAt: at } : {}),
      ...(input.status === "arrived" ? { arrivedAt: at } : {}),
      ...(input.status === "delivered" ? { deliveredAt: at, arrivedAt: row.arrivedAt ?? at } : {}),
    };
    await tx
      .update(shipments)
      .set(values)
      .where(and(eq(shipments.workspaceId, viewer.workspaceId), eq(shipments.id, id)));
    if (crossesDeparture) await depart(tx, viewer, order, row, now);
    await recordAudit(tx, viewer, {
      action: "shipment.status_changed",
      entityType: "shipment",
      entityId: id,
      changes: {
        status: { from: row.status, to: input.status },
        at: iso(at),
        ...(input.blNumber ? { blNumber: input.blNumber } : {}),
        ...(input.blDate ? { blDate: input.blDate } : {}),
      },
    });
    const message = `Shipment ${row.number} of order ${order.number} is ${input.status}`;
    const followers = await orderFollowers(tx, viewer, order);
    await notify(
      tx,
      followers
        .filter((userId) => userId !== viewer.userId)
        .map((userId) => ({
          workspaceId: viewer.workspaceId,
          userId,
          type: "shipment_status_changed" as const,
          title: message,
          entityType: "order",
          entityId: order.id,
          data: { shipmentId: id, status: input.status, by: viewer.name },
        })),
    );
    await publishToFollowers(tx, viewer, order, followers, {
      action: "shipment_status_changed",
      shipmentId: id,
      status: input.status,
    });
    return null;
  });
  if (hold) {
    throw new AppError("approval_required", hold.message, {
      approvalId: hold.approvalId,
      reasons: hold.evaluation.reasons,
      notes: hold.evaluation.notes,
    });
  }
  return getShipment(db, viewer, id);
}
