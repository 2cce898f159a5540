import type { ErrorCode } from "./errors.js";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 500 | 503;

/**
 * The one exhaustive table from error code to HTTP-style status, shared by every transport (the HTTP
 * app, and through it FC and Lambda). A new code fails to compile until it has a status here.
 */
export const ERROR_STATUS: Record<ErrorCode, ErrorStatus> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  release_conflict: 409,
  payload_too_large: 413,
  storage_error: 503,
  concurrency_exhausted: 503,
  internal: 500,
};
