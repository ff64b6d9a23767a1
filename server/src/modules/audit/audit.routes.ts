import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listOf } from "../../../../shared/schemas/common";
import { AuditEntrySchema, AuditQuerySchema } from "../../../../shared/schemas/identity";
import { actorOf } from "../../lib/context";
import { listAudit } from "./audit.service";

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "Audit trail of changes, newest first",
        querystring: AuditQuerySchema,
        response: { 200: listOf(AuditEntrySchema) },
      },
    },
    async (request) => ({ items: await listAudit(app.db, actorOf(request), request.query) }),
  );
}
