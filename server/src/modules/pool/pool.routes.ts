import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema } from "../../../../shared/schemas/common";
import {
  CustomerDetailSchema,
  HandoverInputSchema,
  HandoverResultSchema,
  ReleaseInputSchema,
  TransferInputSchema,
} from "../../../../shared/schemas/customers";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { claimCustomer, handoverCustomers, releaseCustomer, transferCustomer } from "./pool.service";

export async function poolRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["public pool"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.post(
    "/api/customers/:id/claim",
    {
      config: { permission: "customers.write" },
      schema: {
        tags,
        summary: "Claim a customer from the public pool (first come, first served)",
        description: "409 with details.reason: not_in_pool, limit_reached or cooling_off.",
        params: IdParamsSchema,
        response: { 200: CustomerDetailSchema },
      },
    },
    async (request) => claimCustomer(app.db, await viewerOf(request), request.params.id),
  );

  r.post(
    "/api/customers/:id/release",
    {
      config: { permission: "customers.write" },
      schema: {
        tags,
        summary: "Release a customer to the public pool, with a reason",
        params: IdParamsSchema,
        body: ReleaseInputSchema,
        response: { 200: CustomerDetailSchema },
      },
    },
    async (request) =>
      releaseCustomer(app.db, await viewerOf(request), request.params.id, request.body.reason),
  );

  r.post(
    "/api/customers/:id/transfer",
    {
      config: { permission: "customers.assign" },
      schema: {
        tags,
        summary: "Transfer a customer to another user (manager of the owner's team, admin)",
        params: IdParamsSchema,
        body: TransferInputSchema,
        response: { 200: CustomerDetailSchema },
      },
    },
    async (request) =>
      transferCustomer(
        app.db,
        await viewerOf(request),
        request.params.id,
        request.body.toUserId,
        request.body.reason,
      ),
  );

  r.post(
    "/api/customers/handover",
    {
      config: { permission: "customers.assign" },
      schema: {
        tags,
        summary: "Hand over all customers of a departing rep to one or several colleagues in one step",
        body: HandoverInputSchema,
        response: { 200: HandoverResultSchema },
      },
    },
    async (request) => handoverCustomers(app.db, await viewerOf(request), request.body),
  );
}
