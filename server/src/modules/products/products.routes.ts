import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParamsSchema, IdSchema } from "../../../../shared/schemas/common";
import { ImportAcceptedSchema } from "../../../../shared/schemas/imports";
import {
  CreateProductInputSchema,
  ProductExportQuerySchema,
  ProductImageSchema,
  ProductImportQuerySchema,
  ProductImportSchema,
  ProductListQuerySchema,
  ProductListSchema,
  ProductSchema,
  UpdateProductInputSchema,
  WatchStateSchema,
} from "../../../../shared/schemas/products";
import { AppError, badRequest, fieldError } from "../../lib/app-error";
import { actorOf } from "../../lib/context";
import { readUpload, UPLOAD_OPTIONS } from "../imports/imports.routes";
import { addProductImage, deleteProductImage, getProductImage, MAX_IMAGE_BYTES } from "./images.service";
import { exportProducts } from "./product-export.service";
import { commitProductDryRun, createProductImport, getProductImport } from "./product-import.service";
import {
  createProduct,
  getProduct,
  listCategories,
  listProducts,
  setWatching,
  updateProduct,
} from "./products.service";

const ImageParamsSchema = z.object({ id: IdSchema, imageId: IdSchema });

export async function productsRoutes(app: FastifyInstance): Promise<void> {
  // Registered here, so only this module's routes (and the imports module's) accept multipart bodies.
  await app.register(multipart, UPLOAD_OPTIONS);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["products"];

  r.get(
    "/api/products",
    {
      config: { permission: "products.read" },
      schema: {
        tags,
        summary:
          "Search and list products (SKU, English and Chinese name), by category, status and low stock",
        querystring: ProductListQuerySchema,
        response: { 200: ProductListSchema },
      },
    },
    async (request) => listProducts(app.db, actorOf(request), request.query),
  );

  r.post(
    "/api/products",
    {
      config: { permission: "products.write" },
      schema: {
        tags,
        summary: "Create a product; the SKU is unique in the workspace, without regard to case",
        body: CreateProductInputSchema,
        response: { 201: ProductSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProduct(app.db, actorOf(request), request.body)),
  );

  r.get(
    "/api/products/categories",
    {
      config: { permission: "products.read" },
      schema: {
        tags,
        summary: "The categories products use, for filters and pickers",
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async (request) => ({ items: await listCategories(app.db, actorOf(request)) }),
  );

  r.get(
    "/api/products/export",
    {
      config: { permission: "products.read" },
      schema: {
        tags,
        summary:
          "Download the list view (same filters as GET /api/products) as XLSX or CSV; it imports again as is",
        querystring: ProductExportQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await exportProducts(app.db, actorOf(request), request.query, (error) =>
        request.log.error({ err: error }, "product export failed while streaming"),
      );
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .send(file.stream);
    },
  );

  r.get(
    "/api/products/:id",
    {
      config: { permission: "products.read" },
      schema: { tags, summary: "A product", params: IdParamsSchema, response: { 200: ProductSchema } },
    },
    async (request) => getProduct(app.db, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/products/:id",
    {
      config: { permission: "products.write" },
      schema: {
        tags,
        summary: "Edit a product; null clears an optional field, listPrices and priceTiers replace the lists",
        params: IdParamsSchema,
        body: UpdateProductInputSchema,
        response: { 200: ProductSchema },
      },
    },
    async (request) => updateProduct(app.db, actorOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/products/:id/images",
    {
      config: { permission: "products.write" },
      schema: {
        tags,
        summary: "Upload a product image (multipart, one file): PNG, JPEG or WebP by content, at most 5 MB",
        consumes: ["multipart/form-data"],
        params: IdParamsSchema,
        response: { 201: ProductImageSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(
          "unsupported_media_type",
          "Send the image as multipart/form-data with one file field",
        );
      }
      const file = await request.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
      if (!file) throw badRequest("No image was uploaded: send it as a file field");
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError) {
          throw new AppError(
            "payload_too_large",
            "Product images may be at most 5 MB: make the image smaller",
          );
        }
        throw error;
      }
      const image = await addProductImage(app.db, actorOf(request), request.params.id, content);
      return reply.status(201).send(image);
    },
  );

  r.get(
    "/api/products/:id/images/:imageId",
    {
      config: { permission: "products.read" },
      schema: { tags, summary: "A product image, shown inline", params: ImageParamsSchema },
    },
    async (request, reply) => {
      const image = await getProductImage(
        app.db,
        actorOf(request),
        request.params.id,
        request.params.imageId,
      );
      // The stored type was read from the bytes at upload; nosniff keeps browsers from guessing another.
      return reply
        .header("content-type", image.contentType)
        .header("content-disposition", "inline")
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, max-age=86400, immutable")
        .send(image.data);
    },
  );

  r.delete(
    "/api/products/:id/images/:imageId",
    {
      config: { permission: "products.write" },
      schema: { tags, summary: "Delete a product image", params: ImageParamsSchema },
    },
    async (request, reply) => {
      await deleteProductImage(app.db, actorOf(request), request.params.id, request.params.imageId);
      return reply.status(204).send();
    },
  );

  for (const [method, watching] of [
    ["POST", true],
    ["DELETE", false],
  ] as const) {
    r.route({
      method,
      url: "/api/products/:id/watch",
      config: { permission: "inventory.read" },
      schema: {
        tags,
        summary: watching
          ? "Be notified when the product's available stock falls below its low-stock threshold"
          : "Stop being notified about the product's stock",
        params: IdParamsSchema,
        response: { 200: WatchStateSchema },
      },
      handler: async (request) => setWatching(app.db, actorOf(request), request.params.id, watching),
    });
  }

  r.post(
    "/api/imports/products",
    {
      config: { permission: "products.write" },
      schema: {
        tags: ["imports", "products"],
        summary:
          "Upload an XLSX or CSV file of products (multipart: file, dryRun); upserted by SKU by a background job",
        description:
          'Form fields: dryRun "true"|"false" (default false). Answers 202 with the import id; poll GET /api/imports/products/{id}.',
        consumes: ["multipart/form-data"],
        response: { 202: ImportAcceptedSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(app, request);
      const dryRun = upload.fields.dryRun ?? "false";
      if (dryRun !== "true" && dryRun !== "false") throw fieldError("dryRun", 'must be "true" or "false"');
      const importId = await createProductImport(app.db, actor, {
        fileName: upload.fileName,
        content: upload.content,
        dryRun: dryRun === "true",
      });
      app.wakeJobs();
      return reply.status(202).send({ importId });
    },
  );

  r.get(
    "/api/imports/products/:id",
    {
      config: { permission: "products.write" },
      schema: {
        tags: ["imports", "products"],
        summary: "Progress and outcome of a product import, with one page of per-row results",
        params: IdParamsSchema,
        querystring: ProductImportQuerySchema,
        response: { 200: ProductImportSchema },
      },
    },
    async (request) => getProductImport(app.db, actorOf(request), request.params.id, request.query),
  );

  r.post(
    "/api/imports/products/:id/commit",
    {
      config: { permission: "products.write" },
      schema: {
        tags: ["imports", "products"],
        summary: "Import the rows of a finished product dry run for real",
        params: IdParamsSchema,
        response: { 202: ImportAcceptedSchema },
      },
    },
    async (request, reply) => {
      const importId = await commitProductDryRun(app.db, actorOf(request), request.params.id);
      app.wakeJobs();
      return reply.status(202).send({ importId });
    },
  );
}
