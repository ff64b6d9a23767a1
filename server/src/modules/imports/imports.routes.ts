import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema } from "../../../../shared/schemas/common";
import {
  CustomerExportQuerySchema,
  ImportAcceptedSchema,
  ImportQuerySchema,
  ImportSchema,
  ImportUploadFieldsSchema,
} from "../../../../shared/schemas/imports";
import { AppError, badRequest } from "../../lib/app-error";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { exportCustomers } from "./export.service";
import { commitDryRun, createImport, getImport } from "./imports.service";

const MAX_FILE_MB = 50;

type Upload = { fileName: string; content: Buffer; fields: Record<string, string> };

// One file and a few text fields; the file is held in memory (at most MAX_FILE_MB) because it is read
// and stored in the database within this request.
export async function readUpload(app: FastifyInstance, request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError(
      "unsupported_media_type",
      "Send the spreadsheet as multipart/form-data with the file and the options as form fields",
    );
  }
  const fields: Record<string, string> = {};
  let file: { fileName: string; content: Buffer } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") file = { fileName: part.filename, content: await part.toBuffer() };
      else fields[part.fieldname] = typeof part.value === "string" ? part.value : JSON.stringify(part.value);
    }
  } catch (error) {
    if (error instanceof app.multipartErrors.RequestFileTooLargeError) {
      throw new AppError(
        "payload_too_large",
        `The file is larger than ${MAX_FILE_MB} MB: split it into smaller files`,
      );
    }
    if (error instanceof app.multipartErrors.FilesLimitError) throw badRequest("Upload one file at a time");
    throw error;
  }
  if (!file || file.content.length === 0) {
    throw badRequest("No file was uploaded: send the spreadsheet (.xlsx or .csv) as a file field");
  }
  return { ...file, fields };
}

// The multipart settings readUpload relies on; a module with its own upload routes registers them too.
export const UPLOAD_OPTIONS = {
  throwFileSizeLimit: true,
  limits: { fileSize: MAX_FILE_MB * 1024 * 1024, files: 1, fields: 10, fieldSize: 100_000, parts: 20 },
};

export async function importsRoutes(app: FastifyInstance): Promise<void> {
  // Registered here, so only these routes accept multipart bodies.
  await app.register(multipart, UPLOAD_OPTIONS);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["imports"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.post(
    "/api/imports/customers",
    {
      config: { permission: "customers.import" },
      schema: {
        tags,
        summary:
          "Upload a CSV or XLSX file of customers (multipart: file, dryRun, assignTo, mapping); checked and imported by a background job",
        description:
          'Form fields: dryRun "true"|"false" (default false), assignTo "me"|"pool"|user id (default me; pool and others need manager or admin), mapping: JSON object column header → field or "ignore". Answers 202 with the import id; poll GET /api/imports/{id}.',
        consumes: ["multipart/form-data"],
        response: { 202: ImportAcceptedSchema },
      },
    },
    async (request, reply) => {
      const viewer = await viewerOf(request);
      const upload = await readUpload(app, request);
      const parsed = ImportUploadFieldsSchema.safeParse(upload.fields);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.join("."),
          message: issue.message,
        }));
        throw new AppError(
          "validation",
          `Invalid input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`,
          { issues },
        );
      }
      const importId = await createImport(app.db, viewer, {
        fileName: upload.fileName,
        content: upload.content,
        dryRun: parsed.data.dryRun === "true",
        assignTo: parsed.data.assignTo,
        mapping: parsed.data.mapping,
      });
      app.wakeJobs();
      return reply.status(202).send({ importId });
    },
  );

  r.get(
    "/api/imports/:id",
    {
      config: { permission: "customers.import" },
      schema: {
        tags,
        summary:
          "Progress and outcome of an import, with one page of per-row results (importer and admins only)",
        params: IdParamsSchema,
        querystring: ImportQuerySchema,
        response: { 200: ImportSchema },
      },
    },
    async (request) => getImport(app.db, await viewerOf(request), request.params.id, request.query),
  );

  r.post(
    "/api/imports/:id/commit",
    {
      config: { permission: "customers.import" },
      schema: {
        tags,
        summary: "Import the rows of a finished dry run for real, without uploading the file again",
        params: IdParamsSchema,
        response: { 202: ImportAcceptedSchema },
      },
    },
    async (request, reply) => {
      const importId = await commitDryRun(app.db, await viewerOf(request), request.params.id);
      app.wakeJobs();
      return reply.status(202).send({ importId });
    },
  );

  r.get(
    "/api/customers/export",
    {
      config: { permission: "customers.export" },
      schema: {
        tags: ["customers"],
        summary:
          "Download the current list view (same filters as GET /api/customers) as XLSX or CSV, up to 100,000 rows",
        querystring: CustomerExportQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await exportCustomers(app.db, await viewerOf(request), request.query, (error) =>
        request.log.error({ err: error }, "customer export failed while streaming"),
      );
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("x-export-truncated", String(file.truncated))
        .send(file.stream);
    },
  );
}
