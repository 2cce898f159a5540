import { InvalidRequestError } from "../errors.js";
import type { PutOptions } from "./object-store.port.js";

const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface NormalisedPutOptions {
  contentType: string | undefined;
  /** Lower-cased keys, as the clouds return them. */
  metadata: Record<string, string>;
}

/**
 * Metadata and content type travel as HTTP headers on every cloud (`x-oss-meta-*`, `x-amz-meta-*`), so
 * every store accepts only what a header can carry — header-token keys, printable ASCII values, one key
 * per case-insensitive name, within the size limit — and says so with a 400 before any request.
 */
export function normalisePutOptions(
  options: PutOptions | undefined,
  limits: { maxMetadataBytes?: number; metadataPrefix?: string } = {},
): NormalisedPutOptions {
  const maxBytes = limits.maxMetadataBytes ?? 2048; // S3's limit, the strictest of the clouds
  const prefixBytes = limits.metadataPrefix?.length ?? 0;
  const contentType = options?.contentType;
  if (contentType !== undefined && (typeof contentType !== "string" || !PRINTABLE_ASCII.test(contentType))) {
    throw new InvalidRequestError("contentType must be printable ASCII", "contentType");
  }
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [rawKey, value] of Object.entries(options?.metadata ?? {})) {
    if (!HTTP_TOKEN.test(rawKey)) throw new InvalidRequestError(`metadata key ${JSON.stringify(rawKey)} must be an HTTP header token`, "metadata");
    if (typeof value !== "string" || !PRINTABLE_ASCII.test(value)) {
      throw new InvalidRequestError(`metadata value for "${rawKey}" must be a printable ASCII string`, "metadata");
    }
    const key = rawKey.toLowerCase();
    if (Object.hasOwn(metadata, key)) throw new InvalidRequestError(`metadata key "${key}" is given twice (keys are case-insensitive)`, "metadata");
    metadata[key] = value;
    bytes += prefixBytes + key.length + value.length;
  }
  if (bytes > maxBytes) throw new InvalidRequestError(`metadata is larger than ${maxBytes} bytes`, "metadata");
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
