import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import {
  NOT_SIGNABLE_AS_HEADER,
  buildStringToSign,
  contentMd5,
  isFormContentType,
  signStringToSign,
} from "./api-gateway-string-to-sign.js";
import { MemoryNonceStore, type NonceStore } from "./nonce-store.js";

export interface ApiGatewayAuthOptions {
  /** AppKey → AppSecret, or a lookup (e.g. from a secret manager); undefined = unknown key. */
  apps: Readonly<Record<string, string>> | ((appKey: string) => string | undefined | Promise<string | undefined>);
  /** Default: one MemoryNonceStore per middleware. */
  nonces?: NonceStore;
  /** Accepted distance between X-Ca-Timestamp and the server clock (default 15 minutes, as the gateway). */
  maxClockSkewMs?: number;
  now?: () => number;
}

/** Stable reasons, sent as `X-Hotpatch-Error-Code` next to the gateway-style `X-Ca-Error-Message`. */
export type ApiGatewayAuthFailure =
  | "missing_header"
  | "unknown_app_key"
  | "unsupported_signature_method"
  | "invalid_timestamp"
  | "invalid_signature_headers"
  | "content_md5_mismatch"
  | "nonce_used"
  | "invalid_signature";

const FIFTEEN_MINUTES = 15 * 60 * 1000;
/** The timestamp, nonce and key must be inside the signature, or they could be swapped on a replay. */
const REQUIRED_SIGNED = ["x-ca-key", "x-ca-nonce", "x-ca-timestamp"];

class AuthFailure extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly reason: ApiGatewayAuthFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies API Gateway "app authentication" (HmacSHA256 `X-Ca-*` signatures) so that the self-hosted
 * server can require what the gateway enforces in the cloud: the exact StringToSign, a 15-minute
 * timestamp window, single-use nonces, Content-MD5 for bodies, constant-time comparison. Refusals name
 * the header at fault and never echo a secret.
 */
export function apiGatewayAuth(options: ApiGatewayAuthOptions) {
  const lookup = typeof options.apps === "function" ? options.apps : (key: string) => (Object.hasOwn(options.apps, key) ? (options.apps as Record<string, string>)[key] : undefined);
  const nonces = options.nonces ?? new MemoryNonceStore(options.now ? { now: options.now } : {});
  const maxSkew = options.maxClockSkewMs ?? FIFTEEN_MINUTES;
  const now = options.now ?? Date.now;

  return createMiddleware(async (c, next) => {
    try {
      await verify(c, lookup, nonces, maxSkew, now);
    } catch (error) {
      if (!(error instanceof AuthFailure)) throw error;
      return c.text(error.message, error.status, {
        "X-Ca-Error-Message": error.message.replace(/[^\x20-\x7e]/g, "?"),
        "X-Hotpatch-Error-Code": error.reason,
      });
    }
    await next();
  });
}

