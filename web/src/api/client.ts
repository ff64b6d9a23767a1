import { z } from "zod";
import type { ErrorCode } from "../../../shared/errors";
import { ErrorResponseSchema } from "../../../shared/schemas/common";

// Codes the client itself produces when no API error body could be read.
export type ClientErrorCode = ErrorCode | "network" | "invalid_response";

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ClientErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const ValidationDetailsSchema = z.object({
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
type FieldIssue = z.infer<typeof ValidationDetailsSchema>["issues"][number];

// Field issues come with validation errors and with refusals that concern one field (an e-mail already
// in use answers `conflict` with an issue on "email"), so any code may carry them.
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError)) return [];
  const parsed = ValidationDetailsSchema.safeParse(error.details);
  return parsed.success ? parsed.data.issues : [];
}

type Query = Record<string, string | number | undefined>;
type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

// Also used for plain links to the API, such as file downloads the browser saves by itself.
export function apiUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ErrorResponseSchema.safeParse(body);
  if (!parsed.success) return new ApiError(response.status, "internal", response.statusText);
  const { code, message, details } = parsed.data.error;
  return new ApiError(response.status, code as ErrorCode, message, details);
}

function requestBody(body: unknown): Pick<RequestInit, "body" | "headers"> {
  if (body === undefined) return { headers: { accept: "application/json" } };
  // The browser writes the multipart content type itself, with the boundary it chose.
  if (body instanceof FormData) return { body, headers: { accept: "application/json" } };
  return { body: JSON.stringify(body), headers: { "content-type": "application/json" } };
}

async function send(method: Method, path: string, body?: unknown, query?: Query): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { method, credentials: "same-origin", ...requestBody(body) });
  } catch (cause) {
    throw new ApiError(0, "network", cause instanceof Error ? cause.message : "Network error");
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

// Responses are checked against the shared schemas so a contract drift fails loudly at the boundary
// instead of as an undefined deep inside a component.
async function read<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    console.error(`Unexpected response from ${response.url}`, parsed.error.issues);
    throw new ApiError(response.status, "invalid_response", "Unexpected response from the server");
  }
  return parsed.data;
}

async function get<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.output<S>> {
  return read(await send("GET", path, undefined, query), schema);
}

// A FormData body is sent as multipart/form-data (file uploads); anything else as JSON.
function post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
function post(path: string, body?: unknown): Promise<void>;
async function post(path: string, body?: unknown, schema?: z.ZodType): Promise<unknown> {
  const response = await send("POST", path, body);
  return schema ? read(response, schema) : undefined;
}

async function patch<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
  return read(await send("PATCH", path, body), schema);
}

// For the endpoints that take PUT, such as the notification preferences.
async function put<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
  return read(await send("PUT", path, body), schema);
}

async function remove(path: string): Promise<void> {
  await send("DELETE", path);
}

export const api = { get, post, patch, put, delete: remove };
