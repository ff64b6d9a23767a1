import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { NumberingSettingsSchema, UpdateNumberingSettingsSchema } from "../../../../shared/schemas/documents";
import { actorOf } from "../../lib/context";
import { getNumberingSettings, updateNumberingSettings } from "./numbering.service";

export async function numberingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["settings"];

  r.get(
    "/api/settings/numbering",
    {
      config: { permission: "quotations.read" },
      schema: {
        tags,
        summary: "Number patterns of quotations and orders",
        response: { 200: NumberingSettingsSchema },
      },
    },
    async (request) => getNumberingSettings(app.db, actorOf(request).workspaceId),
  );

  r.patch(
    "/api/settings/numbering",
    {
      config: { permission: "settings.manage" },
      schema: {
        tags,
        summary:
          "Change the number patterns ({YYYY}, {YY}, {MM}, {####}); new documents follow, numbers never repeat",
        body: UpdateNumberingSettingsSchema,
        response: { 200: NumberingSettingsSchema },
      },
    },
    async (request) => updateNumberingSettings(app.db, actorOf(request), request.body),
  );
}