async function verify(
  c: Context,
  lookup: (appKey: string) => string | undefined | Promise<string | undefined>,
  nonces: NonceStore,
  maxSkew: number,
  now: () => number,
): Promise<void> {
  const header = (name: string): string | undefined => c.req.header(name);
  const appKey = header("x-ca-key");
  const signature = header("x-ca-signature");
  if (!appKey) throw new AuthFailure(401, "missing_header", "the request is not signed: the X-Ca-Key header is missing");
  if (!signature) throw new AuthFailure(401, "missing_header", "the request is not signed: the X-Ca-Signature header is missing");
  const secret = await lookup(appKey);
  if (secret === undefined) throw new AuthFailure(401, "unknown_app_key", "the X-Ca-Key header names an unknown AppKey");

  const method = header("x-ca-signature-method") ?? "HmacSHA256";
  if (method !== "HmacSHA256") throw new AuthFailure(400, "unsupported_signature_method", `X-Ca-Signature-Method must be HmacSHA256, not ${JSON.stringify(method.slice(0, 40))}`);

  const rawTimestamp = header("x-ca-timestamp");
  if (!rawTimestamp) throw new AuthFailure(400, "missing_header", "the X-Ca-Timestamp header is missing (epoch milliseconds)");
  const timestamp = /^\d{1,16}$/.test(rawTimestamp) ? Number(rawTimestamp) : Number.NaN;
  if (!Number.isSafeInteger(timestamp)) throw new AuthFailure(400, "invalid_timestamp", "X-Ca-Timestamp must be epoch milliseconds");
  if (Math.abs(now() - timestamp) > maxSkew) {
    throw new AuthFailure(400, "invalid_timestamp", `X-Ca-Timestamp is more than ${Math.round(maxSkew / 60_000)} minutes away from the server's clock`);
  }
  const nonce = header("x-ca-nonce");
  if (!nonce) throw new AuthFailure(400, "missing_header", "the X-Ca-Nonce header is missing");

  const listed = (header("x-ca-signature-headers") ?? "").split(",").map((name) => name.trim().toLowerCase()).filter((name) => name !== "");
  for (const required of REQUIRED_SIGNED) {
    if (!listed.includes(required)) throw new AuthFailure(400, "invalid_signature_headers", `X-Ca-Signature-Headers must include ${required}`);
  }
  const notSignable = listed.find((name) => NOT_SIGNABLE_AS_HEADER.has(name));
  if (notSignable) throw new AuthFailure(400, "invalid_signature_headers", `X-Ca-Signature-Headers must not list ${notSignable}`);
  const signedHeaders = [...new Set(listed)].sort().map((name): [string, string] => {
    const value = header(name);
    if (value === undefined) throw new AuthFailure(400, "invalid_signature_headers", `X-Ca-Signature-Headers lists ${name}, but the request has no such header`);
    return [name, value];
  });

  const url = new URL(c.req.url);
  const contentType = header("content-type") ?? "";
  const md5 = header("content-md5") ?? "";
  const parameters: Array<[string, string]> = [...url.searchParams.entries()];
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    // A clone, so the route still reads the body; API Gateway bodies are small (≤ 8 MB at the gateway).
    const body = new Uint8Array(await c.req.raw.clone().arrayBuffer());
    if (isFormContentType(contentType)) {
      parameters.push(...new URLSearchParams(new TextDecoder().decode(body)).entries());
    } else if (body.byteLength > 0) {
      if (!md5) throw new AuthFailure(400, "missing_header", "a request with a body must carry Content-MD5 (base64 MD5 of the body) so the signature covers it");
      if (md5 !== contentMd5(body)) throw new AuthFailure(400, "content_md5_mismatch", "Content-MD5 does not match the body");
    }
  }

  const stringToSign = buildStringToSign({
    method: c.req.method,
    accept: header("accept") ?? "",
    contentMd5: md5,
    contentType,
    date: header("date") ?? "",
    signedHeaders,
    path: url.pathname,
    parameters,
  });
  const expected = Buffer.from(signStringToSign(secret, stringToSign), "base64");
  const provided = Buffer.from(signature, "base64");
  if (expected.length !== provided.length || !timingSafeEqual(expected, provided)) {
    // Like the gateway, show the server's StringToSign so a client can diff its own — but without the
    // signed headers' values: a client that signs its Authorization header would see its key echoed.
    throw new AuthFailure(401, "invalid_signature", `X-Ca-Signature does not match; the server's StringToSign was: ${withoutHeaderValues(stringToSign).replace(/\n/g, "#")}`);
  }
  // Claimed only after the signature holds, so forged requests cannot burn a client's nonces.
  // Held one millisecond past the last instant the timestamp check still accepts, so no replay fits in.
  if (!(await nonces.claim(`${appKey}:${nonce}`, timestamp + maxSkew + 1))) {
    throw new AuthFailure(400, "nonce_used", "X-Ca-Nonce was already used; every signed request needs a fresh nonce");
  }
}

/** `name:value` lines of the signed headers keep their names only. */
function withoutHeaderValues(stringToSign: string): string {
  return stringToSign
    .split("\n")
    .map((line) => (/^[A-Za-z0-9-]+:/.test(line) && !line.startsWith("/") ? `${line.slice(0, line.indexOf(":") + 1)}…` : line))
    .join("\n");
}
