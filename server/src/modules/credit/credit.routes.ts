import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CreditReportQuerySchema, CreditReportSchema } from "../../../../shared/schemas/credit";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { creditReport } from "./credit.service";

export async function creditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/reports/credit",
    {
      config: { permission: "finance.read" },
      schema: {
        tags: ["credit"],
        summary:
          "Customers with a credit limit by exposure (open receivables of confirmed orders) against the limit; warning above 80%, over above 100%",
        querystring: CreditReportQuerySchema,
        response: { 200: CreditReportSchema },
      },
    },
    async (request) => creditReport(app.db, await loadViewer(app.db, actorOf(request)), request.query),
  );
}
