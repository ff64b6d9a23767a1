import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema, listOf } from "../../../../shared/schemas/common";
import {
  CreateShipmentInputSchema,
  ShipmentListQuerySchema,
  ShipmentSchema,
  ShipmentStatusInputSchema,
  UpdateShipmentInputSchema,
} from "../../../../shared/schemas/shipments";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import {
  changeShipmentStatus,
  createShipment,
  getShipment,
  listShipments,
  updateShipment,
} from "./shipments.service";

export async function shipmentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["shipments"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.post(
    "/api/orders/:id/shipments",
    {
      config: { permission: "shipments.write" },
      schema: {
        tags,
        summary: "Plan a shipment of some or all of a confirmed order's lines",
        params: IdParamsSchema,
        body: CreateShipmentInputSchema,
        response: { 201: ShipmentSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createShipment(app.db, await viewerOf(request), request.params.id, request.body)),
  );

  r.get(
    "/api/shipments",
    {
      config: { permission: "shipments.read" },
      schema: {
        tags,
        summary: "Shipments of the orders you may see, newest first",
        querystring: ShipmentListQuerySchema,
        response: { 200: listOf(ShipmentSchema) },
      },
    },
    async (request) => listShipments(app.db, await viewerOf(request), request.query),
  );

  r.get(
    "/api/shipments/:id",
    {
      config: { permission: "shipments.read" },
      schema: {
        tags,
        summary: "A shipment with its lines",
        params: IdParamsSchema,
        response: { 200: ShipmentSchema },
      },
    },
    async (request) => getShipment(app.db, await viewerOf(request), request.params.id),
  );

  r.patch(
    "/api/shipments/:id",
    {
      config: { permission: "shipments.write" },
      schema: {
        tags,
        summary: "Edit a shipment's transport details; null clears one",
        params: IdParamsSchema,
        body: UpdateShipmentInputSchema,
        response: { 200: ShipmentSchema },
      },
    },
    async (request) => updateShipment(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/shipments/:id/status",
    {
      config: { permission: "shipments.write" },
      schema: {
        tags,
        summary:
          "Move a shipment forward (planned → booked → loaded → departed → arrived → delivered) or cancel it before departure. Departure deducts stock and marks the order partially shipped or shipped.",
        params: IdParamsSchema,
        body: ShipmentStatusInputSchema,
        response: { 200: ShipmentSchema },
      },
    },
    async (request) => changeShipmentStatus(app.db, await viewerOf(request), request.params.id, request.body),
  );
}
