import { createHash, createHmac } from "node:crypto";

export interface PutLogsSignatureInput {
  method: string;
  /** Upper-case hex MD5 of the body: SLS wants hex here, where OSS and API Gateway want base64. */
  contentMd5: string;
  contentType: string;
  date: string;
  /** Every `x-log-*` and `x-acs-*` header that is sent. */
  headers: Record<string, string>;
  /** The path, e.g. `/logstores/app-logs/shards/lb`. */
  resource: string;
  query?: Record<string, string>;
}

export function slsContentMd5(body: Uint8Array): string {
  return createHash("md5").update(body).digest("hex").toUpperCase();
}

/** `VERB\nCONTENT-MD5\nCONTENT-TYPE\nDATE\n` + sorted `x-log-*`/`x-acs-*` lines + resource (+ sorted query). */
export function putLogsStringToSign(input: PutLogsSignatureInput): string {
  const headerLines = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
    .filter(([name]) => name.startsWith("x-log-") || name.startsWith("x-acs-"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join("");
  const query = Object.entries(input.query ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return `${input.method}\n${input.contentMd5}\n${input.contentType}\n${input.date}\n${headerLines}${input.resource}${query ? `?${query}` : ""}`;
}

/** `Authorization: LOG <AccessKeyId>:<base64(hmac-sha1(secret, StringToSign))>`. */
export function putLogsAuthorization(accessKeyId: string, accessKeySecret: string, stringToSign: string): string {
  return `LOG ${accessKeyId}:${createHmac("sha1", accessKeySecret).update(stringToSign, "utf8").digest("base64")}`;
}
