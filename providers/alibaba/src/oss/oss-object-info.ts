import { normalisePutOptions as normaliseForHeaders, type ObjectInfo, type PutOptions } from "@hotpatch/core";
import type { OssHeaders } from "./oss-client.js";

/** OSS's limit on the user metadata of one object. */
const MAX_METADATA_BYTES = 8 * 1024;
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
  // OSS counts the `x-oss-meta-` prefix against its 8 KB limit; the header rules are core's.
  const { contentType, metadata } = normaliseForHeaders(options, { maxMetadataBytes: MAX_METADATA_BYTES, metadataPrefix: META_PREFIX });
  return { contentType: contentType ?? DEFAULT_CONTENT_TYPE, metadata };
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
