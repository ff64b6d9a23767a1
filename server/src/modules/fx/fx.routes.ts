import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CurrencySchema, listOf } from "../../../../shared/schemas/common";
import {
  ConversionSchema,
  ConvertQuerySchema,
  CreateFxRateInputSchema,
  FxExposureQuerySchema,
  FxExposureSchema,
  FxImportResultSchema,
  FxRateListQuerySchema,
  FxRateSchema,
} from "../../../../shared/schemas/fx";
import { fieldError } from "../../lib/app-error";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { readUpload, UPLOAD_OPTIONS } from "../imports/imports.routes";
import { convert, createRate, fxExposure, importRates, listRates } from "./fx.service";

export async function fxRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, UPLOAD_OPTIONS);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["fx"];

  r.get(
    "/api/fx-rates",
    {
      config: { permission: "finance.read" },
      schema: {
        tags,
        summary: "Exchange rates as entered or imported, newest first",
        querystring: FxRateListQuerySchema,
        response: { 200: listOf(FxRateSchema) },
      },
    },
    async (request) => listRates(app.db, actorOf(request), request.query),
  );

  r.post(
    "/api/fx-rates",
    {
      config: { permission: "finance.write" },
      schema: {
        tags,
        summary:
          "Enter a rate: one base is worth rate quote on date; the same pair and day again replaces it",
        body: CreateFxRateInputSchema,
        response: { 201: FxRateSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRate(app.db, actorOf(request), request.body)),
  );

  r.post(
    "/api/fx-rates/import",
    {
      config: { permission: "finance.write" },
      schema: {
        tags,
        summary:
          "Import a CSV (multipart: file, base): the ECB reference rates as published (Date, USD, JPY, …; EUR base) or date,currency,rate against base (the reporting currency by default)",
        response: { 200: FxImportResultSchema },
      },
    },
    async (request) => {
      const upload = await readUpload(app, request);
      const base =
        upload.fields.base === undefined ? undefined : CurrencySchema.safeParse(upload.fields.base);
      if (base && !base.success) throw fieldError("base", "must be an ISO 4217 currency code such as USD");
      return importRates(app.db, actorOf(request), upload.content.toString("utf8"), base?.data);
    },
  );

  r.get(
    "/api/fx-rates/convert",
    {
      config: { permission: "finance.read" },
      schema: {
        tags,
        summary: "Convert an amount at the latest rates on or before date, crossing through a common base",
        querystring: ConvertQuerySchema,
        response: { 200: ConversionSchema },
      },
    },
    async (request) => convert(app.db, actorOf(request), request.query),
  );

  r.get(
    "/api/reports/fx-exposure",
    {
      config: { permission: "finance.read" },
      schema: {
        tags,
        summary:
          "Open receivables per currency at the order-date and report-date rates (unrealised gain/loss) and realised gain/loss per rep",
        querystring: FxExposureQuerySchema,
        response: { 200: FxExposureSchema },
      },
    },
    async (request) => fxExposure(app.db, await loadViewer(app.db, actorOf(request)), request.query),
  );
}
