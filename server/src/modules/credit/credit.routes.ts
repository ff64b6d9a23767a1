import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema } from "../../../../shared/schemas/common";
import {
  CreditReportQuerySchema,
  CreditReportSchema,
  CustomerCreditSchema,
  UpdateCustomerCreditInputSchema,
} from "../../../../shared/schemas/credit";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { creditReport, getCustomerCredit, updateCustomerCredit } from "./credit.service";

export async function creditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/reports/credit",
    {
      config: { permission: "finance.read" },
      schema: {
        tags: ["credit"],
        summary:
          "Customers with a credit limit by exposure (what is owed on confirmed orders) against the limit; warning above 80%, over above 100%",
        querystring: CreditReportQuerySchema,
        response: { 200: CreditReportSchema },
      },
    },
    async (request) => creditReport(app.db, await loadViewer(app.db, actorOf(request)), request.query),
  );

  r.get(
    "/api/customers/:id/credit",
    {
      config: { permission: "finance.read" },
      schema: {
        tags: ["credit"],
        summary:
          "A customer's credit limit and insurance, with today's exposure against the limit (finance sees every customer, others those they see in full)",
        params: IdParamsSchema,
        response: { 200: CustomerCreditSchema },
      },
    },
    async (request) =>
      getCustomerCredit(app.db, await loadViewer(app.db, actorOf(request)), request.params.id),
  );

  r.patch(
    "/api/customers/:id/credit",
    {
      config: { permission: "credit.write" },
      schema: {
        tags: ["credit"],
        summary:
          "Set or clear the credit limit (with its currency) and replace or remove the credit insurance; managers and finance",
        params: IdParamsSchema,
        body: UpdateCustomerCreditInputSchema,
        response: { 200: CustomerCreditSchema },
      },
    },
    async (request) =>
      updateCustomerCredit(
        app.db,
        await loadViewer(app.db, actorOf(request)),
        request.params.id,
        request.body,
      ),
  );
}
