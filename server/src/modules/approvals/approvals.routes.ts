import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listOf } from "../../../../shared/schemas/common";
import {
  ApprovalListQuerySchema,
  ApprovalSchema,
  ApprovalSettingsSchema,
  UpdateApprovalSettingsSchema,
} from "../../../../shared/schemas/orders";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { getApprovalSettings, listApprovals, updateApprovalSettings } from "./approvals.service";

export async function approvalsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/approvals",
    {
      config: { permission: "orders.read" },
      schema: {
        tags: ["orders"],
        summary:
          "The approval inbox: requests on orders you may see (pending by default); canDecide marks yours",
        querystring: ApprovalListQuerySchema,
        response: { 200: listOf(ApprovalSchema) },
      },
    },
    async (request) => listApprovals(app.db, await viewerOf(request), request.query),
  );

  r.get(
    "/api/settings/approvals",
    {
      config: { permission: "orders.read" },
      schema: {
        tags: ["settings"],
        summary: "Order approval rules",
        response: { 200: ApprovalSettingsSchema },
      },
    },
    async (request) => getApprovalSettings(app.db, actorOf(request).workspaceId),
  );

  r.patch(
    "/api/settings/approvals",
    {
      config: { permission: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Change the discount (percent below list price) beyond which an order needs approval",
        body: UpdateApprovalSettingsSchema,
        response: { 200: ApprovalSettingsSchema },
      },
    },
    async (request) => updateApprovalSettings(app.db, actorOf(request), request.body),
  );
}
