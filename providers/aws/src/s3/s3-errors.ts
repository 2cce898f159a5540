import { StorageError } from "@hotpatch/core";

/** What the SDK's service exceptions carry that we branch on (name and HTTP status). */
interface SdkErrorShape {
  name?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function shape(error: unknown): { name: string; status: number | undefined } {
  const candidate = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const status = candidate.$metadata?.httpStatusCode;
  return { name: typeof candidate.name === "string" ? candidate.name : "Error", status: typeof status === "number" ? status : undefined };
}

/** GetObject answers `NoSuchKey`, HeadObject a body-less 404 (`NotFound`). */
export function isNotFound(error: unknown): boolean {
  const { name, status } = shape(error);
  return name === "NoSuchKey" || name === "NotFound" || (status === 404 && name !== "NoSuchBucket");
}

/**
 * A create-if-absent that someone else won: 412 `PreconditionFailed` when the key exists, 409
 * `ConditionalRequestConflict` when a concurrent conditional write was in flight. Both mean "lost".
 */
export function isLostCreateRace(error: unknown): boolean {
  const { name, status } = shape(error);
  return status === 412 || status === 409 || name === "PreconditionFailed" || name === "ConditionalRequestConflict";
}

/**
 * Wraps an SDK failure. The message names the operation, key and S3's error name (which say what went
 * wrong: AccessDenied, NoSuchBucket, SlowDown); credentials and request signatures never appear in it.
 */
export function storageFailure(operation: string, bucket: string, key: string, error: unknown): StorageError {
  const { name, status } = shape(error);
  const where = key === "" ? `bucket "${bucket}"` : `"${key}" in bucket "${bucket}"`;
  return new StorageError(`S3 ${operation} on ${where} failed: ${name}${status ? ` (HTTP ${status})` : ""}`, { cause: error });
}
