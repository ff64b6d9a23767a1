import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { HealthSchema } from "../../../../shared/schemas/identity";
import { APP_VERSION } from "../../version";

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        tags: ["health"],
        summary: "Liveness and database reachability (503 while the database is down)",
        security: [],
        response: { 200: HealthSchema },
      },
    },
    async () => {
      await app.db.execute(sql`select 1`);
      return { status: "ok" as const, database: app.database.engine, version: APP_VERSION };
    },
  );
}
