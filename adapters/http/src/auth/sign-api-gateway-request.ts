import { randomUUID } from "node:crypto";
import { buildStringToSign, contentMd5, isFormContentType, signStringToSign } from "./api-gateway-string-to-sign.js";

export interface ApiGatewayCredentials {
  appKey: string;
  appSecret: string;
  /** `X-Ca-Stage` (RELEASE, PRE, TEST); sent and signed when given. */
  stage?: string;
}

export interface SignOptions {
  now?: () => number;
  nonce?: () => string;
}

/**
 * Signs a request for API Gateway app authentication (HmacSHA256): adds X-Ca-Key, -Timestamp, -Nonce,
 * -Signature-Method, -Signature-Headers (every X-Ca-* header) and X-Ca-Signature, plus Content-MD5 for a
 * non-form body. The body is read into memory, since its MD5 must be in a header sent before it.
 */
export async function signApiGatewayRequest(request: Request, credentials: ApiGatewayCredentials, options: SignOptions = {}): Promise<Request> {
  const headers = new Headers(request.headers);
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const url = new URL(request.url);
  const contentType = headers.get("content-type") ?? "";
  const parameters: Array<[string, string]> = [...url.searchParams.entries()];
  if (body !== undefined && isFormContentType(contentType)) {
    parameters.push(...new URLSearchParams(new TextDecoder().decode(body)).entries());
  } else if (body !== undefined && body.byteLength > 0) {
    headers.set("content-md5", contentMd5(body));
  }
  // Accept is signed; fetch would otherwise add its own `*/*` after signing. The SDK's default:
  if (!headers.has("accept")) headers.set("accept", "application/json");
  headers.set("x-ca-key", credentials.appKey);
  headers.set("x-ca-timestamp", String((options.now ?? Date.now)()));
  headers.set("x-ca-nonce", (options.nonce ?? randomUUID)());
  headers.set("x-ca-signature-method", "HmacSHA256");
  if (credentials.stage) headers.set("x-ca-stage", credentials.stage);
  headers.delete("x-ca-signature");
  headers.delete("x-ca-signature-headers");
  const signedHeaders: Array<[string, string]> = [];
  headers.forEach((value, name) => {
    if (name.startsWith("x-ca-")) signedHeaders.push([name, value]);
  });
  signedHeaders.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  headers.set("x-ca-signature-headers", signedHeaders.map(([name]) => name).join(","));
  const stringToSign = buildStringToSign({
    method: request.method,
    accept: headers.get("accept") ?? "",
    contentMd5: headers.get("content-md5") ?? "",
    contentType,
    date: headers.get("date") ?? "",
    signedHeaders,
    path: url.pathname,
    parameters,
  });
  headers.set("x-ca-signature", signStringToSign(credentials.appSecret, stringToSign));
  return new Request(request.url, {
    method: request.method,
    headers,
    ...(body !== undefined ? { body } : {}),
    redirect: request.redirect,
    signal: request.signal,
  });
}
