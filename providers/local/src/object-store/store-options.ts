import { createHash } from "node:crypto";
import { InvalidRequestError } from "@hotpatch/core";
import type { PutOptions } from "@hotpatch/core";
import { InvalidOptionsError } from "../errors.js";
import type { DownloadUrlConfig } from "./download-url.js";

/** Options shared by the memory and the filesystem store. */
export interface LocalObjectStoreOptions extends DownloadUrlConfig {
  /** Clock for `lastModified` and URL expiry; tests pass a fixed one. */
  now?: () => Date;
}

export const LOCAL_OBJECT_STORE_OPTION_KEYS = ["publicBaseUrl", "signingSecret", "defaultExpirySeconds", "now"] as const;

/** Typos in options fail loudly at construction instead of being silently ignored. */
export function rejectUnknownOptions(options: object, allowed: readonly string[], owner: string): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidOptionsError(`${owner} does not take an option "${key}" (known: ${allowed.join(", ")})`, key);
    }
  }
}

/** S3 and OSS give a single-part upload the quoted MD5 hex of its body as ETag; so do the local stores. */
export function md5Etag(body: Uint8Array): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

/** User metadata is limited to 2 KB in total, as on S3 (OSS allows 8 KB; the stricter limit keeps code portable). */
const MAX_METADATA_BYTES = 2048;
const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface NormalisedPutOptions {
  contentType: string | undefined;
  metadata: Record<string, string>;
}

/**
 * Metadata and content type travel as HTTP headers on the clouds, so the local stores accept only what a
 * header can carry: header-token keys (lower-cased, as the clouds return them) and printable ASCII values.
 */
export function normalisePutOptions(options: PutOptions | undefined): NormalisedPutOptions {
  const contentType = options?.contentType;
  if (contentType !== undefined && (typeof contentType !== "string" || !PRINTABLE_ASCII.test(contentType))) {
    throw new InvalidRequestError("contentType must be printable ASCII", "contentType");
  }
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [rawKey, value] of Object.entries(options?.metadata ?? {})) {
    if (!HTTP_TOKEN.test(rawKey)) {
      throw new InvalidRequestError(`metadata key ${JSON.stringify(rawKey)} must be an HTTP header token`, "metadata");
    }
    if (typeof value !== "string" || !PRINTABLE_ASCII.test(value)) {
      throw new InvalidRequestError(`metadata value for "${rawKey}" must be a printable ASCII string`, "metadata");
    }
    const key = rawKey.toLowerCase();
    if (Object.hasOwn(metadata, key)) {
      throw new InvalidRequestError(`metadata key "${key}" is given twice (keys are case-insensitive)`, "metadata");
    }
    metadata[key] = value;
    bytes += key.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new InvalidRequestError(`metadata is larger than ${MAX_METADATA_BYTES} bytes`, "metadata");
  }
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

/** Ascending order of UTF-8 bytes, the order S3 and OSS list keys in (JavaScript's `<` compares UTF-16 units). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
