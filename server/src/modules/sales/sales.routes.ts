import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { SalesReportQuerySchema, SalesReportSchema } from "../../../../shared/schemas/sales";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { salesReport } from "./sales.service";

export async function salesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/reports/sales",
    {
      config: { permission: "orders.read" },
      schema: {
        tags: ["sales"],
        summary:
          "Confirmed sales by month, customer country or rep, in the reporting currency at each order's stored rate; admins and finance see every rep, managers their team, reps their own",
        querystring: SalesReportQuerySchema,
        response: { 200: SalesReportSchema },
      },
    },
    async (request) => salesReport(app.db, await loadViewer(app.db, actorOf(request)), request.query),
  );
}
