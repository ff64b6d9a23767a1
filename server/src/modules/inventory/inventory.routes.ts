import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listOf } from "../../../../shared/schemas/common";
import {
  CreateWarehouseInputSchema,
  MovementQuerySchema,
  StockAdjustmentInputSchema,
  StockListSchema,
  StockMovementSchema,
  StockQuerySchema,
  WarehouseSchema,
} from "../../../../shared/schemas/inventory";
import { actorOf } from "../../lib/context";
import { adjustStock, listMovements, listStock } from "./stock.service";
import { createWarehouse, listWarehouses } from "./warehouses.service";

export async function inventoryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["inventory"];

  r.get(
    "/api/warehouses",
    {
      config: { permission: "inventory.read" },
      schema: {
        tags,
        summary: 'Warehouses, the default first (a "Main warehouse" is created on first use)',
        response: { 200: listOf(WarehouseSchema) },
      },
    },
    async (request) => ({ items: await listWarehouses(app.db, actorOf(request)) }),
  );

  r.post(
    "/api/warehouses",
    {
      config: { permission: "inventory.write" },
      schema: {
        tags,
        summary: "Add a warehouse; names are unique without regard to case",
        body: CreateWarehouseInputSchema,
        response: { 201: WarehouseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWarehouse(app.db, actorOf(request), request.body)),
  );

  r.get(
    "/api/stock",
    {
      config: { permission: "inventory.read" },
      schema: {
        tags,
        summary: "On hand, reserved and available stock per product and warehouse",
        querystring: StockQuerySchema,
        response: { 200: StockListSchema },
      },
    },
    async (request) => listStock(app.db, actorOf(request), request.query),
  );

  r.post(
    "/api/stock/adjustments",
    {
      config: { permission: "inventory.write" },
      schema: {
        tags,
        summary:
          "Change stock on hand with a reason (default warehouse unless given); 409 when it would fall below what orders reserved",
        body: StockAdjustmentInputSchema,
        response: { 201: StockMovementSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await adjustStock(app.db, actorOf(request), request.body)),
  );

  r.get(
    "/api/stock/movements",
    {
      config: { permission: "inventory.read" },
      schema: {
        tags,
        summary: "The stock ledger, newest first: adjustments, reservations, releases and deductions",
        querystring: MovementQuerySchema,
        response: { 200: listOf(StockMovementSchema) },
      },
    },
    async (request) => ({ items: await listMovements(app.db, actorOf(request), request.query) }),
  );
}
