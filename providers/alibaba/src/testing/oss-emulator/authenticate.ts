import { timingSafeEqual } from "node:crypto";
import { ossErrors } from "./oss-error.js";
import { queryValue, type RequestTarget } from "./request-target.js";
import { v1Signature, v1StringToSign } from "./signature-v1.js";
import { V4_ALGORITHM, v4CanonicalRequest, v4Scope, v4Signature, v4StringToSign } from "./signature-v4.js";

export interface EmulatorAccount {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, requests must carry it (`x-oss-security-token` / `security-token`), as with STS. */
  securityToken?: string;
}

export interface AuthContext {
  accounts: ReadonlyMap<string, EmulatorAccount>;
  region: string;
  now: () => number;
}

export interface IncomingRequest {
  method: string;
  /** Lower-case names, single string values. */
  headers: Record<string, string>;
}

/** OSS accepts a request time within 15 minutes of its own clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/** The verified account, or "anonymous" for a request without any signature. Throws OSS's 403s. */
export function authenticate(request: IncomingRequest, target: RequestTarget, context: AuthContext): EmulatorAccount | "anonymous" {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    if (authorization.startsWith(`${V4_ALGORITHM} `)) return verifyV4Header(request, target, context, authorization);
    if (authorization.startsWith("OSS ")) return verifyV1Header(request, target, context, authorization);
    throw ossErrors.invalidArgument("Authorization header is invalid.", "Authorization", authorization.split(" ")[0] ?? "");
  }
  if (queryValue(target.query, "x-oss-signature-version") !== undefined) return verifyV4Query(request, target, context);
  if (queryValue(target.query, "Signature") !== undefined) return verifyV1Query(request, target, context);
  return "anonymous";
}

function account(context: AuthContext, id: string): EmulatorAccount {
  const found = context.accounts.get(id);
  if (!found) throw ossErrors.invalidAccessKeyId(id);
  return found;
}

function checkToken(found: EmulatorAccount, provided: string | null | undefined): void {
  // The real service's code for a wrong STS token is not documented; the emulator answers AccessDenied.
  if (found.securityToken !== undefined && provided !== found.securityToken) throw ossErrors.accessDenied("The security token you provided is invalid.");
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkSkew(context: AuthContext, time: number): void {
  if (!Number.isFinite(time)) throw ossErrors.accessDenied("OSS authentication requires a valid Date.");
  if (Math.abs(context.now() - time) > MAX_SKEW_MS) throw ossErrors.requestTimeTooSkewed();
}

function verifyV1Header(request: IncomingRequest, target: RequestTarget, context: AuthContext, authorization: string): EmulatorAccount {
  const match = /^OSS ([^:]+):(.+)$/.exec(authorization);
  if (!match) throw ossErrors.invalidArgument("Authorization header is invalid.", "Authorization", "OSS");
  const [, id, signature] = match as unknown as [string, string, string];
  const found = account(context, id);
  // ali-oss never sends Date; it signs x-oss-date in the Date line instead.
  const date = request.headers.date ?? request.headers["x-oss-date"] ?? "";
  checkSkew(context, Date.parse(date));
  checkToken(found, request.headers["x-oss-security-token"]);
  const stringToSign = v1StringToSign({
    method: request.method,
    contentMd5: request.headers["content-md5"] ?? "",
    contentType: request.headers["content-type"] ?? "",
    date,
    headers: request.headers,
    ...bucketAndKey(target),
    query: target.query,
  });
  if (!sameText(v1Signature(found.accessKeySecret, stringToSign), signature)) throw ossErrors.signatureDoesNotMatch(stringToSign, id);
  return found;
}

function verifyV1Query(request: IncomingRequest, target: RequestTarget, context: AuthContext): EmulatorAccount {
  const id = queryValue(target.query, "OSSAccessKeyId") ?? "";
  const expires = queryValue(target.query, "Expires") ?? "";
  const signature = queryValue(target.query, "Signature") ?? "";
  const found = account(context, id);
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < context.now()) throw ossErrors.accessDenied("Request has expired.");
  checkToken(found, queryValue(target.query, "security-token"));
  const stringToSign = v1StringToSign({
    method: request.method,
    contentMd5: request.headers["content-md5"] ?? "",
    contentType: request.headers["content-type"] ?? "",
    date: expires,
    headers: request.headers,
    ...bucketAndKey(target),
    query: target.query,
  });
  if (!sameText(v1Signature(found.accessKeySecret, stringToSign), signature)) throw ossErrors.signatureDoesNotMatch(stringToSign, id);
  return found;
}

