// Every error the API answers with has this shape and one of these codes.
export const ERROR_CODES = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  bad_origin: 403,
  not_found: 404,
  conflict: 409,
  setup_done: 409,
  duplicate: 409,
  // The change waits for a manager's decision in the approval inbox.
  approval_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export type ApiErrorBody = {
  error: { code: ErrorCode; message: string; details?: unknown };
};
