import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema, listOf } from "../../../../shared/schemas/common";
import { FILE_KINDS, FILE_TYPES, StoredFileSchema } from "../../../../shared/schemas/files";
import { AppError, badRequest } from "../../lib/app-error";
import { attachmentDisposition } from "../../lib/attachment";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { getShipment } from "../shipments/shipments.service";
import {
  deleteFile,
  discardReceived,
  type FileStore,
  listFiles,
  openFile,
  type ReceivedFile,
  receiveFile,
  saveFile,
  sizeText,
} from "./files.service";

const TYPES = Object.values(FILE_TYPES)
  .map((type) => type.label)
  .join(", ");

export async function filesRoutes(app: FastifyInstance, store: FileStore): Promise<void> {
  // Registered here, so only uploads of this plugin accept multipart bodies, with their own limits.
  await app.register(multipart, {
    // An oversized file arrives truncated and is refused by the service with the limit in the message.
    throwFileSizeLimit: false,
    limits: { fileSize: store.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["shipments"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));
  const limitErrors = [
    app.multipartErrors.FilesLimitError,
    app.multipartErrors.PartsLimitError,
    app.multipartErrors.FieldsLimitError,
  ];

  r.post(
    "/api/shipments/:id/files",
    {
      config: { permission: "shipments.write" },
      schema: {
        tags,
        summary: `Upload a document to a shipment as multipart field "file" with field "kind" (${FILE_KINDS.join(", ")}): ${TYPES}, at most ${sizeText(store.maxBytes)}, recognised by content`,
        consumes: ["multipart/form-data"],
        params: IdParamsSchema,
        response: { 201: StoredFileSchema },
      },
    },
    async (request, reply) => {
      const viewer = await viewerOf(request);
      // Before reading the body: an outsider learns nothing, not even whether the file would pass.
      await getShipment(app.db, viewer, request.params.id);
      if (!request.isMultipart()) {
        throw new AppError(
          "unsupported_media_type",
          'Send the file as multipart/form-data with the fields "file" and "kind"',
        );
      }
      let kind: string | undefined;
      let received: ReceivedFile | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === "field") {
            if (part.fieldname === "kind") kind = String(part.value);
          } else if (part.fieldname === "file") {
            received = await receiveFile(store, viewer.workspaceId, part.file, part.filename);
          } else {
            throw badRequest(`Unexpected file field "${part.fieldname}": send the file in field "file"`);
          }
        }
        const saved = await saveFile(app.db, store, viewer, request.params.id, { kind, file: received });
        return reply.status(201).send(saved);
      } catch (error) {
        if (limitErrors.some((limit) => error instanceof limit)) {
          throw badRequest('Send one file per upload, in field "file", with its kind in field "kind"');
        }
        throw error;
      } finally {
        await discardReceived(received);
      }
    },
  );

  r.get(
    "/api/shipments/:id/files",
    {
      config: { permission: "shipments.read" },
      schema: {
        tags,
        summary: "Documents uploaded to a shipment, oldest first",
        params: IdParamsSchema,
        response: { 200: listOf(StoredFileSchema) },
      },
    },
    async (request) => listFiles(app.db, await viewerOf(request), request.params.id),
  );

  r.get(
    "/api/files/:id",
    {
      config: { permission: "shipments.read" },
      schema: {
        tags,
        summary: "Download an uploaded document (always as an attachment, never shown inline)",
        params: IdParamsSchema,
      },
    },
    async (request, reply) => {
      const { file, contentType, stream } = await openFile(
        app.db,
        store,
        await viewerOf(request),
        request.params.id,
      );
      return (
        reply
          .type(contentType)
          .header("content-length", file.byteSize)
          .header("content-disposition", attachmentDisposition(file.fileName))
          .header("x-content-type-options", "nosniff")
          // Should a browser still render it, the content runs with no script and no origin.
          .header("content-security-policy", "default-src 'none'; sandbox")
          .header("cache-control", "private, no-cache")
          .send(stream)
      );
    },
  );

  r.delete(
    "/api/files/:id",
    {
      config: { permission: "shipments.read" },
      schema: {
        tags,
        summary: "Remove an uploaded document: its uploader, logistics or an admin",
        params: IdParamsSchema,
      },
    },
    async (request, reply) => {
      await deleteFile(app.db, store, await viewerOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
