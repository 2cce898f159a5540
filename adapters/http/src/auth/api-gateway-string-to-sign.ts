import { createHash, createHmac } from "node:crypto";

/** Headers the gateway signs on fixed lines, or never; they may not appear in X-Ca-Signature-Headers. */
export const NOT_SIGNABLE_AS_HEADER: ReadonlySet<string> = new Set(["x-ca-signature", "x-ca-signature-headers", "accept", "content-md5", "content-type", "date"]);

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

export interface StringToSignParts {
  method: string;
  accept: string;
  contentMd5: string;
  contentType: string;
  date: string;
  /** Lower-case names with their values, in the order of X-Ca-Signature-Headers (sorted). */
  signedHeaders: Array<[name: string, value: string]>;
  /** The request path without host or query. */
  path: string;
  /** Query parameters, then form-body parameters (which win on a repeated key). */
  parameters: Array<[key: string, value: string]>;
}

/**
 * API Gateway's StringToSign (platforms.md §5.2): the five fixed lines stay even when empty; signed
 * headers as `name:value` lines; then PathAndParameters, whose parameters are sorted by key, joined with
 * `&`, raw (not re-encoded), and written as a bare `key` when the value is empty.
 */
export function buildStringToSign(parts: StringToSignParts): string {
  const lines = [parts.method, parts.accept, parts.contentMd5, parts.contentType, parts.date].join("\n");
  const headers = parts.signedHeaders.map(([name, value]) => `${name}:${value}\n`).join("");
  return `${lines}\n${headers}${pathAndParameters(parts.path, parts.parameters)}`;
}

export function pathAndParameters(path: string, parameters: Array<[string, string]>): string {
  if (parameters.length === 0) return path;
  // A key given twice is signed once with its values comma-joined, as the Node SDK does.
  const merged = new Map<string, string[]>();
  for (const [key, value] of parameters) merged.set(key, [...(merged.get(key) ?? []), value]);
  const query = [...merged.keys()]
    .sort()
    .map((key) => {
      const value = (merged.get(key) as string[]).join(",");
      return value === "" ? key : `${key}=${value}`;
    })
    .join("&");
  return `${path}?${query}`;
}

/** base64(HMAC-SHA256(AppSecret, StringToSign)), both UTF-8. */
export function signStringToSign(appSecret: string, stringToSign: string): string {
  return createHmac("sha256", appSecret).update(stringToSign, "utf8").digest("base64");
}

/** base64(MD5(body)): Content-MD5 as API Gateway (and OSS) write it. */
export function contentMd5(body: Uint8Array): string {
  return createHash("md5").update(body).digest("base64");
}

export function isFormContentType(contentType: string): boolean {
  return contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE);
}
