import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { APP_VERSION } from "../version";

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Tradewind API",
        version: APP_VERSION,
        description:
          "Every route answers JSON in camelCase. Errors: { error: { code, message, details? } }. " +
          "Authenticate with the session cookie (browser) or a personal API token (Authorization: Bearer tw_…).",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "tw_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(async (docs) => {
    // The documentation UI is public, like the spec it renders.
    docs.addHook("onRoute", (route) => {
      route.config = { ...(route.config as object), public: true };
    });
    await docs.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  });

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
