import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listOf } from "../../../../shared/schemas/common";
import {
  AgingQuerySchema,
  AgingReportSchema,
  CreatePaymentInputSchema,
  PaymentListQuerySchema,
  PaymentSchema,
  ReceivableListQuerySchema,
  ReceivableSchema,
} from "../../../../shared/schemas/receivables";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { agingExport } from "./aging-export";
import { agingReport, createPayment, listPayments, listReceivables } from "./receivables.service";

export async function receivablesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["receivables"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/receivables",
    {
      config: { permission: "finance.read" },
      schema: {
        tags,
        summary: "Receivables of the confirmed orders you may see, with due dates resolved from their events",
        querystring: ReceivableListQuerySchema,
        response: { 200: listOf(ReceivableSchema) },
      },
    },
    async (request) => listReceivables(app.db, await viewerOf(request), request.query),
  );

  // Payments are finance's own ledger: reps and managers follow them through their receivables.
  r.get(
    "/api/payments",
    {
      config: { permission: "finance.write" },
      schema: {
        tags,
        summary: "Payments received, newest first",
        querystring: PaymentListQuerySchema,
        response: { 200: listOf(PaymentSchema) },
      },
    },
    async (request) => listPayments(app.db, await viewerOf(request), request.query),
  );

  r.post(
    "/api/payments",
    {
      config: { permission: "finance.write" },
      schema: {
        tags,
        summary:
          "Record a payment and allocate it to one or several receivables of the customer; what is not allocated is shown as unallocated",
        body: CreatePaymentInputSchema,
        response: { 201: PaymentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPayment(app.db, await viewerOf(request), request.body)),
  );

  r.get(
    "/api/reports/aging",
    {
      config: { permission: "finance.read" },
      schema: {
        tags,
        summary:
          "What is owed by how late it is (current, 1–30, 31–60, 61–90, over 90 days), in the reporting currency at the rates of asOf",
        querystring: AgingQuerySchema,
        response: { 200: AgingReportSchema },
      },
    },
    async (request) => agingReport(app.db, await viewerOf(request), request.query),
  );

  r.get(
    "/api/reports/aging/export",
    {
      config: { permission: "finance.read" },
      schema: {
        tags,
        summary:
          "The aging report as XLSX: the same groups, buckets and totals, amounts as numbers in the reporting currency",
        querystring: AgingQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await agingExport(app.db, await viewerOf(request), request.query);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .send(file.stream);
    },
  );
}
