import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ApiErrorBody, ErrorCode } from "../../../shared/errors";
import { AppError } from "../lib/app-error";
import { sendSpaPage, wantsSpaPage } from "./web";

// SQLSTATE classes and socket errors that mean "the database is not reachable right now".
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string; cause?: unknown };
  if (typeof candidate?.code === "string") {
    if (UNAVAILABLE_CODES.has(candidate.code) || candidate.code.startsWith("08")) return true;
  }
  const message = candidate?.message ?? "";
  if (/Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message))
    return true;
  return (
    candidate?.cause !== undefined && candidate.cause !== error && isDatabaseUnavailable(candidate.cause)
  );
}

function body(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

export function registerErrorHandling(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, "").replaceAll("/", "."),
        message: issue.message ?? "is invalid",
      }));
      const where = error.validationContext === "body" ? "" : ` (${error.validationContext})`;
      const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
      return reply
        .status(400)
        .send(body("validation", `Invalid input${where}: ${summary.join("; ")}`, { issues }));
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply.status(413).send(body("payload_too_large", "The request body is too large"));
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return reply
        .status(415)
        .send(body("unsupported_media_type", "Send the request body as application/json"));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(body("rate_limited", "Too many attempts. Wait a minute and try again."));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      return reply
        .status(503)
        .header("retry-after", "5")
        .send(body("unavailable", "The database is not reachable right now. Try again in a moment."));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (malformed JSON, bad content length, ...).
      return reply.status(error.statusCode).send(body("bad_request", error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send(body("internal", "Something went wrong on the server. The error was logged."));
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.spaFallback && wantsSpaPage(request)) return sendSpaPage(reply);
    return reply
      .status(404)
      .send(body("not_found", `No route ${request.method} ${request.url.split("?")[0]}`));
  });
}
