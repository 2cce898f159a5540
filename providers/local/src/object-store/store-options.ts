import { createHash } from "node:crypto";
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

/** Metadata, content type, body and limit checks are shared by every store (core's put-options). */
export { normalisePutOptions, assertBody, assertValidLimit, type NormalisedPutOptions } from "@hotpatch/core";

/** Ascending order of UTF-8 bytes, the order S3 and OSS list keys in (JavaScript's `<` compares UTF-16 units). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
