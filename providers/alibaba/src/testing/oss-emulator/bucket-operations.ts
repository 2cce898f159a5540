import type { EmulatedBucket } from "./emulated-bucket.js";
import type { EmulatorResponse } from "./object-operations.js";
import { ossErrors } from "./oss-error.js";
import { queryValue, type QueryPairs } from "./request-target.js";
import { xmlDocument, type XmlNode } from "./xml.js";

const DEFAULT_MAX_KEYS = 100;
const MAX_KEYS = 1000;

const compareUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
const encodeToken = (key: string): string => Buffer.from(key, "utf8").toString("base64");

/**
 * ListObjectsV2 (`GET /?list-type=2`): keys in UTF-8 byte order, `prefix`, `delimiter` (CommonPrefixes),
 * `start-after`, opaque `continuation-token`, `max-keys` (default 100, at most 1000), `fetch-owner`,
 * `encoding-type=url`.
 */
export function listObjectsV2(bucket: EmulatedBucket, query: QueryPairs): EmulatorResponse {
  const prefix = queryValue(query, "prefix") ?? "";
  const delimiter = queryValue(query, "delimiter") ?? "";
  const startAfter = queryValue(query, "start-after") ?? undefined;
  const token = queryValue(query, "continuation-token") ?? undefined;
  const rawMaxKeys = queryValue(query, "max-keys");
  const maxKeys = rawMaxKeys === undefined || rawMaxKeys === null ? DEFAULT_MAX_KEYS : Number(rawMaxKeys);
  if (!Number.isInteger(maxKeys) || maxKeys < 0 || maxKeys > MAX_KEYS) {
    throw ossErrors.invalidArgument("Argument max-keys must be an integer between 0 and 1000.", "max-keys", String(rawMaxKeys));
  }
  let after: string | undefined = startAfter;
  if (token !== undefined) {
    after = Buffer.from(token, "base64").toString("utf8");
    if (encodeToken(after) !== token) throw ossErrors.invalidArgument("The continuation token is invalid.", "continuation-token", token);
  }
  const urlEncode = queryValue(query, "encoding-type") === "url";
  const show = (text: string): string => (urlEncode ? encodeURIComponent(text) : text);
  const fetchOwner = queryValue(query, "fetch-owner") === "true";

  const contents: XmlNode[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const key of bucket.sortedKeys()) {
    if (!key.startsWith(prefix) || (after !== undefined && compareUtf8(key, after) <= 0)) continue;
    let entry = key;
    if (delimiter !== "") {
      const cut = key.indexOf(delimiter, prefix.length);
      if (cut !== -1) entry = key.slice(0, cut + delimiter.length);
    }
    if (entry === last) continue; // further keys of a common prefix already listed
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    last = entry;
    if (entry !== key) {
      prefixes.push(entry);
      continue;
    }
    const object = bucket.objects.get(key)!;
    contents.push({
      Key: show(key),
      LastModified: object.lastModified.toISOString(),
      ETag: object.etag,
      Type: "Normal",
      Size: object.body.byteLength,
      StorageClass: "Standard",
      ...(fetchOwner ? { Owner: { ID: "0", DisplayName: "0" } } : {}),
    });
  }
  // A common prefix is skipped as a whole on the next page: continue after its last possible key.
  const nextAfter = last !== undefined && last.endsWith(delimiter) && delimiter !== "" ? `${last}\u{10FFFF}` : last;
  const body: XmlNode = {
    Name: bucket.name,
    Prefix: show(prefix),
    ...(startAfter !== undefined ? { StartAfter: show(startAfter) } : {}),
    ...(token !== undefined ? { ContinuationToken: token } : {}),
    MaxKeys: maxKeys,
    Delimiter: show(delimiter),
    ...(urlEncode ? { EncodingType: "url" } : {}),
    IsTruncated: truncated,
    ...(truncated && nextAfter !== undefined ? { NextContinuationToken: encodeToken(nextAfter) } : {}),
    KeyCount: contents.length + prefixes.length,
    Contents: contents,
    CommonPrefixes: prefixes.map((p) => ({ Prefix: show(p) })),
  };
  return { status: 200, headers: { "Content-Type": "application/xml" }, body: xmlDocument("ListBucketResult", body) };
}

export function getBucketVersioning(bucket: EmulatedBucket): EmulatorResponse {
  const body = xmlDocument("VersioningConfiguration", bucket.versioning ? { Status: bucket.versioning } : {});
  return { status: 200, headers: { "Content-Type": "application/xml" }, body };
}