/** `20250101T000000Z` → epoch ms (NaN when malformed). */
function parseV4Date(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : Number.NaN;
}

function parseCredential(credential: string): { id: string; day: string } {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[3] !== "oss" || parts[4] !== "aliyun_v4_request") {
    throw ossErrors.invalidArgument("The credential is malformed.", "Credential", credential);
  }
  return { id: parts[0] as string, day: parts[1] as string };
}

function verifyV4Header(request: IncomingRequest, target: RequestTarget, context: AuthContext, authorization: string): EmulatorAccount {
  const fields = new Map<string, string>();
  for (const part of authorization.slice(V4_ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const { id, day } = parseCredential(fields.get("Credential") ?? "");
  const found = account(context, id);
  const timestamp = request.headers["x-oss-date"] ?? "";
  checkSkew(context, parseV4Date(timestamp));
  checkToken(found, request.headers["x-oss-security-token"]);
  const payloadHash = request.headers["x-oss-content-sha256"];
  if (!payloadHash) throw ossErrors.invalidArgument("x-oss-content-sha256 is required with V4 signatures.", "x-oss-content-sha256", "");
  const additional = (fields.get("AdditionalHeaders") ?? "").split(";").filter((name) => name !== "");
  const canonical = v4CanonicalRequest({ method: request.method, ...bucketAndKey(target), query: target.query, headers: request.headers, additionalHeaders: additional, payloadHash });
  const stringToSign = v4StringToSign(timestamp, v4Scope(timestamp.slice(0, 8), context.region), canonical);
  const expected = v4Signature(found.accessKeySecret, timestamp.slice(0, 8), context.region, stringToSign);
  if (day !== timestamp.slice(0, 8) || !sameText(expected, fields.get("Signature") ?? "")) throw ossErrors.signatureDoesNotMatch(stringToSign, id);
  return found;
}

function verifyV4Query(request: IncomingRequest, target: RequestTarget, context: AuthContext): EmulatorAccount {
  if (queryValue(target.query, "x-oss-signature-version") !== V4_ALGORITHM) {
    throw ossErrors.invalidArgument("Unsupported signature version.", "x-oss-signature-version", String(queryValue(target.query, "x-oss-signature-version")));
  }
  const { id, day } = parseCredential(queryValue(target.query, "x-oss-credential") ?? "");
  const found = account(context, id);
  const timestamp = queryValue(target.query, "x-oss-date") ?? "";
  const expires = Number(queryValue(target.query, "x-oss-expires") ?? "NaN");
  const signedAt = parseV4Date(timestamp);
  if (!Number.isFinite(signedAt) || !Number.isSafeInteger(expires) || signedAt + expires * 1000 < context.now()) {
    throw ossErrors.accessDenied("Request has expired.");
  }
  checkToken(found, queryValue(target.query, "x-oss-security-token"));
  const additional = (queryValue(target.query, "x-oss-additional-headers") ?? "").split(";").filter((name) => name !== "");
  const query = target.query.filter(([name]) => name !== "x-oss-signature");
  const canonical = v4CanonicalRequest({ method: request.method, ...bucketAndKey(target), query, headers: request.headers, additionalHeaders: additional, payloadHash: "UNSIGNED-PAYLOAD" });
  const stringToSign = v4StringToSign(timestamp, v4Scope(timestamp.slice(0, 8), context.region), canonical);
  const expected = v4Signature(found.accessKeySecret, timestamp.slice(0, 8), context.region, stringToSign);
  if (day !== timestamp.slice(0, 8) || !sameText(expected, queryValue(target.query, "x-oss-signature") ?? "")) throw ossErrors.signatureDoesNotMatch(stringToSign, id);
  return found;
}

function bucketAndKey(target: RequestTarget): { bucket?: string; key?: string } {
  return { ...(target.bucket !== undefined ? { bucket: target.bucket } : {}), ...(target.key !== undefined ? { key: target.key } : {}) };
}
