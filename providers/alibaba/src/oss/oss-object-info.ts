import { InvalidRequestError, type ObjectInfo, type PutOptions } from "@hotpatch/core";
import type { OssHeaders } from "./oss-client.js";

/** OSS's limit on the user metadata of one object. */
const MAX_METADATA_BYTES = 8 * 1024;
const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const META_PREFIX = "x-oss-meta-";
/** What OSS stores when a PUT names no type; sent explicitly so ali-oss does not guess one from the key's extension. */
export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

export interface NormalisedPut {
  contentType: string;
  /** Lower-case keys, as OSS returns them. */
  metadata: Record<string, string>;
}

/** Metadata and content type travel as headers: only header-token keys and printable ASCII values fit. */
export function normalisePutOptions(options: PutOptions | undefined): NormalisedPut {
  const contentType = options?.contentType ?? DEFAULT_CONTENT_TYPE;
  if (typeof contentType !== "string" || !PRINTABLE_ASCII.test(contentType)) {
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
    bytes += META_PREFIX.length + key.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) throw new InvalidRequestError(`metadata is larger than OSS's ${MAX_METADATA_BYTES} bytes`, "metadata");
  return { contentType, metadata };
}

function header(headers: OssHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** ObjectInfo from the headers of a GET or HEAD answer. */
export function infoFromHeaders(key: string, headers: OssHeaders, size?: number): ObjectInfo {
  const metadata: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    if (name.startsWith(META_PREFIX)) metadata[name.slice(META_PREFIX.length)] = header(headers, name) ?? "";
  }
  const lastModified = header(headers, "last-modified");
  const contentType = header(headers, "content-type");
  const info: ObjectInfo = {
    key,
    size: size ?? Number(header(headers, "content-length") ?? 0),
    etag: header(headers, "etag") ?? "",
    lastModified: lastModified ? new Date(lastModified) : new Date(),
    metadata,
  };
  if (contentType !== undefined) info.contentType = contentType;
  return info;
}
