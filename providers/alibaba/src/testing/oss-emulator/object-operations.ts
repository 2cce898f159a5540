import { createHash } from "node:crypto";
import type { EmulatedBucket, EmulatedObject } from "./emulated-bucket.js";
import { ossErrors } from "./oss-error.js";
import { queryValue, type QueryPairs } from "./request-target.js";
import { xmlDocument } from "./xml.js";

export interface EmulatorRequest {
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** OSS keeps these request headers and replays them on GET. */
const ENTITY_HEADERS = ["cache-control", "content-disposition", "content-encoding", "content-language", "expires"];
/** OSS rejects all four on PutObject / CopyObject with 400 NotImplemented: it has no compare-and-swap. */
const CONDITIONAL_WRITE_HEADERS = ["if-match", "if-none-match", "if-modified-since", "if-unmodified-since"];
const MAX_METADATA_BYTES = 8 * 1024;

const md5 = (body: Buffer): Buffer => createHash("md5").update(body).digest();

function metaFrom(headers: Record<string, string>): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.startsWith("x-oss-meta-")) meta[name.slice("x-oss-meta-".length)] = value;
  return meta;
}

function checkWrite(bucket: EmulatedBucket, key: string, headers: Record<string, string>): void {
  for (const name of CONDITIONAL_WRITE_HEADERS) if (headers[name] !== undefined) throw ossErrors.notImplemented(name);
  // Ignored on versioning-enabled or suspended buckets, exactly like the real service.
  if (headers["x-oss-forbid-overwrite"]?.toLowerCase() === "true" && bucket.versioning === undefined && bucket.objects.has(key)) {
    throw ossErrors.fileAlreadyExists(key);
  }
}

function store(bucket: EmulatedBucket, key: string, body: Buffer, contentType: string, meta: Record<string, string>, entityHeaders: Record<string, string>, now: Date): EmulatedObject {
  const metaBytes = Object.entries(meta).reduce((sum, [name, value]) => sum + "x-oss-meta-".length + name.length + value.length, 0);
  if (metaBytes > MAX_METADATA_BYTES) throw ossErrors.invalidArgument("Your metadata headers exceed the maximum allowed metadata size.", "x-oss-meta-*", String(metaBytes));
  const object: EmulatedObject = {
    key,
    body,
    etag: `"${md5(body).toString("hex").toUpperCase()}"`,
    lastModified: now,
    contentType,
    meta,
    entityHeaders,
  };
  bucket.objects.set(key, object);
  return object;
}

export function putObject(bucket: EmulatedBucket, key: string, request: EmulatorRequest, now: Date): { response: EmulatorResponse; created: EmulatedObject } {
  checkWrite(bucket, key, request.headers);
  const declared = request.headers["content-md5"];
  const actual = md5(request.body).toString("base64");
  if (declared !== undefined && declared !== actual) throw ossErrors.invalidDigest();
  const entity: Record<string, string> = {};
  for (const name of ENTITY_HEADERS) if (request.headers[name] !== undefined) entity[name] = request.headers[name] as string;
  const created = store(bucket, key, request.body, request.headers["content-type"] || "application/octet-stream", metaFrom(request.headers), entity, now);
  return { response: { status: 200, headers: { ETag: created.etag, "Content-MD5": actual } }, created };
}

export function copyObject(buckets: ReadonlyMap<string, EmulatedBucket>, bucket: EmulatedBucket, key: string, request: EmulatorRequest, now: Date): { response: EmulatorResponse; created: EmulatedObject } {
  checkWrite(bucket, key, request.headers);
  const source = request.headers["x-oss-copy-source"] as string;
  const match = /^\/([^/]+)\/(.+)$/.exec(source);
  if (!match) throw ossErrors.invalidArgument("The copy source is malformed.", "x-oss-copy-source", source);
  let sourceKey: string;
  try {
    sourceKey = decodeURIComponent(match[2] as string);
  } catch {
    throw ossErrors.invalidArgument("The copy source is not valid percent-encoding.", "x-oss-copy-source", source);
  }
  const sourceBucket = buckets.get(match[1] as string);
  if (!sourceBucket) throw ossErrors.noSuchBucket(match[1] as string);
  const original = sourceBucket.objects.get(sourceKey);
  if (!original) throw ossErrors.noSuchKey(sourceKey);
  const failed = preconditionFailure(original, {
    ifMatch: request.headers["x-oss-copy-source-if-match"],
    ifNoneMatch: request.headers["x-oss-copy-source-if-none-match"],
    ifModifiedSince: request.headers["x-oss-copy-source-if-modified-since"],
    ifUnmodifiedSince: request.headers["x-oss-copy-source-if-unmodified-since"],
  });
  if (failed === "not-modified") return { response: { status: 304, headers: {} }, created: original };
  if (failed) throw ossErrors.preconditionFailed(`x-oss-copy-source-${failed}`);
  const replace = request.headers["x-oss-metadata-directive"]?.toUpperCase() === "REPLACE";
  const created = replace
    ? store(bucket, key, original.body, request.headers["content-type"] || original.contentType, metaFrom(request.headers), {}, now)
    : store(bucket, key, original.body, original.contentType, { ...original.meta }, { ...original.entityHeaders }, now);
  const body = xmlDocument("CopyObjectResult", { ETag: created.etag, LastModified: created.lastModified.toISOString() });
  return { response: { status: 200, headers: { "Content-Type": "application/xml", ETag: created.etag }, body }, created };
}

