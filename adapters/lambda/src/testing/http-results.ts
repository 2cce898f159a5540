import type { LambdaHttpTransport } from "./api-shapes.js";

/** API Gateway's own answer when the function's result is not a valid proxy result. */
function malformed(reason: string): Response {
  return new Response(JSON.stringify({ message: "Internal server error", reason }), { status: 502, headers: { "content-type": "application/json" } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What API Gateway (or the function URL) sends the client for a function result: the proxy result's
 * status, headers (plus `multiValueHeaders` / `cookies`) and body (base64-decoded when flagged). A
 * result API Gateway would reject becomes its 502, so a malformed result fails a test instead of passing.
 */
export function responseFromResult(transport: LambdaHttpTransport, result: unknown, method: string): Response {
  if (transport !== "api-gateway-v1" && (typeof result === "string" || (isRecord(result) && result.statusCode === undefined))) {
    // 2.0 formats: a value without statusCode is a 200 JSON body.
    return new Response(typeof result === "string" ? result : JSON.stringify(result), { status: 200, headers: { "content-type": "application/json" } });
  }
  if (!isRecord(result)) return malformed("the result is not an object");
  const { statusCode, body, isBase64Encoded } = result;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return malformed("statusCode");
  if (transport === "api-gateway-v1" && typeof body !== "string") return malformed("body must be a string");
  if (body !== undefined && typeof body !== "string") return malformed("body must be a string");
  const headers = new Headers();
  if (isRecord(result.headers)) for (const [name, value] of Object.entries(result.headers)) headers.set(name, String(value));
  if (isRecord(result.multiValueHeaders)) {
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(values)) return malformed(`multiValueHeaders.${name}`);
      headers.delete(name);
      for (const value of values) headers.append(name, String(value));
    }
  }
  if (Array.isArray(result.cookies)) for (const cookie of result.cookies) headers.append("set-cookie", String(cookie));
  const bytes = body ? (isBase64Encoded === true ? Buffer.from(body, "base64") : Buffer.from(body, "utf8")) : null;
  const bodyless = method === "HEAD" || statusCode === 204 || statusCode === 304;
  if (bytes && !bodyless) headers.set("content-length", String(bytes.byteLength));
  return new Response(bodyless || !bytes ? null : new Uint8Array(bytes), { status: statusCode, headers });
}
