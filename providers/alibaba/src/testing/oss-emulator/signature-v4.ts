import { createHash, createHmac } from "node:crypto";

export const V4_ALGORITHM = "OSS4-HMAC-SHA256";

/** RFC 3986: `encodeURIComponent` plus `!'()*`. */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface V4Request {
  method: string;
  bucket?: string;
  key?: string;
  /** Every query parameter except the signature itself; `null` = given without a value. */
  query: Array<[string, string | null]>;
  /** Lower-case names. content-type, content-md5 and every x-oss-* are signed, plus `additionalHeaders`. */
  headers: Record<string, string>;
  additionalHeaders: string[];
  /** `x-oss-content-sha256`, or UNSIGNED-PAYLOAD for presigned URLs. */
  payloadHash: string;
}

export function v4CanonicalRequest(request: V4Request): string {
  const uri = request.bucket === undefined ? "/" : `/${request.bucket}/${(request.key ?? "").split("/").map(rfc3986).join("/")}`;
  const query = request.query
    .map(([name, value]) => [rfc3986(name), value === null || value === "" ? null : rfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === null ? name : `${name}=${value}`))
    .join("&");
  const additional = request.additionalHeaders.map((name) => name.toLowerCase()).sort();
  const signed = Object.entries(request.headers)
    .filter(([name]) => name === "content-type" || name === "content-md5" || name.startsWith("x-oss-") || additional.includes(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value.trim()}\n`)
    .join("");
  return `${request.method}\n${uri}\n${query}\n${signed}\n${additional.join(";")}\n${request.payloadHash}`;
}

/** `<yyyymmdd>/<region>/oss/aliyun_v4_request`. */
export function v4Scope(day: string, region: string): string {
  return `${day}/${region}/oss/aliyun_v4_request`;
}

export function v4StringToSign(timestamp: string, scope: string, canonicalRequest: string): string {
  return `${V4_ALGORITHM}\n${timestamp}\n${scope}\n${createHash("sha256").update(canonicalRequest, "utf8").digest("hex")}`;
}

/** hex(HMAC-SHA256(key, StringToSign)) with key = HMAC chain over "aliyun_v4"+secret, day, region, "oss", "aliyun_v4_request". */
export function v4Signature(secret: string, day: string, region: string, stringToSign: string): string {
  let key: Buffer = createHmac("sha256", `aliyun_v4${secret}`).update(day).digest();
  for (const part of [region, "oss", "aliyun_v4_request"]) key = createHmac("sha256", key).update(part).digest();
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}