interface Conditions {
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  ifUnmodifiedSince: string | undefined;
}

const bareEtag = (etag: string): string => etag.replace(/"/g, "").trim().toUpperCase();

/** The failing condition's name, "not-modified" for a 304, or undefined. Invalid dates are ignored, as OSS does. */
function preconditionFailure(object: EmulatedObject, c: Conditions): string | "not-modified" | undefined {
  const modified = Math.floor(object.lastModified.getTime() / 1000) * 1000;
  if (c.ifMatch !== undefined && !c.ifMatch.split(",").some((tag) => bareEtag(tag) === bareEtag(object.etag) || tag.trim() === "*")) return "if-match";
  const unmodifiedSince = c.ifUnmodifiedSince === undefined ? NaN : Date.parse(c.ifUnmodifiedSince);
  if (Number.isFinite(unmodifiedSince) && modified > unmodifiedSince) return "if-unmodified-since";
  if (c.ifNoneMatch !== undefined && c.ifNoneMatch.split(",").some((tag) => bareEtag(tag) === bareEtag(object.etag) || tag.trim() === "*")) return "not-modified";
  const modifiedSince = c.ifModifiedSince === undefined ? NaN : Date.parse(c.ifModifiedSince);
  if (Number.isFinite(modifiedSince) && modified <= modifiedSince) return "not-modified";
  return undefined;
}

function objectHeaders(object: EmulatedObject): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": object.contentType,
    ETag: object.etag,
    "Last-Modified": object.lastModified.toUTCString(),
    "Accept-Ranges": "bytes",
    "x-oss-object-type": "Normal",
    "x-oss-storage-class": "Standard",
    ...object.entityHeaders,
  };
  for (const [name, value] of Object.entries(object.meta)) headers[`x-oss-meta-${name}`] = value;
  return headers;
}

const RESPONSE_OVERRIDES: Array<[string, string]> = [
  ["response-content-type", "Content-Type"],
  ["response-content-language", "Content-Language"],
  ["response-expires", "Expires"],
  ["response-cache-control", "Cache-Control"],
  ["response-content-disposition", "Content-Disposition"],
  ["response-content-encoding", "Content-Encoding"],
];

/** GetObject and HeadObject: conditionals (412 / 304), one byte range, `response-*` overrides. */
export function getObject(bucket: EmulatedBucket, key: string, request: EmulatorRequest, query: QueryPairs): EmulatorResponse {
  const object = bucket.objects.get(key);
  if (!object) throw ossErrors.noSuchKey(key);
  const failed = preconditionFailure(object, {
    ifMatch: request.headers["if-match"],
    ifNoneMatch: request.headers["if-none-match"],
    ifModifiedSince: request.headers["if-modified-since"],
    ifUnmodifiedSince: request.headers["if-unmodified-since"],
  });
  if (failed === "not-modified") return { status: 304, headers: { ETag: object.etag, "Last-Modified": object.lastModified.toUTCString() } };
  if (failed) throw ossErrors.preconditionFailed(failed);
  const headers = objectHeaders(object);
  for (const [param, header] of RESPONSE_OVERRIDES) {
    const value = queryValue(query, param);
    if (typeof value === "string") headers[header] = value;
  }
  if (queryValue(query, "objectMeta") !== undefined) {
    return { status: 200, headers: { ETag: object.etag, "Content-Length": String(object.body.byteLength), "Last-Modified": headers["Last-Modified"] as string } };
  }
  const range = parseRange(request.headers.range, object.body.byteLength);
  if (range) {
    const [start, end] = range;
    headers["Content-Range"] = `bytes ${start}-${end}/${object.body.byteLength}`;
    headers["Content-Length"] = String(end - start + 1);
    return { status: 206, headers, body: request.method === "HEAD" ? undefined : object.body.subarray(start, end + 1) };
  }
  headers["Content-Length"] = String(object.body.byteLength);
  return { status: 200, headers, body: request.method === "HEAD" ? undefined : object.body };
}

/** One `bytes=a-b` / `a-` / `-n` range; anything else (or out of bounds) means the whole object, as OSS does. */
function parseRange(header: string | undefined, size: number): [number, number] | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "") || size === 0) return undefined;
  let start: number;
  let end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? [start, end] : undefined;
}

export function deleteObject(bucket: EmulatedBucket, key: string): EmulatorResponse {
  bucket.objects.delete(key); // 204 whether or not it existed
  return { status: 204, headers: {} };
}
