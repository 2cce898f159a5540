import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { bodyFor, eventBody, withoutStage } from "./event-body.js";

/**
 * HTTP API (payload 2.0) or function URL event → Request. Header names arrive lower-case with repeated
 * values comma-joined; cookies come separately in `cookies[]`; `rawPath`/`rawQueryString` are as sent.
 */
export function requestFromApiGatewayV2(event: APIGatewayProxyEventV2): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers.set(name, value);
  }
  if (event.cookies && event.cookies.length > 0) headers.set("cookie", event.cookies.join("; "));
  const context = event.requestContext;
  const path = withoutStage(event.rawPath || context.http.path || "/", context.stage);
  const host = context.domainName || headers.get("host") || "localhost";
  const protocol = headers.get("x-forwarded-proto") ?? "https";
  const search = event.rawQueryString ? `?${event.rawQueryString}` : "";
  // Setting the path as a path: "//evil.example/x" must not become another host, nor "?" a query.
  const url = new URL(`${protocol}://${host}`);
  url.pathname = path;
  url.search = search;
  const method = context.http.method.toUpperCase();
  const body = bodyFor(method, eventBody(event.body, event.isBase64Encoded));
  return new Request(url, { method, headers, ...(body ? { body } : {}) });
}
