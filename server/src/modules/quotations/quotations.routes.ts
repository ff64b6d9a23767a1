import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema, listOf } from "../../../../shared/schemas/common";
import { ConvertQuotationInputSchema, OrderSchema } from "../../../../shared/schemas/orders";
import {
  CreateQuotationInputSchema,
  QuotationListQuerySchema,
  QuotationSchema,
  QuotationSummarySchema,
  ReviseQuotationInputSchema,
  UpdateQuotationInputSchema,
} from "../../../../shared/schemas/quotations";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { quotationPdf } from "../documents/documents.service";
import { convertQuotation } from "../orders/orders.service";
import {
  createQuotation,
  getQuotation,
  listQuotations,
  reviseQuotation,
  updateQuotation,
} from "./quotations.service";

export async function quotationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["quotations"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/quotations",
    {
      config: { permission: "quotations.read" },
      schema: {
        tags,
        summary: "Quotations you may see (latest revisions unless allRevisions=true), newest change first",
        querystring: QuotationListQuerySchema,
        response: { 200: listOf(QuotationSummarySchema) },
      },
    },
    async (request) => listQuotations(app.db, await viewerOf(request), request.query),
  );

  r.post(
    "/api/quotations",
    {
      config: { permission: "quotations.write" },
      schema: {
        tags,
        summary: "Create a draft quotation; totals and container estimate are computed by the server",
        body: CreateQuotationInputSchema,
        response: { 201: QuotationSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createQuotation(app.db, await viewerOf(request), request.body)),
  );

  r.get(
    "/api/quotations/:id",
    {
      config: { permission: "quotations.read" },
      schema: {
        tags,
        summary: "A quotation with its lines, and what changed against the previous revision",
        params: IdParamsSchema,
        response: { 200: QuotationSchema },
      },
    },
    async (request) => getQuotation(app.db, await viewerOf(request), request.params.id),
  );

  r.patch(
    "/api/quotations/:id",
    {
      config: { permission: "quotations.write" },
      schema: {
        tags,
        summary:
          "Edit a draft, or move the status: draft → sent → accepted | rejected (statusReason optional)",
        params: IdParamsSchema,
        body: UpdateQuotationInputSchema,
        response: { 200: QuotationSchema },
      },
    },
    async (request) => updateQuotation(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/quotations/:id/revise",
    {
      config: { permission: "quotations.write" },
      schema: {
        tags,
        summary:
          "Make the next revision (a draft with the same number) with the given changes; the answer lists what changed",
        params: IdParamsSchema,
        body: ReviseQuotationInputSchema.nullish(),
        response: { 201: QuotationSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await reviseQuotation(app.db, await viewerOf(request), request.params.id, request.body ?? {})),
  );

  r.post(
    "/api/quotations/:id/convert",
    {
      config: { permission: "orders.write" },
      schema: {
        tags,
        summary: "Turn an accepted quotation into a draft order (PI) with the same lines and terms",
        params: IdParamsSchema,
        body: ConvertQuotationInputSchema.nullish(),
        response: { 201: OrderSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await convertQuotation(app.db, await viewerOf(request), request.params.id, request.body ?? {})),
  );

  r.get(
    "/api/quotations/:id/pdf",
    {
      config: { permission: "quotations.read" },
      schema: { tags, summary: "The quotation as a PDF with the company letterhead", params: IdParamsSchema },
    },
    async (request, reply) => {
      const { pdf, fileName } = await quotationPdf(app.db, await viewerOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${fileName}"`)
        .send(pdf);
    },
  );
}
