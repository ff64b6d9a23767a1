import { ERROR_CODES, type ErrorCode } from "../../../shared/errors";

// Thrown by services for every refusal a person can act on; the error plugin turns it into the
// one error shape of the API.
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.statusCode = ERROR_CODES[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") =>
  new AppError("forbidden", message);
export const conflict = (message: string, details?: unknown) => new AppError("conflict", message, details);
export const badRequest = (message: string, details?: unknown) =>
  new AppError("bad_request", message, details);

// A validation failure the schema could not see (it needs the database), shaped like schema errors.
export const fieldError = (path: string, message: string) =>
  new AppError("validation", `${path}: ${message}`, { issues: [{ path, message }] });
