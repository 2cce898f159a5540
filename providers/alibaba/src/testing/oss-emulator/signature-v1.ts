import { createHmac } from "node:crypto";

/**
 * Query parameters that are part of a V1 CanonicalizedResource ("sub-resources"). Plain list parameters
 * (`prefix`, `max-keys`, `list-type`, `start-after`, ...) are not signed; `continuation-token` is.
 */
export const V1_SUB_RESOURCES: ReadonlySet<string> = new Set([
  "acl", "uploads", "uploadId", "partNumber", "append", "position", "delete", "tagging", "objectMeta", "symlink",
  "restore", "location", "cors", "logging", "website", "referer", "lifecycle", "versioning", "versions", "versionId",
  "policy", "encryption", "inventory", "callback", "callback-var", "security-token", "x-oss-process",
  "x-oss-traffic-limit", "response-content-type", "response-content-language", "response-expires",
  "response-cache-control", "response-content-disposition", "response-content-encoding", "continuation-token",
]);

export interface V1Request {
  method: string;
  contentMd5: string;
  contentType: string;
  /** The `Date` header, else `x-oss-date` (ali-oss sends only the latter); for presigned URLs the `Expires` number. */
  date: string;
  /** Lower-case names; only `x-oss-*` ones are used. */
  headers: Record<string, string>;
  bucket?: string;
  /** The raw (decoded) key; V1 does not URL-encode it. */
  key?: string;
  /** Query parameters in any order; only sub-resources are signed. `null` = given without a value. */
  query: Array<[string, string | null]>;
}

export function v1StringToSign(request: V1Request): string {
  const ossHeaders = Object.entries(request.headers)
    .filter(([name]) => name.startsWith("x-oss-"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value.trim()}\n`)
    .join("");
  let resource = request.bucket === undefined ? "/" : `/${request.bucket}/${request.key ?? ""}`;
  const subResources = request.query
    .filter(([name]) => V1_SUB_RESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === null || value === "" ? name : `${name}=${value}`));
  if (subResources.length > 0) resource += `?${subResources.join("&")}`;
  return `${request.method}\n${request.contentMd5}\n${request.contentType}\n${request.date}\n${ossHeaders}${resource}`;
}

/** base64(HMAC-SHA1(secret, StringToSign)). */
export function v1Signature(secret: string, stringToSign: string): string {
  return createHmac("sha1", secret).update(stringToSign, "utf8").digest("base64");
}
