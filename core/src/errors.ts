/**
 * Typed errors with a stable `code`. Adapters map codes to transport statuses through one exhaustive
 * table (see adapters/http), so adding a code here fails compilation until it is mapped there.
 */
export const ERROR_CODES = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "release_conflict",
  "payload_too_large",
  "storage_error",
  "concurrency_exhausted",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class HotpatchError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "HotpatchError";
  }
}

/** Input that the caller must fix (400). */
export class InvalidRequestError extends HotpatchError {
  /** Which field was wrong, when one field is to blame. */
  readonly field: string | undefined;
  constructor(message: string, field?: string, options?: { cause?: unknown }) {
    super("invalid_request", message, options);
    this.name = "InvalidRequestError";
    this.field = field;
  }
}

export class UnauthorizedError extends HotpatchError {
  constructor(message: string) {
    super("unauthorized", message);
    this.name = "UnauthorizedError";
  }
}

export class ForbiddenError extends HotpatchError {
  constructor(message: string) {
    super("forbidden", message);
    this.name = "ForbiddenError";
  }
}

export class NotFoundError extends HotpatchError {
  constructor(message: string) {
    super("not_found", message);
    this.name = "NotFoundError";
  }
}

/** A name or key that already exists, or a state that forbids the change. */
export class ConflictError extends HotpatchError {
  constructor(message: string) {
    super("conflict", message);
    this.name = "ConflictError";
  }
}

/** A release refused by the CodePush rules (identical content, unfinished rollout, rollout not growing). */
export class ReleaseConflictError extends HotpatchError {
  constructor(message: string) {
    super("release_conflict", message);
    this.name = "ReleaseConflictError";
  }
}

export class PayloadTooLargeError extends HotpatchError {
  constructor(message: string) {
    super("payload_too_large", message);
    this.name = "PayloadTooLargeError";
  }
}

/** The object store failed; the SDK error is kept as `cause`, never in the message. */
export class StorageError extends HotpatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("storage_error", message, options);
    this.name = "StorageError";
  }
}

/** An append lost the create-if-absent race too many times in a row. Safe to retry. */
export class ConcurrencyExhaustedError extends HotpatchError {
  constructor(message: string) {
    super("concurrency_exhausted", message);
    this.name = "ConcurrencyExhaustedError";
  }
}

export function isHotpatchError(error: unknown): error is HotpatchError {
  return error instanceof HotpatchError;
}
