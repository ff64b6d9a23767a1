import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema, listOf } from "../../../../shared/schemas/common";
import {
  ApproveInputSchema,
  CreateOrderInputSchema,
  CreditLimitInputSchema,
  CreditLimitSchema,
  OrderEventSchema,
  OrderListQuerySchema,
  OrderSchema,
  OrderStatusInputSchema,
  OrderSummarySchema,
  RejectInputSchema,
  TransferOrderInputSchema,
  UpdateOrderInputSchema,
} from "../../../../shared/schemas/orders";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { orderPdf } from "../documents/documents.service";
import {
  approveOrder,
  changeOrderStatus,
  createOrder,
  getCreditLimit,
  getOrder,
  listOrderEvents,
  listOrders,
  rejectOrder,
  setCreditLimit,
  submitOrder,
  transferOrder,
  updateOrder,
  watchOrder,
} from "./orders.service";

export async function ordersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["orders"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/orders",
    {
      config: { permission: "orders.read" },
      schema: {
        tags,
        summary: "Orders you may see, newest change first",
        querystring: OrderListQuerySchema,
        response: { 200: listOf(OrderSummarySchema) },
      },
    },
    async (request) => listOrders(app.db, await viewerOf(request), request.query),
  );

  r.post(
    "/api/orders",
    {
      config: { permission: "orders.write" },
      schema: {
        tags,
        summary: "Create a draft order (PI) directly; owned by the customer's owner",
        body: CreateOrderInputSchema,
        response: { 201: OrderSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrder(app.db, await viewerOf(request), request.body)),
  );

  r.get(
    "/api/orders/:id",
    {
      config: { permission: "orders.read" },
      schema: {
        tags,
        summary: "An order with lines, payment schedule and its approval; margins for managers and admins",
        params: IdParamsSchema,
        response: { 200: OrderSchema },
      },
    },
    async (request) => getOrder(app.db, await viewerOf(request), request.params.id),
  );

  r.patch(
    "/api/orders/:id",
    {
      config: { permission: "orders.write" },
      schema: {
        tags,
        summary:
          "Edit a draft order; delivery date and shipping marks until ready to ship. Editing an order pending approval withdraws the request.",
        params: IdParamsSchema,
        body: UpdateOrderInputSchema,
        response: { 200: OrderSchema },
      },
    },
    async (request) => updateOrder(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/orders/:id/submit",
    {
      config: { permission: "orders.write" },
      schema: {
        tags,
        summary:
          "Submit a draft: confirms it (reserving stock, 409 if short) or sends it for approval when a discount or the credit limit needs a manager",
        params: IdParamsSchema,
        response: { 200: OrderSchema },
      },
    },
    async (request) => submitOrder(app.db, await viewerOf(request), request.params.id),
  );

  r.post(
    "/api/orders/:id/approve",
    {
      config: { permission: "orders.approve" },
      schema: {
        tags,
        summary:
          "Approve an order of your team (not your own); confirms it. Approving again changes nothing.",
        params: IdParamsSchema,
        body: ApproveInputSchema.nullish(),
        response: { 200: OrderSchema },
      },
    },
    async (request) => approveOrder(app.db, await viewerOf(request), request.params.id, request.body?.note),
  );

  r.post(
    "/api/orders/:id/reject",
    {
      config: { permission: "orders.approve" },
      schema: {
        tags,
        summary: "Reject an order waiting for approval, with a reason; it goes back to draft",
        params: IdParamsSchema,
        body: RejectInputSchema,
        response: { 200: OrderSchema },
      },
    },
    async (request) => rejectOrder(app.db, await viewerOf(request), request.params.id, request.body.reason),
  );

  r.post(
    "/api/orders/:id/status",
    {
      config: { permission: "orders.write" },
      schema: {
        tags,
        summary:
          "Move a confirmed order on (in_production, ready_to_ship, completed) or cancel it with a reason (releases stock); shipped states are admin-only until shipments exist",
        params: IdParamsSchema,
        body: OrderStatusInputSchema,
        response: { 200: OrderSchema },
      },
    },
    async (request) => changeOrderStatus(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/orders/:id/transfer",
    {
      config: { permission: "orders.write" },
      schema: {
        tags,
        summary: "Give the order to another owner (the owner's manager or an admin)",
        params: IdParamsSchema,
        body: TransferOrderInputSchema,
        response: { 200: OrderSchema },
      },
    },
    async (request) => transferOrder(app.db, await viewerOf(request), request.params.id, request.body),
  );

  // Following is one's own choice, so it is PUT/DELETE on "me" rather than a list others could edit.
  for (const [method, watching] of [
    ["put", true],
    ["delete", false],
  ] as const) {
    r[method](
      "/api/orders/:id/watchers/me",
      {
        config: { permission: "orders.read" },
        schema: {
          tags,
          summary: watching
            ? "Follow an order: its shipments notify you like its owner"
            : "Stop following an order",
          params: IdParamsSchema,
          response: { 200: OrderSchema },
        },
      },
      async (request) => watchOrder(app.db, await viewerOf(request), request.params.id, watching),
    );
  }

  r.get(
    "/api/orders/:id/timeline",
    {
      config: { permission: "orders.read" },
      schema: {
        tags,
        summary: "The order's timeline: creation, edits, submission, approval, status changes, newest first",
        params: IdParamsSchema,
        response: { 200: listOf(OrderEventSchema) },
      },
    },
    async (request) => ({ items: await listOrderEvents(app.db, await viewerOf(request), request.params.id) }),
  );

  r.get(
    "/api/orders/:id/pdf",
    {
      config: { permission: "orders.read" },
      schema: {
        tags,
        summary: "The proforma invoice as a PDF with the company letterhead",
        params: IdParamsSchema,
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await orderPdf(app.db, await viewerOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${fileName}"`)
        .send(pdf);
    },
  );

  r.get(
    "/api/customers/:id/credit-limit",
    {
      config: { permission: "orders.read" },
      schema: {
        tags: ["customers"],
        summary: "A customer's credit limit (null when none is set)",
        params: IdParamsSchema,
        response: { 200: CreditLimitSchema },
      },
    },
    async (request) => getCreditLimit(app.db, await viewerOf(request), request.params.id),
  );

  r.put(
    "/api/customers/:id/credit-limit",
    {
      config: { permission: "orders.approve" },
      schema: {
        tags: ["customers"],
        summary: "Set or clear a customer's credit limit (checked when its orders are submitted)",
        params: IdParamsSchema,
        body: CreditLimitInputSchema,
        response: { 200: CreditLimitSchema },
      },
    },
    async (request) => setCreditLimit(app.db, await viewerOf(request), request.params.id, request.body),
  );
}
