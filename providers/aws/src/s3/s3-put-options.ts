import { InvalidRequestError, type PutOptions } from "@hotpatch/core";

/** S3 caps user metadata at 2 KB (names plus values). */
const MAX_METADATA_BYTES = 2048;
const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface S3PutHeaders {
  contentType: string | undefined;
  /** Lower-cased names, as S3 returns them. */
  metadata: Record<string, string>;
}

/**
 * Metadata and content type travel as `x-amz-meta-*` / `Content-Type` headers, so only what a header can
 * carry is accepted; the checks run before any request so the caller gets a 400, not a socket error.
 */
export function toPutHeaders(options: PutOptions | undefined): S3PutHeaders {
  const contentType = options?.contentType;
  if (contentType !== undefined && (typeof contentType !== "string" || !PRINTABLE_ASCII.test(contentType))) {
    throw new InvalidRequestError("contentType must be printable ASCII", "contentType");
  }
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [rawName, value] of Object.entries(options?.metadata ?? {})) {
    if (!HTTP_TOKEN.test(rawName)) {
      throw new InvalidRequestError(`metadata key ${JSON.stringify(rawName)} must be an HTTP header token`, "metadata");
    }
    if (typeof value !== "string" || !PRINTABLE_ASCII.test(value)) {
      throw new InvalidRequestError(`metadata value for "${rawName}" must be a printable ASCII string`, "metadata");
    }
    const name = rawName.toLowerCase();
    if (Object.hasOwn(metadata, name)) {
      throw new InvalidRequestError(`metadata key "${name}" is given twice (keys are case-insensitive)`, "metadata");
    }
    metadata[name] = value;
    bytes += name.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) throw new InvalidRequestError(`metadata is larger than ${MAX_METADATA_BYTES} bytes`, "metadata");
  return { contentType, metadata };
}

export function assertBody(body: unknown): asserts body is Uint8Array {
  if (!(body instanceof Uint8Array)) throw new InvalidRequestError("body must be a Uint8Array", "body");
}

export function assertValidLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new InvalidRequestError("limit must be a whole number ≥ 0", "limit");
  }
}
