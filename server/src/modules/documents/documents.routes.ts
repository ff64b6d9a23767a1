import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema } from "../../../../shared/schemas/common";
import {
  CompanySettingsSchema,
  MAX_LOGO_BYTES,
  UpdateCompanySettingsSchema,
} from "../../../../shared/schemas/documents";
import { AppError, badRequest, notFound } from "../../lib/app-error";
import { attachmentDisposition } from "../../lib/attachment";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { deleteLogo, getCompanySettings, getLogo, setLogo, updateCompanySettings } from "./documents.service";
import { commercialInvoicePdf, packingListPdf, packingListXlsx } from "./shipment-documents.service";

export async function documentsRoutes(app: FastifyInstance): Promise<void> {
  // Registered here, so only the logo upload accepts multipart bodies.
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: MAX_LOGO_BYTES, files: 1, parts: 2 },
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["settings"];

  r.get(
    "/api/settings/company",
    {
      config: { permission: "orders.read" },
      schema: {
        tags,
        summary: "The letterhead of quotations and invoices: company, address, bank accounts, logo",
        response: { 200: CompanySettingsSchema },
      },
    },
    async (request) => getCompanySettings(app.db, actorOf(request).workspaceId),
  );

  r.patch(
    "/api/settings/company",
    {
      config: { permission: "settings.manage" },
      schema: {
        tags,
        summary: "Change the letterhead",
        body: UpdateCompanySettingsSchema,
        response: { 200: CompanySettingsSchema },
      },
    },
    async (request) => updateCompanySettings(app.db, actorOf(request), request.body),
  );

  r.put(
    "/api/settings/company/logo",
    {
      config: { permission: "settings.manage" },
      schema: {
        tags,
        summary: `Upload the letterhead logo: a PNG or JPEG of at most ${MAX_LOGO_BYTES / 1024} KB as multipart field "file"`,
        consumes: ["multipart/form-data"],
        response: { 200: CompanySettingsSchema },
      },
    },
    async (request) => {
      if (!request.isMultipart()) {
        throw new AppError(
          "unsupported_media_type",
          "Send the logo as multipart/form-data with a file field",
        );
      }
      let content: Buffer | undefined;
      try {
        content = await (await request.file())?.toBuffer();
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError) {
          throw new AppError("payload_too_large", `The logo must be at most ${MAX_LOGO_BYTES / 1024} KB`);
        }
        throw error;
      }
      if (!content || content.length === 0)
        throw badRequest("No file was uploaded: send the logo as a file field");
      return setLogo(app.db, actorOf(request), content);
    },
  );

  r.get(
    "/api/settings/company/logo",
    {
      config: { permission: "orders.read" },
      schema: { tags, summary: "The letterhead logo image" },
    },
    async (request, reply) => {
      const logo = await getLogo(app.db, actorOf(request).workspaceId);
      if (!logo) throw notFound("Logo");
      return reply.type(logo.contentType).header("cache-control", "private, max-age=60").send(logo.data);
    },
  );

  r.delete(
    "/api/settings/company/logo",
    {
      config: { permission: "settings.manage" },
      schema: { tags, summary: "Remove the letterhead logo", response: { 200: CompanySettingsSchema } },
    },
    async (request) => deleteLogo(app.db, actorOf(request)),
  );

  // Shipping documents: visible to whoever sees the shipment. The first print of either document
  // issues the shipment's invoice number; later prints reuse it.
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));
  const shipmentDocuments = [
    {
      file: "commercial-invoice.pdf",
      type: "application/pdf",
      render: commercialInvoicePdf,
      summary: "The shipment's commercial invoice: the goods of this shipment at the order's prices",
    },
    {
      file: "packing-list.pdf",
      type: "application/pdf",
      render: packingListPdf,
      summary: "The shipment's packing list: cartons, net and gross weight and volume per line",
    },
    {
      file: "packing-list.xlsx",
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      render: packingListXlsx,
      summary: "The shipment's packing list as a spreadsheet",
    },
  ];
  for (const document of shipmentDocuments) {
    r.get(
      `/api/shipments/:id/documents/${document.file}`,
      {
        config: { permission: "shipments.read" },
        schema: { tags: ["shipments"], summary: document.summary, params: IdParamsSchema },
      },
      async (request, reply) => {
        const { content, fileName } = await document.render(
          app.db,
          await viewerOf(request),
          request.params.id,
        );
        return reply
          .type(document.type)
          .header("content-disposition", attachmentDisposition(fileName))
          .send(content);
      },
    );
  }
}
